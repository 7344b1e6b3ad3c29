import type { Db } from '../connection'

/** Intents written before a request that creates something on a site goes out. */

export interface OutboxEntry {
  id: string
  siteId: string
  kind: 'create_post' | 'upload_media'
  /** The article or media id the request is for. */
  subject: string
  /** What identifies the result on the site (a hash of the title and content, or the upload's file name). */
  fingerprint: string
  createdAt: number
  attempts: number
}

interface OutboxRow {
  id: string
  site_id: string
  kind: OutboxEntry['kind']
  subject: string
  fingerprint: string
  created_at: number
  attempts: number
}

const rowToOutbox = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  siteId: r.site_id,
  kind: r.kind,
  subject: r.subject,
  fingerprint: r.fingerprint,
  createdAt: r.created_at,
  attempts: r.attempts
})

/** The intent of one kind for one article or image, if one is waiting. */
export function findOutbox(db: Db, siteId: string, kind: OutboxEntry['kind'], subject: string): OutboxEntry | undefined {
  const row = db.prepare('SELECT * FROM sync_outbox WHERE site_id = @siteId AND kind = @kind AND subject = @subject').get({ siteId, kind, subject }) as OutboxRow | undefined
  return row === undefined ? undefined : rowToOutbox(row)
}

/** Records the intent before the request goes out (synchronous=FULL: it is on disk when this returns). */
export function putOutbox(db: Db, entry: OutboxEntry): void {
  db.prepare(
    `INSERT INTO sync_outbox (id, site_id, kind, subject, fingerprint, created_at, attempts) VALUES (@id, @siteId, @kind, @subject, @fingerprint, @createdAt, @attempts)
     ON CONFLICT (site_id, kind, subject) DO UPDATE SET fingerprint = excluded.fingerprint, attempts = sync_outbox.attempts + 1`
  ).run({ ...entry })
}

/** The request's result is known: the intent is done. */
export function deleteOutbox(db: Db, id: string): void {
  db.prepare('DELETE FROM sync_outbox WHERE id = @id').run({ id })
}
