import type { Db } from '../connection'
import type { ArticleSyncInfo, SyncConflict, SyncFailure, SyncState } from '@shared/domain/sync'
import type { Snapshot } from '../../document/merge'

/** A post's state as this machine last saw it (the part of a post the version is made of). */
export interface PostState {
  id: number
  modified_gmt: string
  status: string
  link: string
  _links?: { 'version-history'?: { count?: number }[] }
}

/** A conflict as kept: what the user is shown, and the site's side to make the base once it is resolved. */
export type StoredConflict = SyncConflict & { remote: Snapshot; remotePost: PostState }

/** An article's link to its site: its post, the base of the last sync, and where it stands. */
export interface ArticleSync {
  articleId: string
  siteId: string
  remoteId: number | null
  remoteStatus: string | null
  remoteLink: string | null
  /** The post's version at the last sync (see sync/remote versionOf). */
  baseVersion: string | null
  baseHash: string | null
  /** The article as both sides had it at the last sync. */
  base: Snapshot | null
  state: SyncState
  error: SyncFailure | null
  conflict: StoredConflict | null
  syncedAt: number | null
}

interface ArticleSyncRow {
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

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T))

function rowToArticleSync(row: ArticleSyncRow): ArticleSync {
  return {
    articleId: row.article_id,
    siteId: row.site_id,
    remoteId: row.remote_id,
    remoteStatus: row.remote_status,
    remoteLink: row.remote_link,
    baseVersion: row.base_modified_gmt,
    baseHash: row.base_hash,
    base: parse<Snapshot>(row.base),
    state: row.state,
    error: parse<SyncFailure>(row.error),
    conflict: parse<StoredConflict>(row.conflict),
    syncedAt: row.synced_at
  }
}

/** The columns a patch may write, and how each value is stored. */
const COLUMNS: { [K in keyof Omit<ArticleSync, 'articleId' | 'siteId'>]: [column: keyof ArticleSyncRow, json: boolean] } = {
  remoteId: ['remote_id', false],
  remoteStatus: ['remote_status', false],
  remoteLink: ['remote_link', false],
  baseVersion: ['base_modified_gmt', false],
  baseHash: ['base_hash', false],
  base: ['base', true],
  state: ['state', false],
  error: ['error', true],
  conflict: ['conflict', true],
  syncedAt: ['synced_at', false]
}

/** What the renderer is shown of an article's link. */
export function toSyncInfo(link: ArticleSync): ArticleSyncInfo {
  const { articleId, siteId, remoteId, state, error, remoteStatus, remoteLink, syncedAt } = link
  return { articleId, siteId, remoteId, state, error, remoteStatus, remoteLink, syncedAt }
}

/** An article's link to its site, if it has one. */
export function findArticleSync(db: Db, articleId: string): ArticleSync | undefined {
  const row = db.prepare('SELECT * FROM article_sync WHERE article_id = @articleId').get({ articleId }) as ArticleSyncRow | undefined
  return row === undefined ? undefined : rowToArticleSync(row)
}

/** The article a site's post belongs to on this machine, if any. */
export function findArticleByRemote(db: Db, siteId: string, remoteId: number): ArticleSync | undefined {
  const row = db.prepare('SELECT * FROM article_sync WHERE site_id = @siteId AND remote_id = @remoteId').get({ siteId, remoteId }) as ArticleSyncRow | undefined
  return row === undefined ? undefined : rowToArticleSync(row)
}

/** Every article linked to a site, or to any site (trashed ones too: the site still has them). */
export function listArticleSyncs(db: Db, siteId?: string): ArticleSync[] {
  const rows = (
    siteId === undefined ? db.prepare('SELECT * FROM article_sync').all() : db.prepare('SELECT * FROM article_sync WHERE site_id = @siteId').all({ siteId })
  ) as ArticleSyncRow[]
  return rows.map(rowToArticleSync)
}

/** The ids of the posts a site's articles have here. */
export function linkedRemoteIds(db: Db, siteId: string): Set<number> {
  const rows = db.prepare('SELECT remote_id FROM article_sync WHERE site_id = @siteId AND remote_id IS NOT NULL').all({ siteId }) as { remote_id: number }[]
  return new Set(rows.map((r) => r.remote_id))
}

/** Links an article to a site (no post yet), unless it is linked already. */
export function linkArticle(db: Db, articleId: string, siteId: string): void {
  db.prepare(`INSERT INTO article_sync (article_id, site_id, state) VALUES (@articleId, @siteId, 'local') ON CONFLICT (article_id) DO NOTHING`).run({ articleId, siteId })
}

/** Removes an article's link to its site. */
export function unlinkArticle(db: Db, articleId: string): void {
  db.prepare('DELETE FROM article_sync WHERE article_id = @articleId').run({ articleId })
}

/** Writes the parts of an article's link that are given. */
export function updateArticleSync(db: Db, articleId: string, patch: Partial<Omit<ArticleSync, 'articleId' | 'siteId'>>): void {
  const params: Record<string, unknown> = { article_id: articleId }
  const sets: string[] = []
  for (const [key, value] of Object.entries(patch) as [keyof typeof COLUMNS, unknown][]) {
    if (value === undefined) continue
    const [column, json] = COLUMNS[key]
    sets.push(`${column} = @${column}`)
    params[column] = json && value !== null ? JSON.stringify(value) : value
  }
  if (sets.length === 0) return
  db.prepare(`UPDATE article_sync SET ${sets.join(', ')} WHERE article_id = @article_id`).run(params)
}
