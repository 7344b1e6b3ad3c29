import type { Db } from '../connection'
import type { ArticleSyncInfo, Site, SiteCapability, SyncFailure, SyncState } from '../../../shared/domain/sync'

interface SiteRow {
  id: string
  url: string
  rest_root: string
  name: string
  username: string
  user_id: number
  display_name: string
  capabilities: string
  secret: Buffer
  secret_storage: 'os' | 'plain'
  import_cursor: string | null
  sync_cursor: string | null
  last_sync_at: number | null
  created_at: number
  bridge: number | null
}

function rowToSite(row: SiteRow): Site {
  return {
    id: row.id,
    url: row.url,
    restRoot: row.rest_root,
    name: row.name,
    username: row.username,
    userId: row.user_id,
    displayName: row.display_name,
    capabilities: { ...{ edit_others_posts: false }, ...(JSON.parse(row.capabilities) as Partial<Record<SiteCapability, boolean>>) } as Record<SiteCapability, boolean>,
    secretStorage: row.secret_storage,
    lastSyncAt: row.last_sync_at,
    createdAt: row.created_at,
    bridge: row.bridge === null ? null : row.bridge === 1
  }
}

/** Adds a site, or replaces the one with the same address (signing in again). */
export function upsertSite(db: Db, site: Site, secret: Buffer): void {
  db.prepare(
    `INSERT INTO sites (id, url, rest_root, name, username, user_id, display_name, capabilities, secret, secret_storage, last_sync_at, created_at, bridge)
     VALUES (@id, @url, @rest_root, @name, @username, @user_id, @display_name, @capabilities, @secret, @secret_storage, @last_sync_at, @created_at, @bridge)
     ON CONFLICT (url) DO UPDATE SET rest_root = excluded.rest_root, name = excluded.name, username = excluded.username,
       user_id = excluded.user_id, display_name = excluded.display_name, capabilities = excluded.capabilities,
       secret = excluded.secret, secret_storage = excluded.secret_storage, bridge = excluded.bridge`
  ).run({
    id: site.id,
    url: site.url,
    rest_root: site.restRoot,
    name: site.name,
    username: site.username,
    user_id: site.userId,
    display_name: site.displayName,
    capabilities: JSON.stringify(site.capabilities),
    secret,
    secret_storage: site.secretStorage,
    last_sync_at: site.lastSyncAt,
    created_at: site.createdAt,
    bridge: site.bridge === null ? null : site.bridge ? 1 : 0
  })
}

/** Records whether the site runs the companion plugin. */
export function setSiteBridge(db: Db, id: string, bridge: boolean): void {
  db.prepare('UPDATE sites SET bridge = ? WHERE id = ?').run(bridge ? 1 : 0, id)
}

/** Every configured site, oldest first. */
export function listSites(db: Db): Site[] {
  return (db.prepare('SELECT * FROM sites ORDER BY created_at, url').all() as SiteRow[]).map(rowToSite)
}

export function findSite(db: Db, id: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined
  return row === undefined ? undefined : rowToSite(row)
}

export function findSiteByUrl(db: Db, url: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE url = ?').get(url) as SiteRow | undefined
  return row === undefined ? undefined : rowToSite(row)
}

/** The encrypted password of a site, for the main process only. */
export function siteSecret(db: Db, id: string): { secret: Buffer; storage: 'os' | 'plain' } | undefined {
  const row = db.prepare('SELECT secret, secret_storage FROM sites WHERE id = ?').get(id) as Pick<SiteRow, 'secret' | 'secret_storage'> | undefined
  return row === undefined ? undefined : { secret: row.secret, storage: row.secret_storage }
}

export function deleteSite(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM sites WHERE id = ?').run(id).changes > 0
}

export function setSiteSynced(db: Db, id: string, at: number): void {
  db.prepare('UPDATE sites SET last_sync_at = ? WHERE id = ?').run(at, id)
}

export function siteImportCursor(db: Db, id: string): string | null {
  const row = db.prepare('SELECT import_cursor FROM sites WHERE id = ?').get(id) as { import_cursor: string | null } | undefined
  return row?.import_cursor ?? null
}

/** The site's own time when the last complete sync began: changes after it are what the next sync asks for. */
export function siteSyncCursor(db: Db, id: string): string | null {
  const row = db.prepare('SELECT sync_cursor FROM sites WHERE id = ?').get(id) as { sync_cursor: string | null } | undefined
  return row?.sync_cursor ?? null
}

export function setSiteSyncCursor(db: Db, id: string, cursor: string | null): void {
  db.prepare('UPDATE sites SET sync_cursor = ? WHERE id = ?').run(cursor, id)
}

export function setSiteImportCursor(db: Db, id: string, cursor: string): void {
  db.prepare('UPDATE sites SET import_cursor = ? WHERE id = ?').run(cursor, id)
}

// ---- article links ----------------------------------------------------------

export interface ArticleSyncRow {
  article_id: string
  site_id: string
  remote_id: number | null
  remote_status: string | null
  remote_link: string | null
  base_modified_gmt: string | null
  base_hash: string | null
  base: string | null
  state: SyncState
  error: string | null
  conflict: string | null
  synced_at: number | null
}

export function rowToSyncInfo(row: ArticleSyncRow): ArticleSyncInfo {
  return {
    articleId: row.article_id,
    siteId: row.site_id,
    remoteId: row.remote_id,
    state: row.state,
    error: row.error === null ? null : (JSON.parse(row.error) as SyncFailure),
    remoteStatus: row.remote_status,
    remoteLink: row.remote_link,
    syncedAt: row.synced_at
  }
}

export function findArticleSync(db: Db, articleId: string): ArticleSyncRow | undefined {
  return db.prepare('SELECT * FROM article_sync WHERE article_id = ?').get(articleId) as ArticleSyncRow | undefined
}

export function findArticleByRemote(db: Db, siteId: string, remoteId: number): ArticleSyncRow | undefined {
  return db.prepare('SELECT * FROM article_sync WHERE site_id = ? AND remote_id = ?').get(siteId, remoteId) as ArticleSyncRow | undefined
}

/** Every article linked to a site (trashed ones too: the site still has them). */
export function listArticleSyncs(db: Db, siteId?: string): ArticleSyncRow[] {
  return (
    siteId === undefined
      ? db.prepare('SELECT * FROM article_sync').all()
      : db.prepare('SELECT * FROM article_sync WHERE site_id = ?').all(siteId)
  ) as ArticleSyncRow[]
}

/** Links an article to a site (no post yet), unless it is linked already. */
export function linkArticle(db: Db, articleId: string, siteId: string): void {
  db.prepare(`INSERT INTO article_sync (article_id, site_id, state) VALUES (?, ?, 'local') ON CONFLICT (article_id) DO NOTHING`).run(articleId, siteId)
}

export function unlinkArticle(db: Db, articleId: string): void {
  db.prepare('DELETE FROM article_sync WHERE article_id = ?').run(articleId)
}

/** Writes the parts of an article's sync record that are given. */
export function updateArticleSync(db: Db, articleId: string, patch: Partial<Omit<ArticleSyncRow, 'article_id'>>): void {
  const keys = Object.keys(patch) as (keyof typeof patch)[]
  if (keys.length === 0) return
  const sets = keys.map((k) => `${k} = @${k}`).join(', ')
  db.prepare(`UPDATE article_sync SET ${sets} WHERE article_id = @article_id`).run({ ...patch, article_id: articleId })
}

// ---- media uploads ----------------------------------------------------------

export function findUpload(db: Db, mediaId: string, siteId: string): { remoteId: number; sourceUrl: string } | undefined {
  const row = db.prepare('SELECT remote_id, source_url FROM media_uploads WHERE media_id = ? AND site_id = ?').get(mediaId, siteId) as
    | { remote_id: number; source_url: string }
    | undefined
  return row === undefined ? undefined : { remoteId: row.remote_id, sourceUrl: row.source_url }
}

export function findUploadByRemote(db: Db, siteId: string, remoteId: number): string | undefined {
  const row = db.prepare('SELECT media_id FROM media_uploads WHERE site_id = ? AND remote_id = ?').get(siteId, remoteId) as { media_id: string } | undefined
  return row?.media_id
}

export function recordUpload(db: Db, mediaId: string, siteId: string, remoteId: number, sourceUrl: string, at: number): void {
  db.prepare(
    `INSERT INTO media_uploads (media_id, site_id, remote_id, source_url, uploaded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (media_id, site_id) DO UPDATE SET remote_id = excluded.remote_id, source_url = excluded.source_url`
  ).run(mediaId, siteId, remoteId, sourceUrl, at)
}

// ---- terms ------------------------------------------------------------------

export interface TermRow {
  remoteId: number
  name: string
  parent: number
}

export function listTerms(db: Db, siteId: string, taxonomy: 'categories' | 'tags'): TermRow[] {
  return db
    .prepare('SELECT remote_id AS remoteId, name, parent FROM site_terms WHERE site_id = ? AND taxonomy = ? ORDER BY name')
    .all(siteId, taxonomy) as TermRow[]
}

export function upsertTerms(db: Db, siteId: string, taxonomy: 'categories' | 'tags', terms: TermRow[]): void {
  const statement = db.prepare(
    `INSERT INTO site_terms (site_id, taxonomy, remote_id, name, parent) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, taxonomy, remote_id) DO UPDATE SET name = excluded.name, parent = excluded.parent`
  )
  db.transaction(() => {
    for (const t of terms) statement.run(siteId, taxonomy, t.remoteId, t.name, t.parent)
  })()
}

// ---- outbox -----------------------------------------------------------------

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

export function findOutbox(db: Db, siteId: string, kind: OutboxEntry['kind'], subject: string): OutboxEntry | undefined {
  const row = db.prepare('SELECT * FROM sync_outbox WHERE site_id = ? AND kind = ? AND subject = ?').get(siteId, kind, subject) as OutboxRow | undefined
  return row === undefined ? undefined : rowToOutbox(row)
}

/** Records the intent before the request goes out (synchronous=FULL: it is on disk when this returns). */
export function putOutbox(db: Db, entry: OutboxEntry): void {
  db.prepare(
    `INSERT INTO sync_outbox (id, site_id, kind, subject, fingerprint, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, kind, subject) DO UPDATE SET fingerprint = excluded.fingerprint, attempts = sync_outbox.attempts + 1`
  ).run(entry.id, entry.siteId, entry.kind, entry.subject, entry.fingerprint, entry.createdAt, entry.attempts)
}

export function deleteOutbox(db: Db, id: string): void {
  db.prepare('DELETE FROM sync_outbox WHERE id = ?').run(id)
}

export function listOutbox(db: Db, siteId: string): OutboxEntry[] {
  return (db.prepare('SELECT * FROM sync_outbox WHERE site_id = ? ORDER BY created_at').all(siteId) as OutboxRow[]).map(rowToOutbox)
}

// ---- doubts: attempts whose answer never came -------------------------------------

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

export function addDoubt(db: Db, doubt: Doubt): void {
  db.prepare('INSERT INTO sync_doubts (id, site_id, kind, subject, fingerprint, sent_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    doubt.id,
    doubt.siteId,
    doubt.kind,
    doubt.subject,
    doubt.fingerprint,
    doubt.sentAt,
    doubt.endedAt
  )
}

/** A site's doubts, oldest first: all, of one kind, or of one kind for one article or image. */
export function listDoubts(db: Db, siteId: string, kind?: Doubt['kind'], subject?: string): Doubt[] {
  const rows =
    kind === undefined
      ? db.prepare('SELECT * FROM sync_doubts WHERE site_id = ? ORDER BY sent_at').all(siteId)
      : subject === undefined
        ? db.prepare('SELECT * FROM sync_doubts WHERE site_id = ? AND kind = ? ORDER BY sent_at').all(siteId, kind)
        : db.prepare('SELECT * FROM sync_doubts WHERE site_id = ? AND kind = ? AND subject = ? ORDER BY sent_at').all(siteId, kind, subject)
  return (rows as DoubtRow[]).map(rowToDoubt)
}

/** Forgets doubts that ended before `time`: a request that has not landed by then is taken as lost. */
export function forgetDoubtsBefore(db: Db, siteId: string, time: number): void {
  db.prepare('DELETE FROM sync_doubts WHERE site_id = ? AND ended_at < ?').run(siteId, time)
}

export function deleteDoubt(db: Db, id: string): void {
  db.prepare('DELETE FROM sync_doubts WHERE id = ?').run(id)
}
