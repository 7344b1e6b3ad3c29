import type { Db } from '../store/connection'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as articlesRepo from '../store/repositories/articles'
import * as doubtsRepo from '../store/repositories/doubts'
import * as sitesRepo from '../store/repositories/sites'
import type { ArticleSync } from '../store/repositories/article-sync'
import type { Article } from '@shared/domain/article'
import type { RemotePostSummary, Site, SyncConflict, SyncProgress } from '@shared/domain/sync'
import type { SiteRevision } from '@shared/ipc/contract'
import { parseDocumentJson } from '../document/lexical'
import type { LexDocument } from '../document/lexical'
import { clientTimeoutMs, isCancel, Progress, SiteContext, WATCH_MS, withClockCheck, type EngineDeps } from './context'
import { conflictOf, recreatePost, resolveConflict, type ConflictPicks, type FieldPicks } from './conflicts'
import { pushNew } from './create'
import { forgetOldDoubts } from './doubts'
import { browse, importPosts, type BrowseQuery } from './import'
import { syncLinked } from './linked'
import { bytesToUpload, needsUpload, sweepMedia } from './media'
import { readSite } from './read'
import { siteRevision, siteRevisions } from './site-revisions'
import { syncNotes } from './notes'
import { localHash } from './snapshots'
import { refreshCategories } from './terms'
import { WpClient, WpError } from './wordpress/client'

export type { EngineDeps } from './context'

/**
 * The sync engine, the table of contents of sync: runs in the main process, one
 * site at a time, one article at a time within a site (creates go together in
 * /batch/v1 requests). For each site it reads what changed there (read.ts), decides
 * each linked article (reconcile.ts, carried out by linked.ts: push.ts, conflicts.ts),
 * creates the new posts (create.ts) and cleans up after lost attempts (doubts.ts,
 * media.ts). Every step that creates something on the site is written to the outbox
 * first. One article's failure is recorded on that article and the run goes on.
 */
export class SyncEngine {
  private controller: AbortController | null = null
  private readonly progress: Progress
  /** Requests sent in the last run, per site, for the benchmarks. */
  lastRequests = 0

  constructor(private readonly deps: EngineDeps) {
    this.progress = new Progress(deps.onProgress, deps.now)
  }

  private get db(): Db {
    return this.deps.db()
  }

  status(): SyncProgress {
    return this.progress.get()
  }

  cancel(): void {
    this.controller?.abort()
  }

  /** A client signed in to a site, with its password decrypted here and nowhere else. */
  client(site: Site, signal?: AbortSignal): WpClient {
    const stored = sitesRepo.siteSecret(this.db, site.id)
    if (stored === undefined) throw new WpError('wrong_password', 'no password stored for this site')
    const { fetch, backoffMs, retries } = this.deps
    return new WpClient({
      restRoot: site.restRoot,
      username: site.username,
      password: this.deps.secrets.decrypt(stored.secret),
      signal,
      fetch,
      timeoutMs: clientTimeoutMs(this.deps),
      backoffMs,
      retries
    })
  }

  private context(site: Site, signal?: AbortSignal): SiteContext {
    return new SiteContext(this.db, this.client(site, signal), site, this.deps, this.progress)
  }

  /** The hash the base is compared with: a different one means the article changed here since the last sync. */
  hash(article: Article): string {
    return localHash(this.db, article)
  }

  /** Syncs the given articles (or every linked one) with each site; resolves when all are done or cancelled. */
  async run(options: { articleIds?: string[] } = {}): Promise<SyncProgress> {
    if (this.progress.get().running) throw new WpError('rejected', 'a sync is already running')
    this.controller = new AbortController()
    const signal = this.controller.signal
    const links = articleSyncRepo.listArticleSyncs(this.db).filter((r) => options.articleIds === undefined || options.articleIds.includes(r.articleId))
    this.progress.report({
      running: true,
      articlesDone: 0,
      articlesTotal: links.length,
      bytesDone: 0,
      bytesTotal: 0,
      failures: [],
      pulled: [],
      removedCopies: 0,
      startedAt: this.deps.now(),
      finishedAt: null,
      cancelled: false,
      current: null
    })
    this.lastRequests = 0
    try {
      for (const site of sitesRepo.listSites(this.db)) {
        const mine = links.filter((r) => r.siteId === site.id)
        if (mine.length === 0) continue
        if (signal.aborted) break
        const ctx = this.context(site, signal)
        try {
          await this.syncSite(ctx, mine, options.articleIds !== undefined)
          sitesRepo.setSiteSynced(this.db, site.id, this.deps.now())
        } catch (caught) {
          if (isCancel(caught)) break
          // A certificate out of its dates on a computer whose clock went back is the clock's fault.
          const error = withClockCheck(caught, this.deps.now(), [site.lastSyncAt, articlesRepo.newestSave(this.db)])
          for (const r of mine) {
            const article = articlesRepo.findArticle(this.db, r.articleId)
            if (article !== undefined && articleSyncRepo.findArticleSync(this.db, r.articleId)?.state !== 'synced') ctx.fail(article, error)
          }
        } finally {
          this.lastRequests += ctx.client.requests
        }
      }
    } catch (error) {
      if (!isCancel(error)) throw error
    } finally {
      this.progress.report({ running: false, finishedAt: this.deps.now(), cancelled: signal.aborted, current: null })
      this.controller = null
    }
    return this.status()
  }

  /** One site's part of a run: read, decide and carry out each linked article, create the new posts, clean up. */
  private async syncSite(ctx: SiteContext, links: ArticleSync[], targeted: boolean): Promise<void> {
    const { db, site } = ctx
    // Media to upload, for the progress bar's byte total.
    const docs = links.flatMap((r) => articlesRepo.findArticle(db, r.articleId) ?? []).map((a) => parseDocumentJson(a.body))
    this.progress.report({ bytesTotal: bytesToUpload(ctx, docs) })
    forgetOldDoubts(ctx, this.deps.watchMs ?? WATCH_MS)

    const reading = await readSite(ctx, links, targeted)
    // Comment threads as the site's Notes (WordPress 6.9+), before the articles: a thread that becomes a note is put on its
    // block in the text, which this run then sends (an article without its post yet gets its notes at the next sync).
    await syncNotes(ctx, links, reading.changed)
    const creates: Article[] = []
    // Articles whose text needs no new upload go first (on a slow link they land while the photos are on their way).
    const uploading = (r: ArticleSync) => {
      const article = articlesRepo.findArticle(db, r.articleId)
      return article !== undefined && needsUpload(ctx, article)
    }
    const uploads = new Set(links.filter(uploading))
    const ordered = [...links].sort((a, b) => Number(uploads.has(a)) - Number(uploads.has(b)))
    for (const link of ordered) {
      const article = articlesRepo.findArticle(db, link.articleId)
      if (article === undefined) continue
      this.progress.report({ current: article.title })
      try {
        if (link.state === 'conflict') this.progress.done()
        else if (link.remoteId === null) creates.push(article)
        else await syncLinked(ctx, article, link, reading.states.get(link.remoteId), reading.changed.get(link.remoteId))
      } catch (error) {
        ctx.fail(article, error)
      }
    }
    // Lost attempts are looked for while they may still land: adopted, or moved out of the way if the article has its post.
    if (creates.length > 0 || doubtsRepo.listDoubts(db, site.id, 'create_post').length > 0) await pushNew(ctx, creates)
    await sweepMedia(ctx)
    // Only a sync that read everything it had to moves the cursor on.
    const date = reading.serverNow === null ? null : Date.parse(reading.serverNow)
    if (date !== null && Number.isFinite(date) && this.progress.get().failures.every((f) => !links.some((r) => r.articleId === f.articleId))) {
      sitesRepo.setSiteSyncCursor(db, site.id, new Date(date).toISOString())
    }
  }

  /** The site's category tree, for picking. */
  refreshCategories(client: WpClient, site: Site): Promise<void> {
    return refreshCategories({ db: this.db, client, site })
  }

  // ---- conflicts ------------------------------------------------------------------

  conflict(articleId: string): SyncConflict | null {
    return conflictOf(this.db, articleId)
  }

  resolve(articleId: string, picks: ConflictPicks, fieldPicks: FieldPicks): void {
    resolveConflict({ db: this.db, deps: this.deps, progress: this.progress, now: () => this.deps.now() }, this.deps.articles.get(articleId), picks, fieldPicks)
  }

  recreate(articleId: string): void {
    recreatePost(this.db, articleId)
  }

  // ---- the site's revisions and import ----------------------------------------------

  siteRevisions(site: Site, remoteId: number): Promise<SiteRevision[]> {
    return siteRevisions(this.context(site), remoteId)
  }

  siteRevision(site: Site, remoteId: number, revisionId: number): Promise<{ title: string; standfirst: string; doc: LexDocument }> {
    return siteRevision(this.context(site), remoteId, revisionId)
  }

  browse(site: Site, query: BrowseQuery): Promise<RemotePostSummary[]> {
    return browse(this.context(site), query)
  }

  importPosts(site: Site, options: { remoteIds?: number[]; status?: 'pending' }): Promise<{ imported: number; requests: number }> {
    return importPosts(this.context(site), options)
  }
}
