import type { Db } from '../connection'
import type { ArticleMeta, Revision, RevisionReason, RevisionSummary } from '@shared/domain/article'
import { EMPTY_META } from '@shared/domain/article'

interface RevisionRow {
  id: string
  article_id: string
  reason: RevisionReason
  created_at: number
  title: string
  standfirst: string
  body: string
  body_text: string
  meta: string
  word_count: number
}

type RevisionSummaryRow = Pick<RevisionRow, 'id' | 'article_id' | 'reason' | 'created_at' | 'title' | 'word_count'>

function rowToSummary(row: RevisionSummaryRow): RevisionSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    reason: row.reason,
    createdAt: row.created_at,
    title: row.title,
    wordCount: row.word_count
  }
}

function rowToRevision(row: RevisionRow): Revision {
  return {
    ...rowToSummary(row),
    standfirst: row.standfirst,
    body: row.body,
    bodyText: row.body_text,
    // Revisions from before a field existed take its default.
    meta: { ...EMPTY_META, ...(JSON.parse(row.meta) as Partial<ArticleMeta>) }
  }
}

function revisionToRow(revision: Revision): RevisionRow {
  return {
    id: revision.id,
    article_id: revision.articleId,
    reason: revision.reason,
    created_at: revision.createdAt,
    title: revision.title,
    standfirst: revision.standfirst,
    body: revision.body,
    body_text: revision.bodyText,
    meta: JSON.stringify(revision.meta),
    word_count: revision.wordCount
  }
}

/** Stores a snapshot. */
export function insertRevision(db: Db, revision: Revision): void {
  db.prepare(
    `INSERT INTO revisions (id, article_id, reason, created_at, title, standfirst, body, body_text, meta, word_count)
     VALUES (@id, @article_id, @reason, @created_at, @title, @standfirst, @body, @body_text, @meta, @word_count)`
  ).run(revisionToRow(revision))
}

/** An article's snapshots, newest first, without their bodies. */
export function listRevisions(db: Db, articleId: string): RevisionSummary[] {
  const rows = db
    .prepare(
      `SELECT id, article_id, reason, created_at, title, word_count FROM revisions
       WHERE article_id = ? ORDER BY created_at DESC, rowid DESC`
    )
    .all(articleId) as RevisionSummaryRow[]
  return rows.map(rowToSummary)
}

/** One snapshot, or undefined. */
export function findRevision(db: Db, id: string): Revision | undefined {
  const row = db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as RevisionRow | undefined
  return row === undefined ? undefined : rowToRevision(row)
}

/** Time of the article's newest snapshot, or undefined if it has none. */
export function latestRevisionTime(db: Db, articleId: string): number | undefined {
  const row = db.prepare('SELECT max(created_at) AS at FROM revisions WHERE article_id = ?').get(articleId) as { at: number | null }
  return row.at ?? undefined
}

/** Body of the article's newest snapshot, to skip snapshots that would change nothing. */
export function latestRevisionBody(db: Db, articleId: string): { body: string; title: string; standfirst: string } | undefined {
  return db.prepare('SELECT body, title, standfirst FROM revisions WHERE article_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(articleId) as
    { body: string; title: string; standfirst: string } | undefined
}

/** Keeps only the newest `keep` automatic snapshots of an article. */
export function pruneAutoRevisions(db: Db, articleId: string, keep: number): number {
  return db
    .prepare(
      `DELETE FROM revisions WHERE article_id = @articleId AND reason = 'auto' AND id NOT IN (
         SELECT id FROM revisions WHERE article_id = @articleId AND reason = 'auto'
         ORDER BY created_at DESC, rowid DESC LIMIT @keep)`
    )
    .run({ articleId, keep }).changes
}

/** Deletes every saved version of an article; how many there were. */
export function deleteRevisionsOf(db: Db, articleId: string): number {
  return db.prepare('DELETE FROM revisions WHERE article_id = ?').run(articleId).changes
}
