import type { Db } from '../connection'
import type { MediaItem } from '@shared/domain/article'

interface MediaRow {
  id: string
  mime: string
  bytes: number
  sha256: string
  original_name: string
  created_at: number
}

function rowToMedia(row: MediaRow): MediaItem {
  return { id: row.id, mime: row.mime, bytes: row.bytes, originalName: row.original_name, createdAt: row.created_at }
}

/** Records an image copied into the data folder. */
export function insertMedia(db: Db, item: MediaItem & { sha256: string }): void {
  db.prepare(
    `INSERT INTO media (id, mime, bytes, sha256, original_name, created_at)
     VALUES (@id, @mime, @bytes, @sha256, @original_name, @created_at)`
  ).run({
    id: item.id,
    mime: item.mime,
    bytes: item.bytes,
    sha256: item.sha256,
    original_name: item.originalName,
    created_at: item.createdAt
  })
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
