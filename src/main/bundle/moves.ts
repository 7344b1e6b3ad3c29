import type { ArticleStatus } from '@shared/domain/article'
import type { ReviewData } from '@shared/domain/review'
import { findTransition, type StatusChange } from '@shared/domain/workflow'

/** Publishing and scheduling happen on the site, never because a file says so. */
const NOT_FROM_A_FILE = new Set<ArticleStatus>(['published', 'scheduled'])

/**
 * The status moves a file brings that this machine accepts: from the status here (a new
 * article starts as a draft), each new move in time order must start where the last one
 * ended and be a move the workflow has; approving needs no open suggestions in the text;
 * publishing and scheduling are the site's. The first move that fails ends the walk.
 */
export function acceptedMoves(
  current: ArticleStatus | null,
  local: ReviewData,
  incoming: ReviewData,
  openSuggestions: number
): { status: ArticleStatus; accepted: StatusChange[]; refused: ArticleStatus | null } {
  const known = new Set(local.history.map((h) => h.id))
  const fresh = incoming.history.filter((h) => !known.has(h.id))
  let status: ArticleStatus = current ?? 'draft'
  const accepted: StatusChange[] = incoming.history.filter((h) => known.has(h.id))
  for (const move of fresh) {
    const ok = move.from === status && findTransition(move.from, move.to) !== undefined && !NOT_FROM_A_FILE.has(move.to) && !(move.to === 'approved' && openSuggestions > 0)
    if (!ok) return { status, accepted, refused: move.to }
    accepted.push(move)
    status = move.to
  }
  return { status, accepted, refused: null }
}
