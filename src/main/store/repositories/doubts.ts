import type { Db } from '../connection'
import type { OutboxEntry } from './outbox'

/** Attempts whose answer never came: the site may still carry them out. */

export interface Doubt {
  id: string
  siteId: string
  kind: OutboxEntry['kind'] | 'update_post'
  subject: string
  fingerprint: string
  /** When the attempt was sent and when Qalam stopped waiting for its answer. */
  sentAt: number
  endedAt: number
}

interface DoubtRow {
  id: string
  site_id: string
  kind: Doubt['kind']
  subject: string
  fingerprint: string
  sent_at: number
  ended_at: number
}

const rowToDoubt = (r: DoubtRow): Doubt => ({ id: r.id, siteId: r.site_id, kind: r.kind, subject: r.subject, fingerprint: r.fingerprint, sentAt: r.sent_at, endedAt: r.ended_at })

/** Records an attempt whose answer never came. */
export function addDoubt(db: Db, doubt: Doubt): void {
  db.prepare('INSERT INTO sync_doubts (id, site_id, kind, subject, fingerprint, sent_at, ended_at) VALUES (@id, @siteId, @kind, @subject, @fingerprint, @sentAt, @endedAt)').run({
    ...doubt
  })
}

/** A site's doubts, oldest first: all, of one kind, or of one kind for one article or image. */
export function listDoubts(db: Db, siteId: string, kind?: Doubt['kind'], subject?: string): Doubt[] {
  const where = ['site_id = @siteId']
  if (kind !== undefined) where.push('kind = @kind')
  if (subject !== undefined) where.push('subject = @subject')
  const rows = db.prepare(`SELECT * FROM sync_doubts WHERE ${where.join(' AND ')} ORDER BY sent_at`).all({ siteId, kind, subject }) as DoubtRow[]
  return rows.map(rowToDoubt)
}

/** Forgets doubts that ended before `time`: a request that has not landed by then is taken as lost. */
export function forgetDoubtsBefore(db: Db, siteId: string, time: number): void {
  db.prepare('DELETE FROM sync_doubts WHERE site_id = @siteId AND ended_at < @time').run({ siteId, time })
}

/** One landed copy answered the attempt: it is no longer in doubt. */
export function deleteDoubt(db: Db, id: string): void {
  db.prepare('DELETE FROM sync_doubts WHERE id = @id').run({ id })
}
