import type { Db } from '../connection'
import type { PrivateNote } from '@shared/domain/article'

/** An article's private note, if it has one. */
export function readNote(db: Db, articleId: string): PrivateNote | null {
  const row = db.prepare('SELECT body, updated_at FROM private_notes WHERE article_id = ?').get(articleId) as { body: string; updated_at: number } | undefined
  return row === undefined ? null : { body: row.body, updatedAt: row.updated_at }
}

/** Writes the note; an empty one is deleted (secure_delete overwrites what it said). */
export function writeNote(db: Db, articleId: string, body: string, at: number): void {
  if (body.trim() === '') {
    db.prepare('DELETE FROM private_notes WHERE article_id = ?').run(articleId)
    return
  }
  db.prepare(
    `INSERT INTO private_notes (article_id, body, updated_at) VALUES (@articleId, @body, @at)
     ON CONFLICT (article_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`
  ).run({ articleId, body, at })
}
