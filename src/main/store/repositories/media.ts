import type { Db } from '../connection'
import type { MediaItem } from '@shared/domain/article'

interface MediaRow {
  id: string
  mime: string
  bytes: number
  sha256: string
  original_name: string
  created_at: number
  full_size: number
}

function rowToMedia(row: MediaRow): MediaItem {
  return { id: row.id, mime: row.mime, bytes: row.bytes, originalName: row.original_name, createdAt: row.created_at, fullSize: row.full_size === 1 }
}

/** Records an image copied into the data folder. */
export function insertMedia(db: Db, item: MediaItem & { sha256: string }): void {
  db.prepare(
    `INSERT INTO media (id, mime, bytes, sha256, original_name, created_at, cleaned)
     VALUES (@id, @mime, @bytes, @sha256, @original_name, @created_at, 1)`
  ).run({
    id: item.id,
    mime: item.mime,
    bytes: item.bytes,
    sha256: item.sha256,
    original_name: item.originalName,
    created_at: item.createdAt
  })
}

/** Whether the image goes to the site as taken, not sized for the web. */
export function setFullSize(db: Db, id: string, fullSize: boolean): void {
  db.prepare('UPDATE media SET full_size = ? WHERE id = ?').run(fullSize ? 1 : 0, id)
}

/** The image with these exact bytes, if it was imported before. */
export function findMediaBySha(db: Db, sha256: string): MediaItem | undefined {
  const row = db.prepare('SELECT * FROM media WHERE sha256 = ?').get(sha256) as MediaRow | undefined
  return row === undefined ? undefined : rowToMedia(row)
}

/** One image record, or undefined. */
export function findMedia(db: Db, id: string): MediaItem | undefined {
  const row = db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined
  return row === undefined ? undefined : rowToMedia(row)
}

/** Every image's id. */
export function listMediaIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM media ORDER BY id').all() as { id: string }[]).map((r) => r.id)
}

/** Images stored before Qalam cleaned every image (migration 0160), oldest first. */
export function listUncleanedMedia(db: Db): MediaItem[] {
  return (db.prepare('SELECT * FROM media WHERE cleaned = 0 ORDER BY created_at, id').all() as MediaRow[]).map(rowToMedia)
}

export function markMediaCleaned(db: Db, id: string): void {
  db.prepare('UPDATE media SET cleaned = 1 WHERE id = ?').run(id)
}

/**
 * An image's id changed (its bytes were cleaned): every place that names it is rewritten
 * (bodies and metadata of articles and versions, featured images, the sites' uploads;
 * ids are 32 hex digits of a hash, so a textual replace touches nothing else), the old
 * record goes and its file is listed for deletion. Sync bases are the caller's (their hash).
 */
export function renameMedia(db: Db, from: string, to: MediaItem & { sha256: string }): void {
  if (findMedia(db, to.id) === undefined) insertMedia(db, to)
  const names = { from, to: to.id }
  db.prepare('UPDATE articles SET body = replace(body, @from, @to) WHERE instr(body, @from) > 0').run(names)
  db.prepare('UPDATE articles SET featured_image = @to WHERE featured_image = @from').run(names)
  db.prepare('UPDATE revisions SET body = replace(body, @from, @to), meta = replace(meta, @from, @to) WHERE instr(body, @from) > 0 OR instr(meta, @from) > 0').run(names)
  // An upload of the old bytes stays the article's attachment on that site (the site already has it).
  db.prepare('UPDATE OR IGNORE media_uploads SET media_id = @to WHERE media_id = @from').run(names)
  db.prepare('DELETE FROM media WHERE id = @from').run(names)
  db.prepare('INSERT OR IGNORE INTO media_discard (file) VALUES (@from)').run(names)
}

/** Lists a file of the media folder for deletion (in the transaction that made it useless). */
export function discardFile(db: Db, file: string): void {
  db.prepare('INSERT OR IGNORE INTO media_discard (file) VALUES (?)').run(file)
}

/** Files of images replaced by their cleaned copies, still to delete. */
export function listDiscarded(db: Db): string[] {
  return (db.prepare('SELECT file FROM media_discard ORDER BY file').all() as { file: string }[]).map((r) => r.file)
}

export function forgetDiscarded(db: Db, file: string): void {
  db.prepare('DELETE FROM media_discard WHERE file = ?').run(file)
}
