import type { Db } from '../connection'
import type { Site, SiteCapability } from '@shared/domain/sync'

/** The WordPress sites Qalam signs in to, with their encrypted passwords and sync cursors. */

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
  db.prepare('UPDATE sites SET bridge = @bridge WHERE id = @id').run({ id, bridge: bridge ? 1 : 0 })
}

/** Every configured site, oldest first. */
export function listSites(db: Db): Site[] {
  return (db.prepare('SELECT * FROM sites ORDER BY created_at, url').all() as SiteRow[]).map(rowToSite)
}

/** One site by its id. */
export function findSite(db: Db, id: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE id = @id').get({ id }) as SiteRow | undefined
  return row === undefined ? undefined : rowToSite(row)
}

/** One site by its address (signing in again replaces it). */
export function findSiteByUrl(db: Db, url: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE url = @url').get({ url }) as SiteRow | undefined
  return row === undefined ? undefined : rowToSite(row)
}

/** The encrypted password of a site, for the main process only. */
export function siteSecret(db: Db, id: string): { secret: Buffer; storage: 'os' | 'plain' } | undefined {
  const row = db.prepare('SELECT secret, secret_storage FROM sites WHERE id = @id').get({ id }) as Pick<SiteRow, 'secret' | 'secret_storage'> | undefined
  return row === undefined ? undefined : { secret: row.secret, storage: row.secret_storage }
}

/** Removes a site; its articles' links go with it (ON DELETE CASCADE). */
export function deleteSite(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM sites WHERE id = @id').run({ id }).changes > 0
}

/** When the last sync of the site ended. */
export function setSiteSynced(db: Db, id: string, at: number): void {
  db.prepare('UPDATE sites SET last_sync_at = @at WHERE id = @id').run({ id, at })
}

/** The newest modified time the last full import saw. */
export function siteImportCursor(db: Db, id: string): string | null {
  const row = db.prepare('SELECT import_cursor FROM sites WHERE id = @id').get({ id }) as { import_cursor: string | null } | undefined
  return row?.import_cursor ?? null
}

/** The site's own time when the last complete sync began: changes after it are what the next sync asks for. */
export function siteSyncCursor(db: Db, id: string): string | null {
  const row = db.prepare('SELECT sync_cursor FROM sites WHERE id = @id').get({ id }) as { sync_cursor: string | null } | undefined
  return row?.sync_cursor ?? null
}

/** Moves the sync cursor (null: the next sync reads every post's state). */
export function setSiteSyncCursor(db: Db, id: string, cursor: string | null): void {
  db.prepare('UPDATE sites SET sync_cursor = @cursor WHERE id = @id').run({ id, cursor })
}

/** Moves the import cursor. */
export function setSiteImportCursor(db: Db, id: string, cursor: string): void {
  db.prepare('UPDATE sites SET import_cursor = @cursor WHERE id = @id').run({ id, cursor })
}
