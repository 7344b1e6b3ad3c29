import { randomUUID } from 'node:crypto'
import { AppError, notFound } from '../errors'
import type { Db } from '../store/connection'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as articlesRepo from '../store/repositories/articles'
import * as sitesRepo from '../store/repositories/sites'
import * as termsRepo from '../store/repositories/terms'
import type { Article } from '@shared/domain/article'
import type { ArticleSyncInfo, RemotePostSummary, Site, SiteCapability, SyncConflict, SyncProgress } from '@shared/domain/sync'
import { discoverSite, WpClient, WpError } from '../sync/wordpress/client'
import { currentUser } from '../sync/wordpress/routes'
import { SyncEngine, type EngineDeps } from '../sync/engine'
import { clientTimeoutMs } from '../sync/context'
import type { SiteRevision } from '@shared/ipc/contract'
import { documentText } from '../document/text'

/** What the sync service needs is what its engine needs. */
export type SyncServiceDeps = EngineDeps

/** A failure talking to a site, as the IPC layer passes it on: code SYNC_FAILED with the reason. */
function toAppError(error: unknown): unknown {
  if (error instanceof WpError) return new AppError('SYNC_FAILED', error.message, error.code)
  return error
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toAppError(error)
  }
}

/** Sites, sign-in and sync, for the IPC handlers. */
export class SyncService {
  readonly engine: SyncEngine

  constructor(private readonly deps: SyncServiceDeps) {
    this.engine = new SyncEngine(deps)
  }

  private get db(): Db {
    return this.deps.db()
  }

  sites(): Site[] {
    return sitesRepo.listSites(this.db)
  }

  site(id: string): Site {
    const site = sitesRepo.findSite(this.db, id)
    if (site === undefined) throw notFound('site', id)
    return site
  }

  secretStorage(): 'os' | 'plain' | 'unavailable' {
    return this.deps.secrets.storage()
  }

  /** Finds the site, signs in, checks capabilities, stores the password encrypted. */
  addSite(request: { url: string; username: string; appPassword: string; allowPlainText?: boolean }): Promise<Site> {
    return guard(async () => {
      const storage = this.deps.secrets.storage()
      if (storage === 'unavailable') throw new WpError('no_secret_storage', 'this system offers no way to encrypt the password')
      if (storage === 'plain' && request.allowPlainText !== true) throw new WpError('insecure_storage', 'no keyring: the password would be kept obfuscated, not encrypted')
      const options = { fetch: this.deps.fetch, timeoutMs: clientTimeoutMs(this.deps), retries: 1, backoffMs: this.deps.backoffMs }
      const index = await discoverSite(request.url, options)
      const client = new WpClient({ ...options, restRoot: index.restRoot, username: request.username, password: request.appPassword })
      let me: { id: number; name: string; capabilities?: Record<string, boolean> }
      try {
        me = await currentUser(client)
      } catch (error) {
        // Without application passwords (a production site on plain HTTP) the header is ignored and the request is anonymous.
        if (error instanceof WpError && error.code === 'wrong_password' && !index.applicationPasswords)
          throw new WpError('app_passwords_unavailable', 'the site does not accept application passwords (they need HTTPS on a production site)')
        throw error
      }
      const caps = me.capabilities ?? {}
      const capabilities: Record<SiteCapability, boolean> = {
        edit_posts: caps.edit_posts === true,
        publish_posts: caps.publish_posts === true,
        upload_files: caps.upload_files === true,
        edit_others_posts: caps.edit_others_posts === true
      }
      if (!capabilities.edit_posts) throw new WpError('missing_capability', 'edit_posts')
      const existing = sitesRepo.findSiteByUrl(this.db, index.url)
      const site: Site = {
        id: existing?.id ?? randomUUID(),
        url: index.url,
        restRoot: index.restRoot,
        name: index.name,
        username: request.username,
        userId: me.id,
        displayName: me.name,
        capabilities,
        secretStorage: storage,
        lastSyncAt: existing?.lastSyncAt ?? null,
        createdAt: existing?.createdAt ?? this.deps.now(),
        bridge: index.namespaces.includes('qalam/v1')
      }
      sitesRepo.upsertSite(this.db, site, this.deps.secrets.encrypt(request.appPassword.replace(/\s+/g, '')))
      await this.engine.refreshCategories(client, site)
      return this.site(site.id)
    })
  }

  removeSite(id: string): void {
    this.site(id)
    sitesRepo.deleteSite(this.db, id)
  }

  categories(siteId: string): { id: number; name: string; parent: number }[] {
    return termsRepo.listTerms(this.db, this.site(siteId).id, 'categories').map((t) => ({ id: t.remoteId, name: t.name, parent: t.parent }))
  }

  /** Links an article to a site, or unlinks it (null). */
  assign(articleId: string, siteId: string | null): ArticleSyncInfo {
    this.deps.articles.get(articleId)
    const current = articleSyncRepo.findArticleSync(this.db, articleId)
    if (siteId === null) {
      articleSyncRepo.unlinkArticle(this.db, articleId)
    } else {
      this.site(siteId)
      if (current !== undefined && current.siteId !== siteId) {
        if (current.remoteId !== null) throw new AppError('INVALID_STATE', 'the article is already a post on another site')
        articleSyncRepo.unlinkArticle(this.db, articleId)
      }
      articleSyncRepo.linkArticle(this.db, articleId, siteId)
    }
    return this.state(articleId)
  }

  /** An article's sync state; 'local' when it belongs to no site, 'changed_here' when edited since the last sync. */
  state(articleId: string): ArticleSyncInfo {
    const row = articleSyncRepo.findArticleSync(this.db, articleId)
    if (row === undefined) return { articleId, siteId: null, remoteId: null, state: 'local', error: null, remoteStatus: null, remoteLink: null, syncedAt: null }
    return this.withLocalChanges(row)
  }

  private withLocalChanges(link: articleSyncRepo.ArticleSync): ArticleSyncInfo {
    const info = articleSyncRepo.toSyncInfo(link)
    if (link.state === 'synced' && link.baseHash !== null) {
      const article = articlesRepo.findArticle(this.db, link.articleId)
      if (article !== undefined && this.engine.hash(article) !== link.baseHash) info.state = 'changed_here'
    }
    return info
  }

  states(): ArticleSyncInfo[] {
    return articleSyncRepo.listArticleSyncs(this.db).map((row) => this.withLocalChanges(row))
  }

  run(articleIds?: string[]): Promise<SyncProgress> {
    if (articleIds !== undefined) {
      // An article synced on its own goes to the only site, if it belongs to none yet.
      const sites = this.sites()
      for (const id of articleIds) if (articleSyncRepo.findArticleSync(this.db, id) === undefined && sites.length === 1) articleSyncRepo.linkArticle(this.db, id, sites[0]!.id)
    }
    return guard(() => this.engine.run({ articleIds }))
  }

  cancel(): void {
    this.engine.cancel()
  }

  progress(): SyncProgress {
    return this.engine.status()
  }

  conflict(articleId: string): SyncConflict | null {
    return this.engine.conflict(articleId)
  }

  resolve(articleId: string, picks: ('local' | 'remote' | 'both')[], fields: Partial<Record<'title' | 'standfirst' | 'slug', 'local' | 'remote'>>): Article {
    try {
      this.engine.resolve(articleId, picks, fields)
    } catch (error) {
      throw toAppError(error)
    }
    return this.deps.articles.get(articleId)
  }

  recreate(articleId: string): ArticleSyncInfo {
    try {
      this.engine.recreate(articleId)
    } catch (error) {
      throw toAppError(error)
    }
    return this.state(articleId)
  }

  private linkedPost(articleId: string): { site: Site; remoteId: number } {
    this.deps.articles.get(articleId)
    const row = articleSyncRepo.findArticleSync(this.db, articleId)
    if (row?.remoteId == null) throw new AppError('INVALID_STATE', 'the article is not a post on a site yet')
    return { site: this.site(row.siteId), remoteId: row.remoteId }
  }

  /** The site's revisions of the article's post. */
  siteRevisions(articleId: string): Promise<SiteRevision[]> {
    const { site, remoteId } = this.linkedPost(articleId)
    return guard(() => this.engine.siteRevisions(site, remoteId))
  }

  /** One of the site's revisions of the article's post, as text to compare. */
  async siteVersion(articleId: string, revisionId: number): Promise<{ title: string; standfirst: string; bodyText: string }> {
    const { site, remoteId } = this.linkedPost(articleId)
    const found = await guard(() => this.engine.siteRevision(site, remoteId, revisionId))
    return { title: found.title, standfirst: found.standfirst, bodyText: documentText(found.doc) }
  }

  /** Puts one of the site's revisions back into the article; the current content is kept as a revision first. */
  async restoreSiteRevision(articleId: string, revisionId: number): Promise<Article> {
    const { site, remoteId } = this.linkedPost(articleId)
    const found = await guard(() => this.engine.siteRevision(site, remoteId, revisionId))
    const article = this.deps.articles.get(articleId)
    this.deps.articles.replaceContent(article, { title: found.title, standfirst: found.standfirst, body: JSON.stringify(found.doc), meta: article.meta }, 'before-restore')
    return this.deps.articles.get(articleId)
  }

  browse(siteId: string, query: { status?: string; search?: string; page?: number }): Promise<RemotePostSummary[]> {
    return guard(() => this.engine.browse(this.site(siteId), query))
  }

  importPosts(siteId: string, remoteIds?: number[], status?: 'pending'): Promise<{ imported: number; requests: number }> {
    return guard(() => this.engine.importPosts(this.site(siteId), { remoteIds, status }))
  }
}
