import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Db } from '../store/connection'
import * as syncRepo from '../store/repositories/sync'
import * as articlesRepo from '../store/repositories/articles'
import * as mediaRepo from '../store/repositories/media'
import * as reviewRepo from '../store/repositories/review'
import { latestStatus, mergeReview, normalizeReview, type ReviewData } from '../../shared/domain/review'
import type { Article, ArticleStatus } from '../../shared/domain/article'
import type { StatusChange } from '../../shared/domain/workflow'
import type { Site, SyncFailure, SyncProgress, SyncConflict, RemotePostSummary } from '../../shared/domain/sync'
import { countWords } from '../../shared/arabic/count'
import { mayHaveLanded, WpClient, WpError, type FetchLike, type WpResponse } from './wordpress/client'
import {
  documentImages,
  documentText,
  documentToBlocks,
  joinBlocks,
  markupText,
  markupToDocument,
  parseDocumentJson,
  type FromBlocksContext,
  type LexDocument,
  type ToBlocksContext
} from './blocks/codec'
import { resolveChunks, threeWayMerge, type Snapshot } from './merge'
import type { ArticleService } from '../services/articles'
import type { Secrets } from '../platform/types'

/**
 * The sync engine: runs in the main process, one site at a time, one article at a
 * time within a site (creates go together in /batch/v1 requests). Every step that
 * creates something on the site is written to the outbox first; a step whose answer
 * was lost is reconciled (the site is asked what the first try made) before it is
 * tried again. One article's failure is recorded on that article and the run goes on.
 */

export interface EngineDeps {
  db: () => Db
  now: () => number
  secrets: Secrets
  articles: ArticleService
  mediaPath: (id: string) => string | null
  fetch?: FetchLike
  timeoutMs?: number
  backoffMs?: number
  retries?: number
  /**
   * How long after a create or upload whose answer never came Qalam waits for its result
   * to appear on the site before sending again (the site may still be carrying it out).
   */
  settleMs?: number
  /** How long such an attempt is watched for: a copy the site makes even later is moved to the trash. */
  watchMs?: number
  onProgress?: (progress: SyncProgress) => void
}

interface RemotePost {
  id: number
  title: { raw: string }
  excerpt: { raw: string }
  content: { raw: string }
  slug: string
  status: string
  modified_gmt: string
  categories: number[]
  tags: number[]
  link: string
  author?: number
  featured_media: number
  date_gmt?: string
  _links?: { 'version-history'?: { count?: number }[] }
  /** Registered post meta: with the companion plugin, qalam_uuid and qalam_review. */
  meta?: Record<string, unknown> | unknown[]
}

/** The site refused an update because the post changed since it was read (the companion plugin's precondition). */
class PreconditionFailed extends Error {}

const FULL_FIELDS = 'id,title,excerpt,content,slug,status,modified_gmt,date_gmt,categories,tags,featured_media,link,author,_links,meta'
const STATE_FIELDS = 'id,modified_gmt,status,link,_links'
/** What a create needs back: no content, no links (WordPress renders only the fields asked for). */
const CREATE_FIELDS = 'id,modified_gmt,status,link'

type PostState = Pick<RemotePost, 'id' | 'modified_gmt' | 'status' | 'link' | '_links'>

/**
 * A post's version as this machine compares it: modified_gmt has one-second
 * resolution, so the status and the number of revisions (which grows with every
 * content save) go with it; an edit in the same second as a push is still seen.
 */
export function versionOf(post: PostState): string {
  const history = post._links?.['version-history']?.[0]?.count
  return `${post.modified_gmt}|${post.status}|${history ?? '-'}`
}

/** Whether a post is still at the version recorded; a revision count is compared only when both sides have one. */
export function sameVersion(post: PostState, recorded: string | null): boolean {
  if (recorded === null) return false
  const [modified, status, count] = recorded.split('|')
  const now = versionOf(post).split('|')
  if (now[0] !== modified || now[1] !== status) return false
  return count === '-' || now[2] === '-' || now[2] === count
}
const REMOTE_STATUSES = 'publish,future,draft,pending,private,trash'
const BATCH_LIMIT = 25
/** How far before the last sync's start the next one looks, for clocks and saves in flight. */
const CURSOR_MARGIN_MS = 2 * 60 * 1000
const FULL_READ_AFTER_MS = 12 * 60 * 60 * 1000
/** A PHP request runs at most 30 s by default and a client gives up after 30 s: two minutes covers the request still under way. */
const SETTLE_MS = 2 * 60 * 1000
const WATCH_MS = 60 * 60 * 1000
/** Statuses a landed copy can have (one in the trash is already out of the way). */
const LIVE_STATUSES = 'publish,future,draft,pending,private'

/** The site's status for a local workflow status. */
export function remoteStatusOf(status: ArticleStatus): string {
  switch (status) {
    case 'published':
      return 'publish'
    case 'scheduled':
      return 'future'
    case 'submitted':
    case 'in_review':
    case 'changes_requested':
    case 'approved':
      return 'pending'
    default:
      return 'draft'
  }
}

/** The local status for the site's, keeping a finer local status that maps to the same word. */
export function localStatusOf(remote: string, current: ArticleStatus): ArticleStatus {
  if (remoteStatusOf(current) === remote) return current
  switch (remote) {
    case 'publish':
    case 'private':
      return 'published'
    case 'future':
      return 'scheduled'
    case 'pending':
      return 'submitted'
    default:
      return 'draft'
  }
}

const hashOf = (s: Snapshot) => createHash('sha256').update(JSON.stringify(s)).digest('hex')
const PLACEHOLDER = 'qalam-media:'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Images written with local ids, so the three sides of a merge compare alike whether uploaded or not. */
export const localFormCtx: ToBlocksContext = { image: (mediaId) => ({ id: 0, url: PLACEHOLDER + mediaId }) }
export const fromLocalFormCtx: FromBlocksContext = { localImage: (_id, src) => (src.startsWith(PLACEHOLDER) ? src.slice(PLACEHOLDER.length) : undefined) }

function failureOf(error: unknown): SyncFailure {
  if (error instanceof WpError) return error.toFailure()
  return { code: 'rejected', detail: error instanceof Error ? error.message : String(error) }
}

export class SyncEngine {
  private controller: AbortController | null = null
  private progress: SyncProgress = {
    running: false,
    articlesDone: 0,
    articlesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    current: null,
    startedAt: null,
    finishedAt: null,
    failures: [],
    cancelled: false,
    pulled: [],
    removedCopies: 0
  }
  /** Requests sent in the last run, per site, for the benchmarks. */
  lastRequests = 0

  constructor(private readonly deps: EngineDeps) {}

  private get db(): Db {
    return this.deps.db()
  }

  status(): SyncProgress {
    return { ...this.progress, failures: [...this.progress.failures], pulled: [...this.progress.pulled] }
  }

  private report(patch: Partial<SyncProgress>): void {
    this.progress = { ...this.progress, ...patch }
    this.deps.onProgress?.(this.status())
  }

  cancel(): void {
    this.controller?.abort()
  }

  /** A client signed in to a site, with its password decrypted here and nowhere else. */
  client(site: Site, signal?: AbortSignal): WpClient {
    const stored = syncRepo.siteSecret(this.db, site.id)
    if (stored === undefined) throw new WpError('wrong_password', 'no password stored for this site')
    return new WpClient({
      restRoot: site.restRoot,
      username: site.username,
      password: this.deps.secrets.decrypt(stored.secret),
      signal,
      fetch: this.deps.fetch,
      timeoutMs: this.deps.timeoutMs,
      backoffMs: this.deps.backoffMs,
      retries: this.deps.retries
    })
  }

  // ---- forms of an article ----------------------------------------------------

  /** The hash the base is compared with: a different one means the article changed here since the last sync. */
  hash(article: Article): string {
    return hashOf(this.localSnapshot(article))
  }

  /**
   * The local article as a snapshot (images by local id). A featured image the site has
   * and this machine does not ('remote:<id>' in the base) stays as it is unless the
   * reporter picks another one.
   */
  localSnapshot(article: Article): Snapshot {
    const base = this.base(article.id)
    const featured = article.meta.featuredImage !== '' ? article.meta.featuredImage : base?.featured?.startsWith('remote:') === true ? base.featured : ''
    const status = remoteStatusOf(article.status)
    return {
      title: article.title,
      standfirst: article.standfirst,
      slug: article.meta.slug,
      status,
      categories: [...article.meta.categories],
      tags: [...article.meta.tags],
      blocks: documentToBlocks(parseDocumentJson(article.body), localFormCtx),
      featured,
      publishAt: status === 'future' ? article.meta.publishAt : null,
      review: this.bridgeOf(article.id) ? reviewRepo.readReview(this.db, article.id) : null
    }
  }

  /** Whether the article's site runs the companion plugin, so its review data travels. */
  private bridgeOf(articleId: string): boolean {
    const row = syncRepo.findArticleSync(this.db, articleId)
    return row === undefined ? false : syncRepo.findSite(this.db, row.site_id)?.bridge === true
  }

  /** What a post's meta says about the plugin: registered meta is always listed, so qalam_review present means it is active. */
  private noteBridge(site: Site, post: RemotePost): void {
    if (post.meta === undefined) return
    const has = !Array.isArray(post.meta) && 'qalam_review' in post.meta
    if (site.bridge !== has) {
      site.bridge = has
      syncRepo.setSiteBridge(this.db, site.id, has)
    }
  }

  private fromSiteCtx(siteId: string): FromBlocksContext {
    return { localImage: (remoteId) => syncRepo.findUploadByRemote(this.db, siteId, remoteId) }
  }

  /** The site's post as a snapshot in the same form as the local one. */
  private remoteSnapshot(site: Site, post: RemotePost): Snapshot {
    this.noteBridge(site, post)
    const doc = markupToDocument(post.content.raw, this.fromSiteCtx(site.id))
    const meta = post.meta !== undefined && !Array.isArray(post.meta) ? post.meta : {}
    return {
      title: post.title.raw,
      standfirst: post.excerpt.raw,
      slug: post.slug,
      status: post.status,
      categories: this.termNames(site.id, 'categories', post.categories),
      tags: this.termNames(site.id, 'tags', post.tags),
      blocks: documentToBlocks(doc, localFormCtx),
      featured: post.featured_media > 0 ? (syncRepo.findUploadByRemote(this.db, site.id, post.featured_media) ?? `remote:${post.featured_media}`) : '',
      publishAt: post.status === 'future' && post.date_gmt ? Date.parse(`${post.date_gmt}Z`) : null,
      review: site.bridge === true ? normalizeReview(meta.qalam_review as Partial<ReviewData> | undefined) : null
    }
  }

  private termNames(siteId: string, taxonomy: 'categories' | 'tags', ids: number[]): string[] {
    const known = new Map(syncRepo.listTerms(this.db, siteId, taxonomy).map((t) => [t.remoteId, t.name]))
    return ids.map((id) => known.get(id)).filter((n): n is string => n !== undefined && !(taxonomy === 'categories' && n === 'Uncategorized'))
  }

  /**
   * Writes a snapshot into the local article (a revision of what it replaces is kept first).
   * With `origin`, the snapshot came from the site's post: a status someone changed there
   * (an editor publishing from WordPress's admin) goes into the status history, by the site's
   * name, at the post's modified time, with an id every machine that pulls it computes alike.
   */
  private applyToArticle(article: Article, snap: Snapshot, reason: 'before-sync' | null, origin?: { site: Site; post: PostState }): void {
    const db = this.db
    const doc: LexDocument = markupToDocument(joinBlocks(snap.blocks), fromLocalFormCtx)
    const text = documentText(doc)
    db.transaction(() => {
      if (reason !== null) this.deps.articles.snapshot(db, article, reason, this.deps.now())
      // Review data merges with what is here (nothing here is lost), and the status history's last move is the workflow status.
      const review = snap.review === null ? null : mergeReview(reviewRepo.readReview(db, article.id), snap.review)
      if (review !== null) reviewRepo.writeReview(db, article.id, review)
      const current = (review === null ? null : latestStatus(review)) ?? article.status
      const next = localStatusOf(snap.status, current)
      if (origin !== undefined && next !== current) {
        // The site's clock has whole seconds: a move in the same second as the last one still comes after it.
        const last = (review ?? reviewRepo.readReview(db, article.id)).history.at(-1)?.at ?? 0
        const change = this.siteStatusChange(origin.site, origin.post, current, next)
        reviewRepo.addStatusChange(db, article.id, { ...change, at: Math.max(change.at, last + 1) })
      }
      articlesRepo.updateArticleContent(
        db,
        {
          id: article.id,
          title: snap.title,
          standfirst: snap.standfirst,
          body: JSON.stringify(doc),
          bodyText: text,
          wordCount: countWords(text),
          meta: {
            ...article.meta,
            slug: snap.slug,
            categories: snap.categories,
            tags: snap.tags,
            featuredImage: snap.featured.startsWith('remote:') ? '' : snap.featured,
            publishAt: snap.publishAt ?? article.meta.publishAt
          },
          caret: null
        },
        countWords(text),
        this.deps.now()
      )
      articlesRepo.updateArticleStatus(db, article.id, next)
    })()
    if (!this.progress.pulled.includes(article.id)) this.progress.pulled.push(article.id)
  }

  private siteStatusChange(site: Site, post: PostState, from: ArticleStatus, to: ArticleStatus): StatusChange {
    const at = Date.parse(`${post.modified_gmt}Z`)
    return {
      id: `site-${createHash('sha256').update(`${site.url}|${post.id}|${post.modified_gmt}|${post.status}`).digest('hex').slice(0, 32)}`,
      from,
      to,
      by: site.name,
      at: Number.isFinite(at) ? at : this.deps.now(),
      note: ''
    }
  }

  private base(articleId: string): Snapshot | null {
    const row = syncRepo.findArticleSync(this.db, articleId)
    return row?.base == null ? null : (JSON.parse(row.base) as Snapshot)
  }

  private setBase(articleId: string, snap: Snapshot, post: PostState): void {
    syncRepo.updateArticleSync(this.db, articleId, {
      remote_id: post.id,
      remote_status: post.status,
      remote_link: post.link,
      base_modified_gmt: versionOf(post),
      base: JSON.stringify(snap),
      base_hash: hashOf(snap),
      state: 'synced',
      error: null,
      conflict: null,
      synced_at: this.deps.now()
    })
  }

  // ---- media and terms ----------------------------------------------------------

  private async ensureUploads(client: WpClient, site: Site, doc: LexDocument): Promise<void> {
    const images = documentImages(doc)
    const missing = images.filter((id) => syncRepo.findUpload(this.db, id, site.id) === undefined)
    if (missing.length > 0 && !site.capabilities.upload_files) throw new WpError('missing_capability', 'upload_files')
    for (const mediaId of missing) {
      const usage = doc.root.children.find((b) => b.type === 'qalam-image' && b.mediaId === mediaId) as { alt: string; caption: string }
      await this.upload(client, site, mediaId, usage.alt, usage.caption)
    }
  }

  private async upload(client: WpClient, site: Site, mediaId: string, alt: string, caption: string): Promise<void> {
    const fingerprint = `qalam-${mediaId.split('.')[0]}`
    const outbox = syncRepo.findOutbox(this.db, site.id, 'upload_media', mediaId)
    const doubts = syncRepo.listDoubts(this.db, site.id, 'upload_media', mediaId)
    if (outbox !== undefined || doubts.length > 0) {
      // An earlier try may have uploaded it and lost the answer: look before sending again.
      const found = await this.landedMedia(client, site, fingerprint, Math.min(outbox?.createdAt ?? Infinity, ...doubts.map((d) => d.sentAt)))
      if (found.length > 0) {
        const [kept, ...extra] = found
        syncRepo.recordUpload(this.db, mediaId, site.id, kept!.id, kept!.source_url, this.deps.now())
        if (outbox !== undefined) syncRepo.deleteOutbox(this.db, outbox.id)
        this.consumeDoubt(doubts, fingerprint)
        await this.removeCopies(client, 'upload_media', extra, doubts)
        return
      }
      this.waitForDoubts(doubts)
    }
    const path = this.deps.mediaPath(mediaId)
    const item = mediaRepo.findMedia(this.db, mediaId)
    if (path === null || item === undefined) throw new WpError('rejected', `image ${mediaId} is missing from the data folder`)
    const bytes = readFileSync(path)
    const entry = { id: outbox?.id ?? randomUUID(), siteId: site.id, kind: 'upload_media' as const, subject: mediaId, fingerprint, createdAt: this.deps.now(), attempts: 1 }
    syncRepo.putOutbox(this.db, entry)
    const ext = mediaId.split('.')[1]
    const sentAt = this.deps.now()
    let answer: WpResponse<{ id: number; source_url: string }>
    try {
      answer = await client.request<{ id: number; source_url: string }>('POST', 'wp/v2/media', {
        body: bytes,
        query: { alt_text: alt, caption, _fields: 'id,source_url' },
        headers: { 'content-type': item.mime, 'content-disposition': `attachment; filename="${fingerprint}.${ext}"` },
        idempotent: false
      })
    } catch (error) {
      this.noteDoubt(site, 'upload_media', mediaId, fingerprint, sentAt, error)
      throw error
    }
    syncRepo.recordUpload(this.db, mediaId, site.id, answer.data.id, answer.data.source_url, this.deps.now())
    syncRepo.deleteOutbox(this.db, entry.id)
    this.report({ bytesDone: this.progress.bytesDone + bytes.length })
  }

  /** This user's uploads on the site named by a fingerprint and made since `since` (with a margin for clocks), oldest first (the one to keep). */
  private async landedMedia(client: WpClient, site: Site, fingerprint: string, since: number): Promise<{ id: number; source_url: string }[]> {
    const found = await client.get<{ id: number; source_url: string; author?: number }[]>('wp/v2/media', {
      search: fingerprint,
      author: site.userId,
      after: new Date(since - 10 * 60 * 1000).toISOString(),
      orderby: 'id',
      order: 'asc',
      _fields: 'id,source_url,author',
      per_page: 100
    })
    // The search also matches inside other titles: only a file named by the fingerprint (WordPress adds -1, -2 to a repeated name) is one of ours.
    const name = (url: string) => url.slice(url.lastIndexOf('/') + 1)
    return found.data.filter((m) => (m.author === undefined || m.author === site.userId) && name(m.source_url).startsWith(fingerprint))
  }

  // ---- attempts whose answer never came -------------------------------------------

  /** Records a create or upload that failed in a way the site may still carry out. */
  private noteDoubt(site: Site, kind: syncRepo.Doubt['kind'], subject: string, fingerprint: string, sentAt: number, error: unknown): void {
    if (!mayHaveLanded(error)) return
    syncRepo.addDoubt(this.db, { id: randomUUID(), siteId: site.id, kind, subject, fingerprint, sentAt, endedAt: this.deps.now() })
  }

  /** Nothing of the earlier tries is on the site yet: if the last one ended only just now, it may still land, so nothing is sent again. */
  private waitForDoubts(doubts: syncRepo.Doubt[]): void {
    const settle = this.deps.settleMs ?? SETTLE_MS
    const last = Math.max(...doubts.map((d) => d.endedAt))
    const left = last + settle - this.deps.now()
    if (doubts.length > 0 && left > 0)
      throw new WpError('awaiting_site', `an earlier try was cut off and may still reach the site; Qalam sends again after ${Math.ceil(left / 1000)} s if it does not`)
  }

  /** One landed copy answers one attempt: that attempt's doubt is settled. */
  private consumeDoubt(doubts: syncRepo.Doubt[], fingerprint: string): void {
    const doubt = doubts.find((d) => d.fingerprint === fingerprint)
    if (doubt === undefined) return
    syncRepo.deleteDoubt(this.db, doubt.id)
    doubts.splice(doubts.indexOf(doubt), 1)
  }

  /**
   * Moves copies the site made of attempts Qalam gave up on out of the way, one per attempt
   * (`doubts`, consumed in order): a post to the trash (an editor can restore it), an upload
   * deleted (media has no trash, and no one has seen this copy).
   */
  private async removeCopies(client: WpClient, kind: syncRepo.Doubt['kind'], copies: { id: number }[], doubts: syncRepo.Doubt[]): Promise<void> {
    for (const copy of copies.slice(0, doubts.length)) {
      if (kind === 'create_post') await client.request('DELETE', `wp/v2/posts/${copy.id}`, { query: { _fields: 'id' }, idempotent: true })
      else await client.request('DELETE', `wp/v2/media/${copy.id}`, { query: { force: true, _fields: 'id' }, idempotent: true })
      syncRepo.deleteDoubt(this.db, doubts.shift()!.id)
      this.report({ removedCopies: this.progress.removedCopies + 1 })
    }
  }

  /** Term IDs for names, creating the missing terms (WordPress answers `term_exists` with the ID if one appeared meanwhile). */
  private async termIds(client: WpClient, site: Site, taxonomy: 'categories' | 'tags', names: string[]): Promise<number[]> {
    const ids: number[] = []
    for (const name of names) {
      const known = syncRepo.listTerms(this.db, site.id, taxonomy).find((t) => t.name === name)
      if (known !== undefined) {
        ids.push(known.remoteId)
        continue
      }
      try {
        const created = await client.request<{ id: number; name: string; parent?: number }>('POST', `wp/v2/${taxonomy}`, {
          json: { name },
          query: { _fields: 'id,name,parent' },
          idempotent: true
        })
        syncRepo.upsertTerms(this.db, site.id, taxonomy, [{ remoteId: created.data.id, name: created.data.name, parent: created.data.parent ?? 0 }])
        ids.push(created.data.id)
      } catch (error) {
        const data = (error as WpError & { data?: unknown }).wpCode === 'term_exists' ? await this.findTerm(client, site, taxonomy, name) : undefined
        if (data === undefined) throw error
        ids.push(data)
      }
    }
    return ids
  }

  private async findTerm(client: WpClient, site: Site, taxonomy: 'categories' | 'tags', name: string): Promise<number | undefined> {
    const found = await client.get<{ id: number; name: string; parent?: number }[]>(`wp/v2/${taxonomy}`, { search: name, per_page: 100, _fields: 'id,name,parent' })
    syncRepo.upsertTerms(this.db, site.id, taxonomy, found.data.map((t) => ({ remoteId: t.id, name: t.name, parent: t.parent ?? 0 })))
    return found.data.find((t) => t.name === name)?.id
  }

  /** The site's category tree, for picking (100 to a page; a newsroom has a few dozen). */
  async refreshCategories(client: WpClient, site: Site): Promise<void> {
    for (let page = 1; page <= 20; page++) {
      const answer = await client.get<{ id: number; name: string; parent?: number }[]>('wp/v2/categories', { per_page: 100, page, _fields: 'id,name,parent' })
      syncRepo.upsertTerms(this.db, site.id, 'categories', answer.data.map((t) => ({ remoteId: t.id, name: t.name, parent: t.parent ?? 0 })))
      if (page >= Number(answer.headers.get('x-wp-totalpages') ?? '1')) break
    }
  }

  /** Fills the term cache for IDs the site used that this machine has not seen. */
  private async learnTerms(client: WpClient, site: Site, posts: RemotePost[]): Promise<void> {
    for (const taxonomy of ['categories', 'tags'] as const) {
      const known = new Set(syncRepo.listTerms(this.db, site.id, taxonomy).map((t) => t.remoteId))
      const unknown = [...new Set(posts.flatMap((p) => p[taxonomy] ?? []))].filter((id) => !known.has(id))
      for (let i = 0; i < unknown.length; i += 100) {
        const page = await client.get<{ id: number; name: string; parent?: number }[]>(`wp/v2/${taxonomy}`, {
          include: unknown.slice(i, i + 100),
          per_page: 100,
          _fields: 'id,name,parent'
        })
        syncRepo.upsertTerms(this.db, site.id, taxonomy, page.data.map((t) => ({ remoteId: t.id, name: t.name, parent: t.parent ?? 0 })))
      }
    }
  }

  // ---- push ------------------------------------------------------------------------

  private async payload(client: WpClient, site: Site, article: Article, snap: Snapshot): Promise<Record<string, unknown>> {
    const doc = parseDocumentJson(article.body)
    if ((snap.status === 'publish' || snap.status === 'future') && !site.capabilities.publish_posts) throw new WpError('missing_capability', 'publish_posts')
    if (snap.status === 'future' && snap.publishAt === null) throw new WpError('rejected', 'a scheduled article needs a publishing time')
    await this.ensureUploads(client, site, doc)
    let featuredMedia: number | undefined
    if (snap.featured !== '' && !snap.featured.startsWith('remote:')) {
      if (syncRepo.findUpload(this.db, snap.featured, site.id) === undefined) {
        if (!site.capabilities.upload_files) throw new WpError('missing_capability', 'upload_files')
        await this.upload(client, site, snap.featured, '', '')
      }
      featuredMedia = syncRepo.findUpload(this.db, snap.featured, site.id)!.remoteId
    } else if (snap.featured === '' && this.base(article.id)?.featured !== undefined && this.base(article.id)!.featured !== '') {
      // The reporter removed the featured image.
      featuredMedia = 0
    }
    const bridge = site.bridge === true
    const content = joinBlocks(
      documentToBlocks(doc, {
        // A site without the plugin shows review markup to readers: a post going public goes without it.
        plain: !bridge && (snap.status === 'publish' || snap.status === 'future'),
        image: (mediaId) => {
          const up = syncRepo.findUpload(this.db, mediaId, site.id)
          return up === undefined ? undefined : { id: up.remoteId, url: up.sourceUrl }
        }
      })
    )
    const body: Record<string, unknown> = {
      title: snap.title,
      excerpt: snap.standfirst,
      content,
      status: snap.status,
      categories: await this.termIds(client, site, 'categories', snap.categories),
      tags: await this.termIds(client, site, 'tags', snap.tags)
    }
    if (snap.slug.trim() !== '') body.slug = snap.slug
    if (featuredMedia !== undefined) body.featured_media = featuredMedia
    if (snap.status === 'future' && snap.publishAt !== null) body.date_gmt = new Date(snap.publishAt).toISOString().slice(0, 19)
    if (bridge) body.meta = { qalam_uuid: article.id, qalam_review: snap.review ?? reviewRepo.readReview(this.db, article.id) }
    return body
  }

  /**
   * The posts of earlier tries the site made (this user's, modified since the earliest try
   * began, not yet any article's, with the title and text of one of the tries): one request
   * for all of them. Oldest first, so the copy kept is the one made first.
   */
  private async landedPosts(client: WpClient, site: Site, since: number, fingerprints: Set<string>): Promise<{ post: RemotePost; fingerprint: string }[]> {
    const landed: { post: RemotePost; fingerprint: string }[] = []
    if (fingerprints.size === 0) return landed
    const after = new Date(since - 10 * 60 * 1000).toISOString()
    const taken = new Set(syncRepo.listArticleSyncs(this.db, site.id).map((r) => r.remote_id))
    for (let page = 1; page <= 50; page++) {
      const answer = await client.get<RemotePost[]>('wp/v2/posts', {
        author: site.userId,
        status: LIVE_STATUSES,
        modified_after: after,
        context: 'edit',
        orderby: 'id',
        order: 'asc',
        per_page: 100,
        page,
        _fields: FULL_FIELDS
      })
      for (const post of answer.data) {
        if (taken.has(post.id)) continue
        const fingerprint = this.fingerprint(post.title.raw, post.content.raw)
        if (fingerprints.has(fingerprint)) landed.push({ post, fingerprint })
      }
      if (page >= Number(answer.headers.get('x-wp-totalpages') ?? '1')) break
    }
    return landed
  }

  /**
   * Copies that landed for attempts of articles that already have their post: each one
   * answers one such attempt (its doubt) and goes to the trash. A copy whose only
   * attempts belong to articles still without a post is left for them to adopt.
   */
  private async trashCopies(client: WpClient, site: Site, landed: { post: RemotePost; fingerprint: string }[], doubts: syncRepo.Doubt[]): Promise<void> {
    const linked = (articleId: string) => syncRepo.findArticleSync(this.db, articleId)?.remote_id != null
    for (const { post, fingerprint } of landed) {
      const doubt = doubts.find((d) => d.fingerprint === fingerprint && linked(d.subject))
      if (doubt === undefined) continue
      try {
        doubts.splice(doubts.indexOf(doubt), 1)
        await this.removeCopies(client, 'create_post', [post], [doubt])
      } catch (error) {
        // Left for the next sync (the doubt stays); the article itself is fine.
        if (error instanceof WpError && error.code === 'cancelled') throw error
      }
    }
  }

  /** Media uploaded by attempts whose answer was lost after another upload of the same image became the article's. */
  private async sweepMedia(client: WpClient, site: Site): Promise<void> {
    const doubts = syncRepo.listDoubts(this.db, site.id, 'upload_media').filter((d) => syncRepo.findUpload(this.db, d.subject, site.id) !== undefined)
    for (const mediaId of new Set(doubts.map((d) => d.subject))) {
      const fingerprint = `qalam-${mediaId.split('.')[0]}`
      const mine = doubts.filter((d) => d.subject === mediaId)
      try {
        const copies = (await this.landedMedia(client, site, fingerprint, Math.min(...mine.map((d) => d.sentAt)))).filter((m) => syncRepo.findUploadByRemote(this.db, site.id, m.id) === undefined)
        await this.removeCopies(client, 'upload_media', copies, mine)
      } catch (error) {
        if (error instanceof WpError && error.code === 'cancelled') throw error
      }
    }
  }

  /**
   * What identifies a post Qalam sent: its title and the text of its content. Not the raw
   * markup: WordPress rewrites tags on the way in (kses rebuilds attributes for users
   * without unfiltered_html), but never the words.
   */
  private fingerprint(title: string, content: string): string {
    return createHash('sha256').update(`${title.trim()}\u0000${markupText(content).replace(/\s+/g, ' ').trim()}`).digest('hex')
  }

  /** Creates posts for new articles, 25 to a /batch/v1 request, each intent in the outbox first. */
  private async pushNew(client: WpClient, site: Site, articles: Article[]): Promise<void> {
    articles = [...articles]
    const ready: { article: Article; snap: Snapshot; body: Record<string, unknown>; entry: syncRepo.OutboxEntry }[] = []
    const earlier = articles.map((a) => syncRepo.findOutbox(this.db, site.id, 'create_post', a.id)).filter((e): e is syncRepo.OutboxEntry => e !== undefined)
    const doubts = syncRepo.listDoubts(this.db, site.id, 'create_post')
    // What the earlier tries could have made: each outbox entry's last fingerprint and every lost attempt's.
    const prints = new Set([...earlier.map((e) => e.fingerprint), ...doubts.map((d) => d.fingerprint)])
    const since = Math.min(...earlier.map((e) => e.createdAt), ...doubts.map((d) => d.sentAt))
    let landed: { post: RemotePost; fingerprint: string }[] = []
    try {
      landed = await this.landedPosts(client, site, since, prints)
    } catch (error) {
      // Without knowing what the earlier tries made, nothing is created again this run.
      const unsure = (a: Article) => earlier.some((e) => e.subject === a.id) || doubts.some((d) => d.subject === a.id)
      for (const a of articles) if (unsure(a)) this.fail(a, error)
      articles = articles.filter((a) => !unsure(a))
    }
    for (const article of articles) {
      try {
        const snap = this.localSnapshot(article)
        const body = await this.payload(client, site, article, snap)
        const previous = earlier.find((e) => e.subject === article.id)
        const mine = doubts.filter((d) => d.subject === article.id)
        const wanted = new Set([...(previous === undefined ? [] : [previous.fingerprint]), ...mine.map((d) => d.fingerprint)])
        const made = landed.find((l) => wanted.has(l.fingerprint))
        if (made !== undefined) {
          // An earlier try made the post. Its content is what was sent then; if the reporter wrote since, send that now.
          landed.splice(landed.indexOf(made), 1)
          const answered = mine.find((d) => d.fingerprint === made.fingerprint)
          if (answered !== undefined) this.consumeDoubt(doubts, answered.fingerprint)
          const there = this.remoteSnapshot(site, made.post)
          this.adoptCreated(article, there, made.post, previous)
          if (hashOf(there) !== hashOf(snap)) await this.pushUpdate(client, site, article, snap, made.post.id, versionOf(made.post))
          continue
        }
        // Nothing of the earlier tries is there yet; one that ended only just now may still land.
        this.waitForDoubts(mine)
        const entry = {
          id: previous?.id ?? randomUUID(),
          siteId: site.id,
          kind: 'create_post' as const,
          subject: article.id,
          fingerprint: this.fingerprint(snap.title, String(body.content)),
          createdAt: previous?.createdAt ?? this.deps.now(),
          attempts: 1
        }
        ready.push({ article, snap, body, entry })
      } catch (error) {
        this.fail(article, error)
      }
    }
    await this.trashCopies(client, site, landed, doubts)
    for (let i = 0; i < ready.length; i += BATCH_LIMIT) {
      const group = ready.slice(i, i + BATCH_LIMIT)
      // The intents of the whole batch reach the disk (one commit) before the request goes out.
      this.db.transaction(() => group.forEach((g) => syncRepo.putOutbox(this.db, g.entry)))()
      let answers: { status: number; body: unknown }[]
      const sentAt = this.deps.now()
      try {
        if (group.length === 1) {
          const one = await client.request<RemotePost>('POST', 'wp/v2/posts', { json: group[0]!.body, query: { _fields: CREATE_FIELDS }, idempotent: false })
          answers = [{ status: one.status, body: one.data }]
        } else {
          const batch = await client.request<{ responses: { status: number; body: unknown }[] }>('POST', 'batch/v1', {
            json: {
              validation: 'normal',
              requests: group.map((g) => ({ method: 'POST', path: `/wp/v2/posts?_fields=${CREATE_FIELDS}`, body: g.body }))
            },
            idempotent: false
          })
          answers = batch.data.responses
        }
      } catch (error) {
        // The answer may be lost after the site made the posts: the outbox keeps the intent, the doubt what was sent; the next try reconciles.
        for (const g of group) this.noteDoubt(site, 'create_post', g.article.id, g.entry.fingerprint, sentAt, error)
        for (const g of group) this.fail(g.article, error)
        continue
      }
      const adopted: { g: (typeof group)[number]; post: RemotePost }[] = []
      const refused: { g: (typeof group)[number]; answer: { status: number; body: unknown } | undefined }[] = []
      group.forEach((g, k) => {
        const answer = answers[k]
        if (answer !== undefined && answer.status < 300) adopted.push({ g, post: answer.body as RemotePost })
        else refused.push({ g, answer })
      })
      // What the site made is recorded in one commit too.
      this.db.transaction(() => {
        for (const { g, post } of adopted) {
          // A post just created has no revisions yet (asking for the count would cost WordPress its links for every post).
          // Should the site keep one on insert, the next read sees a different count and compares contents: nothing is missed.
          post._links ??= { 'version-history': [{ count: 0 }] }
          this.setBase(g.article.id, g.snap, post)
          syncRepo.deleteOutbox(this.db, g.entry.id)
        }
      })()
      for (let k = 0; k < adopted.length; k++) this.done()
      for (const { g, answer } of refused) {
        const body = (answer?.body ?? {}) as { code?: string; message?: string }
        this.fail(g.article, new WpError(answer?.status === 403 ? 'missing_capability' : 'rejected', `${body.code ?? answer?.status}: ${body.message ?? ''}`, answer?.status ?? null, body.code ?? null))
      }
    }
  }

  private adoptCreated(article: Article, snap: Snapshot, post: RemotePost, entry: syncRepo.OutboxEntry | undefined): void {
    this.db.transaction(() => {
      this.setBase(article.id, snap, post)
      if (entry !== undefined) syncRepo.deleteOutbox(this.db, entry.id)
    })()
    this.done()
  }

  /**
   * Updates an existing post. Core WordPress has no If-Match: the post was read just
   * before (the run's first request), the answer is compared with what was sent, and
   * the post's revisions show whether someone saved between that read and this write.
   */
  private async pushUpdate(client: WpClient, site: Site, article: Article, snap: Snapshot, remoteId: number, baseVersion: string | null): Promise<void> {
    // An earlier update cut off just now may still land; sent after this one, its older text would replace this on the site.
    // (With the companion plugin the late one carries a stale precondition and is refused: no need to wait.)
    if (site.bridge !== true) this.waitForDoubts(syncRepo.listDoubts(this.db, site.id, 'update_post', article.id))
    const body = await this.payload(client, site, article, snap)
    let answer: WpResponse<RemotePost>
    // With the companion plugin the site itself refuses the write (412) if the post changed since it was read.
    const expected = site.bridge === true ? baseVersion?.split('|')[0] : undefined
    const sentAt = this.deps.now()
    try {
      answer = await client.request<RemotePost>('POST', `wp/v2/posts/${remoteId}`, {
        json: body,
        query: { context: 'edit', _fields: FULL_FIELDS },
        idempotent: true,
        headers: expected ? { 'x-qalam-expected-modified': expected } : undefined,
        // Repeating the same update is harmless; a cut-off attempt is remembered so the next, different one waits for it.
        onDoubt: (error) => this.noteDoubt(site, 'update_post', article.id, this.fingerprint(String(body.title), String(body.content)), sentAt, error)
      })
    } catch (error) {
      if (error instanceof WpError && error.status === 412) throw new PreconditionFailed()
      if (error instanceof WpError && error.status === 404) {
        // Deleted for good on the site since the last sync: the local article stays, marked.
        syncRepo.updateArticleSync(this.db, article.id, { state: 'deleted_on_site', remote_status: 'deleted', error: null })
        return
      }
      throw error
    }
    const post = answer.data
    if (this.fingerprint(post.title.raw, post.content.raw) !== this.fingerprint(String(body.title), String(body.content))) {
      // The site changed what it was sent (a filter, a plugin): take its version as the new base, so the next sync compares against what is really there.
      this.setBase(article.id, this.remoteSnapshot(site, post), post)
      return
    }
    const before = Number(baseVersion?.split('|')[2])
    const after = Number(versionOf(post).split('|')[2])
    // This write adds one revision; more than one since the read means someone else saved in between.
    if (Number.isFinite(before) && Number.isFinite(after) && after - before > 1) {
      const slipped = await this.slippedRevision(client, remoteId)
      if (slipped !== undefined) {
        // Someone saved between the read and this write: their version is in the revisions. Keep it as a conflict copy.
        const theirs: RemotePost = { ...post, title: { raw: slipped.title.raw }, excerpt: { raw: slipped.excerpt.raw }, content: { raw: slipped.content.raw } }
        this.setBase(article.id, snap, post)
        this.recordConflict(site, article, this.base(article.id)!, snap, this.remoteSnapshot(site, theirs), post)
        return
      }
    }
    this.setBase(article.id, snap, post)
  }

  private async slippedRevision(client: WpClient, remoteId: number) {
    const revisions = await client.get<{ id: number; modified_gmt: string; date_gmt: string; title: { raw: string }; excerpt: { raw: string }; content: { raw: string } }[]>(
      `wp/v2/posts/${remoteId}/revisions`,
      { per_page: 3, context: 'edit', _fields: 'id,modified_gmt,date_gmt,title,excerpt,content' }
    )
    // revisions[0] is this write; the one before it is the save that slipped in.
    return revisions.data[1]
  }

  // ---- the run -------------------------------------------------------------------

  private done(): void {
    this.report({ articlesDone: this.progress.articlesDone + 1 })
  }

  private fail(article: Pick<Article, 'id' | 'title'>, error: unknown): void {
    const failure = failureOf(error)
    syncRepo.updateArticleSync(this.db, article.id, { state: 'error', error: JSON.stringify(failure) })
    this.report({ failures: [...this.progress.failures, { articleId: article.id, title: article.title, error: failure }], articlesDone: this.progress.articlesDone + 1 })
    if (failure.code === 'cancelled') throw error
  }

  private recordConflict(site: Site, article: Article, base: Snapshot, local: Snapshot, remote: Snapshot, post: RemotePost): void {
    const result = threeWayMerge(base, local, remote)
    const text: Record<string, string> = {}
    for (const c of result.chunks) if (c.kind === 'conflict') for (const b of [...c.local, ...c.remote]) text[b] = markupText(b)
    const conflict: SyncConflict & { remote: Snapshot; remotePost: PostState } = {
      articleId: article.id,
      detectedAt: this.deps.now(),
      fields: result.fieldConflicts,
      chunks: result.chunks,
      text,
      remote,
      remotePost: { id: post.id, modified_gmt: post.modified_gmt, status: post.status, link: post.link, _links: post._links }
    }
    // The local version stays the article, with the site's non-overlapping changes merged in.
    if (hashOf(result.merged) !== hashOf(local)) this.applyToArticle(article, result.merged, 'before-sync', { site, post })
    syncRepo.updateArticleSync(this.db, article.id, { state: 'conflict', conflict: JSON.stringify(conflict), error: null })
  }

  /** Syncs the given articles (or every linked one) with each site; resolves when all are done or cancelled. */
  async run(options: { articleIds?: string[] } = {}): Promise<SyncProgress> {
    if (this.progress.running) throw new WpError('rejected', 'a sync is already running')
    this.controller = new AbortController()
    const signal = this.controller.signal
    const rows = syncRepo.listArticleSyncs(this.db).filter((r) => options.articleIds === undefined || options.articleIds.includes(r.article_id))
    this.report({ running: true, articlesDone: 0, articlesTotal: rows.length, bytesDone: 0, bytesTotal: 0, failures: [], pulled: [], removedCopies: 0, startedAt: this.deps.now(), finishedAt: null, cancelled: false, current: null })
    this.lastRequests = 0
    try {
      for (const site of syncRepo.listSites(this.db)) {
        const mine = rows.filter((r) => r.site_id === site.id)
        if (mine.length === 0) continue
        if (signal.aborted) break
        const client = this.client(site, signal)
        try {
          await this.syncSite(client, site, mine, options.articleIds !== undefined)
          syncRepo.setSiteSynced(this.db, site.id, this.deps.now())
        } catch (error) {
          if (error instanceof WpError && error.code === 'cancelled') break
          for (const r of mine) {
            const article = articlesRepo.findArticle(this.db, r.article_id)
            if (article !== undefined && syncRepo.findArticleSync(this.db, r.article_id)?.state !== 'synced') this.fail(article, error)
          }
        } finally {
          this.lastRequests += client.requests
        }
      }
    } catch (error) {
      if (!(error instanceof WpError && error.code === 'cancelled')) throw error
    } finally {
      this.report({ running: false, finishedAt: this.deps.now(), cancelled: signal.aborted, current: null })
      this.controller = null
    }
    return this.status()
  }

  private async syncSite(client: WpClient, site: Site, rows: syncRepo.ArticleSyncRow[], targeted: boolean): Promise<void> {
    // Media to upload, for the progress bar's byte total.
    let bytesTotal = 0
    for (const r of rows) {
      const article = articlesRepo.findArticle(this.db, r.article_id)
      if (article === undefined) continue
      for (const id of documentImages(parseDocumentJson(article.body)))
        if (syncRepo.findUpload(this.db, id, site.id) === undefined) bytesTotal += mediaRepo.findMedia(this.db, id)?.bytes ?? 0
    }
    this.report({ bytesTotal })
    syncRepo.forgetDoubtsBefore(this.db, site.id, this.deps.now() - (this.deps.watchMs ?? WATCH_MS))

    // Read before write. After a complete sync, one request asks what changed on the site since it began
    // (by the site's own clock, with a margin); the first time, the state of every known post is read.
    const linked = rows.filter((r) => r.remote_id !== null)
    const light = new Map<number, PostState>()
    // A sync of chosen articles reads their state directly, and so does one after a long pause
    // (a post deleted for good on the site leaves no trace in "changed since").
    const stale = site.lastSyncAt === null || this.deps.now() - site.lastSyncAt > FULL_READ_AFTER_MS
    const cursor = targeted || stale ? null : syncRepo.siteSyncCursor(this.db, site.id)
    let serverNow: string | null = null
    const known = new Set(syncRepo.listArticleSyncs(this.db, site.id).map((r) => r.remote_id))
    if (cursor !== null) {
      const since = new Date(Date.parse(cursor) - CURSOR_MARGIN_MS).toISOString()
      for (let page = 1; page <= 100; page++) {
        const answer = await client.get<PostState[]>('wp/v2/posts', { modified_after: since, status: REMOTE_STATUSES, per_page: 100, page, context: 'edit', orderby: 'modified', order: 'asc', _fields: STATE_FIELDS })
        serverNow ??= answer.headers.get('date')
        for (const p of answer.data) if (known.has(p.id)) light.set(p.id, p)
        if (page >= Number(answer.headers.get('x-wp-totalpages') ?? '1')) break
      }
      // Not listed means unchanged since the last sync: its state is the base's.
      for (const r of linked) if (!light.has(r.remote_id!) && r.base_modified_gmt !== null) light.set(r.remote_id!, this.stateFromBase(r))
    } else {
      const read = await this.readPosts<PostState>(client, linked.map((r) => r.remote_id!), STATE_FIELDS)
      serverNow ??= read.date
      for (const p of read.posts) light.set(p.id, p)
    }
    const changedRemote = linked.filter((r) => {
      const p = light.get(r.remote_id!)
      return p !== undefined && p.status !== 'trash' && !sameVersion(p, r.base_modified_gmt)
    })
    const full = new Map((await this.readPosts<RemotePost>(client, changedRemote.map((r) => r.remote_id!), FULL_FIELDS)).posts.map((p) => [p.id, p]))
    await this.learnTerms(client, site, [...full.values()])
    if (rows.some((r) => r.remote_id === null || changedRemote.includes(r))) await this.refreshCategories(client, site)

    const creates: Article[] = []
    for (const row of rows) {
      const article = articlesRepo.findArticle(this.db, row.article_id)
      if (article === undefined) continue
      this.report({ current: article.title })
      try {
        if (row.state === 'conflict') {
          this.done()
          continue
        }
        if (row.remote_id === null) {
          creates.push(article)
          continue
        }
        await this.syncLinked(client, site, article, row, light.get(row.remote_id), full.get(row.remote_id))
      } catch (error) {
        this.fail(article, error)
      }
    }
    // Lost attempts are looked for while they may still land: adopted, or moved out of the way if the article has its post.
    if (creates.length > 0 || syncRepo.listDoubts(this.db, site.id, 'create_post').length > 0) await this.pushNew(client, site, creates)
    await this.sweepMedia(client, site)
    // Only a sync that read everything it had to moves the cursor on.
    const date = serverNow === null ? null : Date.parse(serverNow)
    if (date !== null && Number.isFinite(date) && this.progress.failures.every((f) => !rows.some((r) => r.article_id === f.articleId))) {
      syncRepo.setSiteSyncCursor(this.db, site.id, new Date(date).toISOString())
    }
  }

  /** Reads posts by id, 100 to a request, whatever their status; with the site's clock at the first answer. */
  private async readPosts<T extends { id: number }>(client: WpClient, ids: number[], fields: string): Promise<{ posts: T[]; date: string | null }> {
    const posts: T[] = []
    let date: string | null = null
    for (let i = 0; i < ids.length; i += 100) {
      const page = await client.get<T[]>('wp/v2/posts', { include: ids.slice(i, i + 100), status: REMOTE_STATUSES, per_page: 100, context: 'edit', _fields: fields })
      date ??= page.headers.get('date')
      posts.push(...page.data)
    }
    return { posts, date }
  }

  /** A post's state as this machine last saw it (for posts the site did not list as changed). */
  private stateFromBase(row: syncRepo.ArticleSyncRow): PostState {
    const [modified, status, count] = (row.base_modified_gmt ?? '').split('|')
    return {
      id: row.remote_id!,
      modified_gmt: modified ?? '',
      status: status ?? row.remote_status ?? 'draft',
      link: row.remote_link ?? '',
      _links: count === undefined || count === '-' ? undefined : { 'version-history': [{ count: Number(count) }] }
    }
  }

  private async syncLinked(
    client: WpClient,
    site: Site,
    article: Article,
    row: syncRepo.ArticleSyncRow,
    state: PostState | undefined,
    post: RemotePost | undefined
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.syncLinkedOnce(client, site, article, row, state, post)
      } catch (error) {
        if (!(error instanceof PreconditionFailed) || attempt >= 2) throw error instanceof PreconditionFailed ? new WpError('rejected', 'the post kept changing on the site while Qalam wrote it') : error
        // Someone saved on the site between the read and the write: read it again and merge with that.
        const fresh = (await this.readPosts<RemotePost>(client, [row.remote_id!], FULL_FIELDS)).posts[0]
        article = this.deps.articles.get(article.id)
        row = syncRepo.findArticleSync(this.db, article.id)!
        state = fresh
        post = fresh
      }
    }
  }

  private async syncLinkedOnce(
    client: WpClient,
    site: Site,
    article: Article,
    row: syncRepo.ArticleSyncRow,
    state: PostState | undefined,
    post: RemotePost | undefined
  ): Promise<void> {
    const local = this.localSnapshot(article)
    const base = row.base === null ? null : (JSON.parse(row.base) as Snapshot)
    const changedHere = base === null || hashOf(local) !== row.base_hash
    if (state === undefined || state.status === 'trash') {
      // Gone from the site (deleted or in its trash): the local article stays, marked, and can be sent again.
      syncRepo.updateArticleSync(this.db, article.id, {
        state: 'deleted_on_site',
        remote_status: state?.status ?? 'deleted',
        error: null
      })
      this.done()
      return
    }
    const changedThere = !sameVersion(state, row.base_modified_gmt)
    if (!changedHere && !changedThere) {
      syncRepo.updateArticleSync(this.db, article.id, { state: 'synced', error: null, remote_status: state.status, synced_at: this.deps.now() })
      this.done()
      return
    }
    if (!changedThere) {
      await this.pushUpdate(client, site, article, local, row.remote_id!, row.base_modified_gmt)
      this.done()
      return
    }
    if (post === undefined) throw new WpError('rejected', 'the site did not return the changed post')
    const remote = this.remoteSnapshot(site, post)
    if (base !== null && hashOf(remote) === row.base_hash) {
      // Saved on the site without a change Qalam keeps (or a version detail moved): only the version is new.
      syncRepo.updateArticleSync(this.db, article.id, { base_modified_gmt: versionOf(post), remote_status: post.status })
      if (changedHere) await this.pushUpdate(client, site, article, local, post.id, versionOf(post))
      else syncRepo.updateArticleSync(this.db, article.id, { state: 'synced', error: null, synced_at: this.deps.now() })
      this.done()
      return
    }
    if (!changedHere || base === null) {
      this.applyToArticle(article, remote, 'before-sync', { site, post })
      const refreshed = this.deps.articles.get(article.id)
      this.setBase(article.id, this.localSnapshot(refreshed), post)
      this.done()
      return
    }
    const result = threeWayMerge(base, local, remote)
    if (result.clean) {
      this.applyToArticle(article, result.merged, 'before-sync', { site, post })
      const merged = this.deps.articles.get(article.id)
      // The site's version is now the base; the merged article goes back as an update.
      syncRepo.updateArticleSync(this.db, article.id, { base_modified_gmt: versionOf(post), base: JSON.stringify(remote), base_hash: hashOf(remote) })
      await this.pushUpdate(client, site, merged, this.localSnapshot(merged), post.id, versionOf(post))
      this.done()
      return
    }
    this.recordConflict(site, article, base, local, remote, post)
    this.done()
  }

  // ---- conflicts -------------------------------------------------------------------

  conflict(articleId: string): SyncConflict | null {
    const row = syncRepo.findArticleSync(this.db, articleId)
    if (row?.conflict == null) return null
    const { remote: _r, remotePost: _p, ...conflict } = JSON.parse(row.conflict) as SyncConflict & { remote: unknown; remotePost: unknown }
    return conflict
  }

  /**
   * The user's choice, chunk by chunk and field by field: the article becomes it,
   * the site's version becomes the base, and the next sync sends the result.
   */
  resolve(articleId: string, picks: ('local' | 'remote' | 'both')[], fieldPicks: Partial<Record<'title' | 'standfirst' | 'slug', 'local' | 'remote'>>): void {
    const row = syncRepo.findArticleSync(this.db, articleId)
    if (row?.conflict == null) throw new WpError('rejected', 'this article has no conflict')
    const conflict = JSON.parse(row.conflict) as SyncConflict & { remote: Snapshot; remotePost: PostState }
    const article = this.deps.articles.get(articleId)
    const local = this.localSnapshot(article)
    const chosen: Snapshot = { ...local, blocks: resolveChunks(conflict.chunks, picks) }
    for (const f of conflict.fields) if (fieldPicks[f.field] === 'remote') chosen[f.field] = f.remote
    this.applyToArticle(article, chosen, 'before-sync')
    syncRepo.updateArticleSync(this.db, articleId, {
      conflict: null,
      state: 'changed_here',
      base: JSON.stringify(conflict.remote),
      base_hash: hashOf(conflict.remote),
      base_modified_gmt: versionOf(conflict.remotePost)
    })
  }

  /** An article deleted on the site goes back as a new post on the next sync. */
  recreate(articleId: string): void {
    const row = syncRepo.findArticleSync(this.db, articleId)
    if (row?.state !== 'deleted_on_site') throw new WpError('rejected', 'the article is not deleted on the site')
    syncRepo.updateArticleSync(this.db, articleId, { remote_id: null, base: null, base_hash: null, base_modified_gmt: null, remote_link: null, remote_status: null, state: 'local' })
  }

  // ---- the site's revisions -----------------------------------------------------------

  /** The site's revisions of a post, newest first (WordPress keeps one per content save). */
  async siteRevisions(site: Site, remoteId: number): Promise<{ id: number; createdAt: number; title: string; wordCount: number }[]> {
    const answer = await this.client(site).get<{ id: number; date_gmt: string; title: { raw: string }; content: { raw: string } }[]>(`wp/v2/posts/${remoteId}/revisions`, {
      per_page: 100,
      context: 'edit',
      _fields: 'id,date_gmt,title,content'
    })
    return answer.data.map((r) => ({
      id: r.id,
      createdAt: Date.parse(`${r.date_gmt}Z`),
      title: r.title.raw,
      wordCount: countWords(documentText(markupToDocument(r.content.raw, this.fromSiteCtx(site.id))))
    }))
  }

  /** One of the site's revisions as this machine's document. */
  async siteRevision(site: Site, remoteId: number, revisionId: number): Promise<{ title: string; standfirst: string; doc: LexDocument }> {
    const answer = await this.client(site).get<{ parent: number; title: { raw: string }; excerpt: { raw: string }; content: { raw: string } }>(
      `wp/v2/posts/${remoteId}/revisions/${revisionId}`,
      { context: 'edit', _fields: 'parent,title,excerpt,content' }
    )
    if (answer.data.parent !== remoteId) throw new WpError('rejected', `revision ${revisionId} is not one of post ${remoteId}'s`)
    return { title: answer.data.title.raw, standfirst: answer.data.excerpt.raw, doc: markupToDocument(answer.data.content.raw, this.fromSiteCtx(site.id)) }
  }

  // ---- import -------------------------------------------------------------------------

  /** Posts on the site, to browse and pick for offline editing. */
  async browse(site: Site, query: { status?: string; search?: string; page?: number }): Promise<RemotePostSummary[]> {
    const client = this.client(site)
    const answer = await client.get<{ id: number; title: { raw: string }; status: string; modified_gmt: string }[]>('wp/v2/posts', {
      status: query.status ?? REMOTE_STATUSES.replace(',trash', ''),
      search: query.search,
      page: query.page ?? 1,
      per_page: 100,
      context: 'edit',
      _fields: 'id,title,status,modified_gmt'
    })
    return answer.data.map((p) => ({
      remoteId: p.id,
      title: p.title.raw,
      status: p.status,
      modifiedGmt: p.modified_gmt,
      articleId: syncRepo.findArticleByRemote(this.db, site.id, p.id)?.article_id ?? null
    }))
  }

  /**
   * Imports posts to edit offline: the given ones, or every post modified since the
   * last import (a `modified_after` cursor), 100 to a request.
   */
  async importPosts(site: Site, options: { remoteIds?: number[]; status?: 'pending' }): Promise<{ imported: number; requests: number }> {
    const client = this.client(site)
    // Chosen posts, or every post of one status (the review queue's pull: all that is handed in, however old), leave the cursor alone.
    const partial = options.remoteIds !== undefined || options.status !== undefined
    const cursor = partial ? null : syncRepo.siteImportCursor(this.db, site.id)
    let imported = 0
    let newest = cursor
    for (let page = 1; ; page++) {
      const query: Record<string, string | number | (string | number)[] | undefined> = {
        status: options.status ?? REMOTE_STATUSES.replace(',trash', ''),
        per_page: 100,
        page,
        context: 'edit',
        // By id: pages over a stable order (many posts share a modified second, and ties reshuffle between pages).
        orderby: 'id',
        order: 'asc',
        _fields: FULL_FIELDS,
        modified_after: cursor ?? undefined
      }
      if (options.remoteIds !== undefined) {
        const slice = options.remoteIds.slice((page - 1) * 100, page * 100)
        if (slice.length === 0) break
        query.include = slice
        query.page = 1
      }
      const answer = await client.get<RemotePost[]>('wp/v2/posts', query)
      await this.learnTerms(client, site, answer.data)
      this.db.transaction(() => {
        for (const post of answer.data) {
          if (syncRepo.findArticleByRemote(this.db, site.id, post.id) !== undefined) continue
          // With the companion plugin the post carries the UUID its article was made with: the article keeps it on every machine.
          const meta = post.meta !== undefined && !Array.isArray(post.meta) ? post.meta : {}
          const uuid = typeof meta.qalam_uuid === 'string' && UUID.test(meta.qalam_uuid) ? meta.qalam_uuid : undefined
          if (uuid !== undefined && articlesRepo.findArticle(this.db, uuid) !== undefined) continue
          const article = this.deps.articles.create(post.title.raw, uuid)
          syncRepo.linkArticle(this.db, article.id, site.id)
          const snap = this.remoteSnapshot(site, post)
          this.applyToArticle(article, snap, null)
          this.setBase(article.id, this.localSnapshot(this.deps.articles.get(article.id)), post)
          imported++
          if (newest === null || post.modified_gmt > newest) newest = post.modified_gmt
        }
      })()
      const totalPages = Number(answer.headers.get('x-wp-totalpages') ?? '1')
      if (options.remoteIds === undefined && page >= totalPages) break
      if (answer.data.length === 0) break
    }
    if (newest !== null && !partial) syncRepo.setSiteImportCursor(this.db, site.id, newest)
    return { imported, requests: client.requests }
  }
}
