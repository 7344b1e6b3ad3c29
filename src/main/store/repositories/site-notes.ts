import type { Db } from '../connection'

/** A note on a site and the Qalam comment it is, with what the site last said of it. */
export interface SiteNote {
  siteId: string
  noteId: number
  articleId: string
  commentId: string
  resolved: boolean
  deleted: boolean
}

interface Row {
  site_id: string
  note_id: number
  article_id: string
  comment_id: string
  resolved: number
  deleted: number
}

const fromRow = (r: Row): SiteNote => ({
  siteId: r.site_id,
  noteId: r.note_id,
  articleId: r.article_id,
  commentId: r.comment_id,
  resolved: r.resolved === 1,
  deleted: r.deleted === 1
})

export function notesOfArticle(db: Db, siteId: string, articleId: string): SiteNote[] {
  return (db.prepare('SELECT * FROM site_notes WHERE site_id = ? AND article_id = ? ORDER BY note_id').all(siteId, articleId) as Row[]).map(fromRow)
}

export function articlesWithNotes(db: Db, siteId: string): Set<string> {
  return new Set((db.prepare('SELECT DISTINCT article_id FROM site_notes WHERE site_id = ?').all(siteId) as { article_id: string }[]).map((r) => r.article_id))
}

export function noteOfComment(db: Db, siteId: string, commentId: string): SiteNote | undefined {
  const row = db.prepare('SELECT * FROM site_notes WHERE site_id = ? AND comment_id = ?').get(siteId, commentId) as Row | undefined
  return row === undefined ? undefined : fromRow(row)
}

/** Records a note (or what the site now says of one already known). */
export function putNote(db: Db, note: SiteNote): void {
  db.prepare(
    `INSERT INTO site_notes (site_id, note_id, article_id, comment_id, resolved, deleted)
     VALUES (@site_id, @note_id, @article_id, @comment_id, @resolved, @deleted)
     ON CONFLICT (site_id, note_id) DO UPDATE SET resolved = excluded.resolved, deleted = excluded.deleted`
  ).run({
    site_id: note.siteId,
    note_id: note.noteId,
    article_id: note.articleId,
    comment_id: note.commentId,
    resolved: note.resolved ? 1 : 0,
    deleted: note.deleted ? 1 : 0
  })
}

/** Whether the site has WordPress's Notes: null until Qalam has asked. */
export function siteHasNotes(db: Db, siteId: string): boolean | null {
  const row = db.prepare('SELECT notes FROM sites WHERE id = ?').get(siteId) as { notes: number | null } | undefined
  return row === undefined || row.notes === null ? null : row.notes === 1
}

export function setSiteHasNotes(db: Db, siteId: string, notes: boolean): void {
  db.prepare('UPDATE sites SET notes = ? WHERE id = ?').run(notes ? 1 : 0, siteId)
}
