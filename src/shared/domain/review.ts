import type { ArticleStatus } from './article'
import { ARTICLE_STATUSES } from './article'
import type { Role, StatusChange } from './workflow'

/**
 * Review data that travels with an article (through the site's companion plugin or
 * a .qalam bundle): comment threads and the status history. Suggestions live in the
 * document itself (suggestion nodes), and comment anchors are mark nodes in it whose
 * ids are thread ids.
 *
 * Review data merges without a base: every entry has an id, entries are never
 * removed (a deleted comment is a tombstone), and where both sides changed the same
 * entry the one changed last wins. Merging is commutative, so two machines that have
 * seen the same entries hold the same review data whatever the order.
 */

export interface ReviewComment {
  id: string
  /** The thread's first comment's id; equals id for a thread's first comment. */
  threadId: string
  author: string
  body: string
  /** The text the thread was anchored to when it was opened (shown when the text is gone). */
  quote: string
  createdAt: number
  /** Last change to this entry (edit, resolve, reopen, delete). */
  updatedAt: number
  /** On a thread's first comment: whether the thread is resolved. */
  resolved: boolean
  resolvedBy: string
  deleted: boolean
  /**
   * Set by the site's companion plugin, never by Qalam: the site user who sent this
   * comment when it is not its author (an editor pushing a reporter's comments that came
   * in a bundle). The author's name is what a file said; this is who the site knows sent it.
   */
  relayedBy?: string
}

export interface ReviewData {
  comments: ReviewComment[]
  history: StatusChange[]
}

export const EMPTY_REVIEW: ReviewData = { comments: [], history: [] }

/** A comment thread as the side panel shows it. */
export interface ReviewThread {
  id: string
  quote: string
  resolved: boolean
  resolvedBy: string
  comments: ReviewComment[]
}

/** The review of one article, with what the panel needs to know about it. */
export interface ArticleReview extends ReviewData {
  articleId: string
}

/** Who the user is for an article: their name and role, and where that comes from. */
export interface ReviewIdentity {
  name: string
  role: Role
  /** 'site': from the signed-in user's capabilities (edit_others_posts); 'local': from settings. */
  source: 'site' | 'local'
  /** Whether the article's site has the companion plugin (review data travels with sync). */
  bridge: boolean | null
  /** Whether the article's site has WordPress's Notes (comment threads travel as notes); absent until asked. */
  notes?: boolean
}

/** One row of the editor's review queue. */
export interface QueueItem {
  id: string
  title: string
  status: ArticleStatus
  author: string
  wordCount: number
  /** When it was last handed in (ms since epoch). */
  submittedAt: number
  siteId: string | null
  openComments: number
}

/** A deleted comment is a tombstone: it keeps its place in the thread and nothing of what it said. */
const comment = (c: ReviewComment): ReviewComment => ({
  id: String(c.id),
  threadId: String(c.threadId),
  author: String(c.author),
  body: c.deleted === true ? '' : String(c.body),
  quote: c.deleted === true ? '' : String(c.quote),
  createdAt: Number(c.createdAt),
  updatedAt: Number(c.updatedAt),
  resolved: c.resolved === true,
  resolvedBy: String(c.resolvedBy ?? ''),
  deleted: c.deleted === true,
  ...relayed(c.relayedBy)
})

/** `relayedBy` is kept only when it says something, so entries nobody relayed compare as before. */
const relayed = (v: unknown): { relayedBy?: string } => (typeof v === 'string' && v !== '' ? { relayedBy: v.slice(0, 200) } : {})

const change = (h: StatusChange): StatusChange => ({
  id: String(h.id),
  from: h.from,
  to: h.to,
  by: String(h.by),
  at: Number(h.at),
  note: String(h.note ?? ''),
  ...relayed(h.relayedBy),
  ...(Number.isSafeInteger(h.userId) && h.userId! > 0 ? { userId: h.userId } : {}),
  ...(h.unvouched === true ? { unvouched: true as const } : {})
})

const byTimeThenId =
  <T extends { id: string }>(time: (x: T) => number) =>
  (a: T, b: T) =>
    time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The one form review data is compared and stored in: fixed keys, sorted entries, no unknown statuses. */
export function normalizeReview(data: Partial<ReviewData> | null | undefined): ReviewData {
  const statuses = new Set<string>(ARTICLE_STATUSES)
  const comments = (Array.isArray(data?.comments) ? data.comments : []).map(comment).sort(byTimeThenId((c) => c.createdAt))
  const history = (Array.isArray(data?.history) ? data.history : [])
    .filter((h) => statuses.has(h.from) && statuses.has(h.to))
    .map(change)
    .sort(byTimeThenId((h) => h.at))
  return { comments, history }
}

/** Which of two versions of the same entry wins: the later change, then a fixed order so both machines agree. */
function later<T extends { updatedAt?: number }>(a: T, b: T): T {
  const ta = a.updatedAt ?? 0
  const tb = b.updatedAt ?? 0
  if (ta !== tb) return ta > tb ? a : b
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b
}

/** The site's stamp stays whichever side's copy of an entry wins (only the site sets it; both sides agree on the smaller if two differ). */
function stamp(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b
  if (!b) return a
  return a <= b ? a : b
}

/** Merges two sides' review data (see the file comment): union by id, the later change of an entry wins; a deletion on either side stands. */
export function mergeReview(a: ReviewData, b: ReviewData): ReviewData {
  const comments = new Map<string, ReviewComment>()
  for (const c of [...a.comments, ...b.comments]) {
    const seen = comments.get(c.id)
    const winner = seen === undefined ? c : later(seen, c)
    const relayedBy = seen === undefined ? c.relayedBy : stamp(seen.relayedBy, c.relayedBy)
    comments.set(c.id, { ...winner, ...(seen !== undefined && (seen.deleted || c.deleted) ? { deleted: true } : {}), ...relayed(relayedBy) })
  }
  const history = new Map<string, StatusChange>()
  for (const h of [...a.history, ...b.history]) {
    const seen = history.get(h.id)
    if (seen === undefined) {
      history.set(h.id, h)
      continue
    }
    // The site's stamps stay whichever copy came first; a move is unvouched only while no copy of it is trusted.
    const { unvouched: _u, userId: _id, ...rest } = seen
    const userId = seen.userId ?? h.userId
    history.set(h.id, {
      ...rest,
      ...relayed(stamp(seen.relayedBy, h.relayedBy)),
      ...(userId !== undefined ? { userId } : {}),
      ...(seen.unvouched === true && h.unvouched === true ? { unvouched: true as const } : {})
    })
  }
  return normalizeReview({ comments: [...comments.values()], history: [...history.values()] })
}

/** How far ahead of this machine's clock another machine's entry may be dated (clocks differ; a forged date does not). */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000

/**
 * Review data from another machine with its dates held to this machine's clock: an
 * entry dated more than a day ahead is dated now, so a forged one cannot stay "last".
 */
export function clampFuture(data: ReviewData, now: number): ReviewData {
  const limit = now + FUTURE_TOLERANCE_MS
  const at = (t: number) => (t > limit ? now : t)
  return normalizeReview({
    comments: data.comments.map((c) => ({ ...c, createdAt: at(c.createdAt), updatedAt: at(c.updatedAt) })),
    history: data.history.map((h) => ({ ...h, at: at(h.at) }))
  })
}

/** The status the history ends with, if any: the last move this desk trusts (an unvouched one from the site never counts). */
export function latestStatus(data: ReviewData): ArticleStatus | null {
  for (let i = data.history.length - 1; i >= 0; i--) if (data.history[i]!.unvouched !== true) return data.history[i]!.to
  return null
}

/** The moves only an editor may make: the site's plugin refuses them from anyone who may not publish. */
export const EDITOR_MOVES: ReadonlySet<ArticleStatus> = new Set<ArticleStatus>(['approved', 'scheduled', 'published'])

/**
 * The site's review data as this desk takes it: an editor's move (approve, schedule, publish)
 * that the site's plugin did not stamp with the WordPress user who sent it (data written round
 * the plugin, or by a version before 1.1) is marked unvouched, unless this desk already holds
 * that move as trusted (it made it, or took it from a file it checked).
 */
export function vouchedBySite(site: ReviewData, local: ReviewData): ReviewData {
  const trusted = new Set(local.history.filter((h) => h.unvouched !== true).map((h) => h.id))
  return {
    comments: site.comments,
    history: site.history.map((h) => {
      const { unvouched: _u, ...rest } = h
      return EDITOR_MOVES.has(h.to) && h.userId === undefined && !trusted.has(h.id) ? { ...rest, unvouched: true as const } : rest
    })
  }
}

/** Review data as sync compares and sends it: this desk's own marks (`unvouched`) dropped. */
export function withoutDeskMarks(data: ReviewData): ReviewData {
  return { comments: data.comments, history: data.history.map(({ unvouched: _u, ...h }) => h) }
}

/** Review data as it leaves this desk in a file: this desk's own marks dropped, and the site's user IDs, which only a site may set. */
export function outgoingReview(data: ReviewData): ReviewData {
  return {
    comments: data.comments,
    history: data.history.map(({ unvouched: _u, userId: _id, ...h }) => h)
  }
}

/** Threads in the order they were opened, replies in order, deleted comments left out (a thread whose first comment is deleted is gone). */
export function threadsOf(data: ReviewData): ReviewThread[] {
  const threads = new Map<string, ReviewThread>()
  for (const c of data.comments) {
    if (c.id === c.threadId) {
      if (!c.deleted) threads.set(c.id, { id: c.id, quote: c.quote, resolved: c.resolved, resolvedBy: c.resolvedBy, comments: [c] })
    }
  }
  for (const c of data.comments) {
    if (c.id !== c.threadId && !c.deleted) threads.get(c.threadId)?.comments.push(c)
  }
  return [...threads.values()]
}
