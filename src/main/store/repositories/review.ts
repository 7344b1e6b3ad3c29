import type { Db } from '../connection'
import type { ReviewComment, ReviewData } from '@shared/domain/review'
import { normalizeReview } from '@shared/domain/review'
import type { ArticleStatus } from '@shared/domain/article'
import type { StatusChange } from '@shared/domain/workflow'

interface CommentRow {
  id: string
  article_id: string
  thread_id: string
  author: string
  body: string
  quote: string
  created_at: number
  updated_at: number
  resolved: number
  resolved_by: string
  deleted: number
  relayed_by: string
}

interface HistoryRow {
  id: string
  article_id: string
  from_status: string
  to_status: string
  by_name: string
  at: number
  note: string
  relayed_by: string
  site_user_id: number
  unvouched: number
}

function rowToComment(row: CommentRow): ReviewComment {
  return {
    id: row.id,
    threadId: row.thread_id,
    author: row.author,
    body: row.body,
    quote: row.quote,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolved: row.resolved === 1,
    resolvedBy: row.resolved_by,
    deleted: row.deleted === 1,
    relayedBy: row.relayed_by
  }
}

function commentToRow(articleId: string, c: ReviewComment): CommentRow {
  return {
    id: c.id,
    article_id: articleId,
    thread_id: c.threadId,
    author: c.author,
    // A deleted comment's words are not kept: the tombstone only holds its place in the thread.
    body: c.deleted ? '' : c.body,
    quote: c.deleted ? '' : c.quote,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    resolved: c.resolved ? 1 : 0,
    resolved_by: c.resolvedBy,
    deleted: c.deleted ? 1 : 0,
    relayed_by: c.relayedBy ?? ''
  }
}

function rowToChange(row: HistoryRow): StatusChange {
  return {
    id: row.id,
    from: row.from_status as ArticleStatus,
    to: row.to_status as ArticleStatus,
    by: row.by_name,
    at: row.at,
    note: row.note,
    relayedBy: row.relayed_by,
    ...(row.site_user_id > 0 ? { userId: row.site_user_id } : {}),
    ...(row.unvouched === 1 ? { unvouched: true } : {})
  }
}

/** An article's comments and status history, in their normal form. */
export function readReview(db: Db, articleId: string): ReviewData {
  const comments = db.prepare('SELECT * FROM review_comments WHERE article_id = ? ORDER BY created_at, id').all(articleId) as CommentRow[]
  const history = db.prepare('SELECT * FROM status_history WHERE article_id = ? ORDER BY at, id').all(articleId) as HistoryRow[]
  return normalizeReview({ comments: comments.map(rowToComment), history: history.map(rowToChange) })
}

/** Writes one comment (new or changed); a comment of another article with the same id is never touched. */
export function putComment(db: Db, articleId: string, comment: ReviewComment): void {
  db.prepare(
    `INSERT INTO review_comments (id, article_id, thread_id, author, body, quote, created_at, updated_at, resolved, resolved_by, deleted, relayed_by)
     VALUES (@id, @article_id, @thread_id, @author, @body, @quote, @created_at, @updated_at, @resolved, @resolved_by, @deleted, @relayed_by)
     ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, resolved = excluded.resolved,
       resolved_by = excluded.resolved_by, deleted = excluded.deleted, author = excluded.author, quote = excluded.quote,
       relayed_by = CASE WHEN excluded.relayed_by = '' THEN review_comments.relayed_by ELSE excluded.relayed_by END
     WHERE review_comments.article_id = excluded.article_id`
  ).run(commentToRow(articleId, comment))
}

export function findComment(db: Db, id: string): (ReviewComment & { articleId: string }) | undefined {
  const row = db.prepare('SELECT * FROM review_comments WHERE id = ?').get(id) as CommentRow | undefined
  return row === undefined ? undefined : { ...rowToComment(row), articleId: row.article_id }
}

export function addStatusChange(db: Db, articleId: string, change: StatusChange): void {
  db.prepare(
    `INSERT INTO status_history (id, article_id, from_status, to_status, by_name, at, note, relayed_by, site_user_id, unvouched)
     VALUES (@id, @article_id, @from_status, @to_status, @by_name, @at, @note, @relayed_by, @site_user_id, @unvouched)
     ON CONFLICT (id) DO UPDATE SET
       relayed_by = CASE WHEN status_history.relayed_by = '' THEN excluded.relayed_by ELSE status_history.relayed_by END,
       site_user_id = CASE WHEN status_history.site_user_id = 0 THEN excluded.site_user_id ELSE status_history.site_user_id END,
       unvouched = MIN(status_history.unvouched, excluded.unvouched)
     WHERE status_history.article_id = excluded.article_id`
  ).run({
    id: change.id,
    article_id: articleId,
    from_status: change.from,
    to_status: change.to,
    by_name: change.by,
    at: change.at,
    note: change.note,
    relayed_by: change.relayedBy ?? '',
    site_user_id: change.userId ?? 0,
    unvouched: change.unvouched === true ? 1 : 0
  })
}

/** Replaces an article's review data with `data` (already merged with what was here): one transaction. */
export function writeReview(db: Db, articleId: string, data: ReviewData): void {
  db.transaction(() => {
    for (const c of data.comments) putComment(db, articleId, c)
    for (const h of data.history) addStatusChange(db, articleId, h)
  })()
}

/** When each listed article was last handed in (the latest move to 'submitted'), and its open thread count. */
export function queueFacts(db: Db, articleIds: string[]): Map<string, { submittedAt: number | null; submittedBy: string | null; openThreads: number }> {
  const out = new Map<string, { submittedAt: number | null; submittedBy: string | null; openThreads: number }>()
  const submitted = db.prepare("SELECT at, by_name FROM status_history WHERE article_id = ? AND to_status = 'submitted' ORDER BY at DESC LIMIT 1")
  const open = db.prepare('SELECT count(*) AS n FROM review_comments WHERE article_id = ? AND id = thread_id AND resolved = 0 AND deleted = 0')
  for (const id of articleIds) {
    const s = submitted.get(id) as { at: number; by_name: string } | undefined
    out.set(id, { submittedAt: s?.at ?? null, submittedBy: s?.by_name ?? null, openThreads: (open.get(id) as { n: number }).n })
  }
  return out
}

/** Every comment of the article becomes a tombstone (no words) and every status note is emptied: the review's text is gone, its shape stays. */
export function purgeReviewText(db: Db, articleId: string, now: number): void {
  db.prepare("UPDATE review_comments SET body = '', quote = '', deleted = 1, updated_at = max(updated_at + 1, @now) WHERE article_id = @articleId").run({ articleId, now })
  db.prepare("UPDATE status_history SET note = '' WHERE article_id = ?").run(articleId)
}
