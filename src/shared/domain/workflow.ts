import type { ArticleStatus } from './article'

/**
 * The newsroom's workflow as pure rules: which status may follow which, and who
 * may move an article along. Main enforces them (articles:setStatus, sync, bundles);
 * the renderer offers only the moves they allow.
 */

export const ROLES = ['reporter', 'editor'] as const
export type Role = (typeof ROLES)[number]

export interface Transition {
  from: ArticleStatus
  to: ArticleStatus
  /** Who may make this move. */
  roles: readonly Role[]
}

const BOTH: readonly Role[] = ['reporter', 'editor']
const EDITOR: readonly Role[] = ['editor']

/** Every allowed move. Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = [
  // The reporter hands the draft in, or takes it back before anyone has started on it.
  { from: 'draft', to: 'submitted', roles: BOTH },
  { from: 'submitted', to: 'draft', roles: BOTH },
  // The desk picks it up and sends it back or passes it.
  { from: 'submitted', to: 'in_review', roles: EDITOR },
  { from: 'in_review', to: 'changes_requested', roles: EDITOR },
  { from: 'in_review', to: 'approved', roles: EDITOR },
  { from: 'submitted', to: 'changes_requested', roles: EDITOR },
  { from: 'submitted', to: 'approved', roles: EDITOR },
  // The reporter answers the changes asked for and hands it in again.
  { from: 'changes_requested', to: 'submitted', roles: BOTH },
  { from: 'changes_requested', to: 'in_review', roles: EDITOR },
  // An approved article is scheduled or published, or reopened.
  { from: 'approved', to: 'scheduled', roles: EDITOR },
  { from: 'approved', to: 'published', roles: EDITOR },
  { from: 'approved', to: 'in_review', roles: EDITOR },
  { from: 'scheduled', to: 'approved', roles: EDITOR },
  { from: 'scheduled', to: 'published', roles: EDITOR },
  // Spiked (killed): from anywhere before publication, and revived as a draft.
  { from: 'draft', to: 'spiked', roles: EDITOR },
  { from: 'submitted', to: 'spiked', roles: EDITOR },
  { from: 'in_review', to: 'spiked', roles: EDITOR },
  { from: 'changes_requested', to: 'spiked', roles: EDITOR },
  { from: 'approved', to: 'spiked', roles: EDITOR },
  { from: 'scheduled', to: 'spiked', roles: EDITOR },
  { from: 'spiked', to: 'draft', roles: EDITOR }
]

/** Why a move is refused, worded by the renderer. */
export type TransitionRefusal = 'not-allowed' | 'role' | 'open-suggestions' | 'needs-publish-time' | 'same-status'

export interface TransitionContext {
  /** Suggestions not yet accepted or rejected: an article with open suggestions is not approved or published. */
  openSuggestions: number
  /** The scheduled time, needed to schedule. */
  publishAt: number | null
}

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal }

export function findTransition(from: ArticleStatus, to: ArticleStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to)
}

/** Whether `role` may move an article from `from` to `to`, and if not, why. */
export function checkTransition(from: ArticleStatus, to: ArticleStatus, role: Role, context: TransitionContext): TransitionCheck {
  if (from === to) return { ok: false, reason: 'same-status' }
  const transition = findTransition(from, to)
  if (transition === undefined) return { ok: false, reason: 'not-allowed' }
  if (!transition.roles.includes(role)) return { ok: false, reason: 'role' }
  if ((to === 'approved' || to === 'scheduled' || to === 'published') && context.openSuggestions > 0) return { ok: false, reason: 'open-suggestions' }
  if (to === 'scheduled' && context.publishAt === null) return { ok: false, reason: 'needs-publish-time' }
  return { ok: true }
}

/** The moves `role` may make from `from` (whether the article's state allows them is checked on the move). */
export function nextStatuses(from: ArticleStatus, role: Role): ArticleStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.to)
}

/** Statuses an editor's review queue lists. */
export const QUEUE_STATUSES: readonly ArticleStatus[] = ['submitted', 'in_review']

/** One recorded move: who, when, from what to what, and why. */
export interface StatusChange {
  id: string
  from: ArticleStatus
  to: ArticleStatus
  /** The name of who made it (the site user's display name, or the local name). */
  by: string
  at: number
  note: string
  /** Set by the site's companion plugin only: the site user who sent this entry when `by` is someone else (see ReviewComment.relayedBy). */
  relayedBy?: string
  /** Set by the site's companion plugin only (1.1 on): the WordPress user ID that sent this entry to the site. */
  userId?: number
  /**
   * Set by this desk only, never sent: an approval, scheduling or publication that came from the
   * site without the plugin's `userId`, so no server vouched for who made it. It stays in the
   * history (which is append-only) and is never taken as the article's status.
   */
  unvouched?: true
}
