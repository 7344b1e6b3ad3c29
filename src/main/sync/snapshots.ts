import { createHash } from 'node:crypto'
import type { Db } from '../store/connection'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as sitesRepo from '../store/repositories/sites'
import * as termsRepo from '../store/repositories/terms'
import * as uploadsRepo from '../store/repositories/uploads'
import * as reviewRepo from '../store/repositories/review'
import { latestStatus, mergeReview, normalizeReview, vouchedBySite, withoutDeskMarks, type ReviewData } from '@shared/domain/review'
import type { Article, ArticleStatus } from '@shared/domain/article'
import type { StatusChange } from '@shared/domain/workflow'
import type { Site } from '@shared/domain/sync'
import { documentGaps, documentToBlocks, joinWithGaps, markupToDocument, type FromBlocksContext } from '../document/codec'
import { parseDocumentJson, type LexDocument } from '../document/lexical'
import { fromLocalFormCtx, localFormCtx, snapshotHash } from '../document/local-form'
import { withoutNoteCopies } from './notes'
import type { Snapshot } from '../document/merge'
import type { LocalContext, SiteContext } from './context'
import { localStatusOf, remoteStatusOf, versionOf } from './remote'
import type { PostState, RemotePost } from './wordpress/routes'

/** The forms of an article the engine compares: here, on the site, and the base of the last sync. */

/**
 * The local article as a snapshot (images by local id). A featured image the site has
 * and this machine does not ('remote:<id>' in the base) stays as it is unless the
 * reporter picks another one.
 */
export function localSnapshot(db: Db, article: Article): Snapshot {
  const link = articleSyncRepo.findArticleSync(db, article.id)
  const base = link?.base ?? null
  const featured = article.meta.featuredImage !== '' ? article.meta.featuredImage : base?.featured?.startsWith('remote:') === true ? base.featured : ''
  const status = remoteStatusOf(article.status)
  const bridge = link === undefined ? false : sitesRepo.findSite(db, link.siteId)?.bridge === true
  return {
    title: article.title,
    standfirst: article.standfirst,
    slug: article.meta.slug,
    status,
    categories: [...article.meta.categories],
    tags: [...article.meta.tags],
    ...blocksOf(parseDocumentJson(article.body)),
    featured,
    publishAt: status === 'future' ? article.meta.publishAt : null,
    review: bridge ? withoutNoteCopies(withoutDeskMarks(reviewRepo.readReview(db, article.id))) : null
  }
}

/** The hash the base is compared with: a different one means the article changed here since the last sync. */
export function localHash(db: Db, article: Article): string {
  return snapshotHash(localSnapshot(db, article))
}

/** Images of the site's posts as this machine's images, where it uploaded them. */
export function fromSiteCtx(db: Db, siteId: string): FromBlocksContext {
  return { localImage: (remoteId) => (remoteId === undefined ? undefined : uploadsRepo.findUploadByRemote(db, siteId, remoteId)) }
}

/** What a post's meta says about the plugin: registered meta is always listed, so qalam_review present means it is active. */
function noteBridge(ctx: SiteContext, post: RemotePost): void {
  if (post.meta === undefined) return
  const has = !Array.isArray(post.meta) && 'qalam_review' in post.meta
  if (ctx.site.bridge !== has) {
    ctx.site.bridge = has
    sitesRepo.setSiteBridge(ctx.db, ctx.site.id, has)
  }
}

/** A post's registered meta as an object (WordPress sends an empty array when there is none). */
export function metaOf(post: RemotePost): Record<string, unknown> {
  return post.meta !== undefined && !Array.isArray(post.meta) ? post.meta : {}
}

function termNames(ctx: SiteContext, taxonomy: termsRepo.Taxonomy, ids: number[]): string[] {
  const known = new Map(termsRepo.listTerms(ctx.db, ctx.site.id, taxonomy).map((t) => [t.remoteId, t.name]))
  return ids.map((id) => known.get(id)).filter((n): n is string => n !== undefined && !(taxonomy === 'categories' && n === 'Uncategorized'))
}

/** A document's blocks in local form, with a classic post's own whitespace when it has some (the key absent otherwise, so hashes stay as they were). */
function blocksOf(doc: LexDocument): { blocks: string[]; gaps?: string[] } {
  const gaps = documentGaps(doc)
  return { blocks: documentToBlocks(doc, localFormCtx), ...(gaps === undefined ? {} : { gaps }) }
}

/** The site's post as a snapshot in the same form as the local one. */
export function remoteSnapshot(ctx: SiteContext, post: RemotePost): Snapshot {
  noteBridge(ctx, post)
  const { db, site } = ctx
  const doc = markupToDocument(post.content.raw, fromSiteCtx(db, site.id))
  return {
    title: post.title.raw,
    standfirst: post.excerpt.raw,
    slug: post.slug,
    status: post.status,
    categories: termNames(ctx, 'categories', post.categories),
    tags: termNames(ctx, 'tags', post.tags),
    ...blocksOf(doc),
    featured: post.featured_media > 0 ? (uploadsRepo.findUploadByRemote(db, site.id, post.featured_media) ?? `remote:${post.featured_media}`) : '',
    publishAt: post.status === 'future' && post.date_gmt ? Date.parse(`${post.date_gmt}Z`) : null,
    review: site.bridge === true ? normalizeReview(metaOf(post).qalam_review as Partial<ReviewData> | undefined) : null
  }
}

/** A status someone changed on the site, as a move in the history with an id every machine that pulls it computes alike. */
function siteStatusChange(site: Site, post: PostState, from: ArticleStatus, to: ArticleStatus, now: number): StatusChange {
  const at = Date.parse(`${post.modified_gmt}Z`)
  return {
    id: `site-${createHash('sha256').update(`${site.url}|${post.id}|${post.modified_gmt}|${post.status}`).digest('hex').slice(0, 32)}`,
    from,
    to,
    by: site.name,
    at: Number.isFinite(at) ? at : now,
    note: ''
  }
}

/**
 * Writes a snapshot into the local article (a revision of what it replaces is kept first,
 * unless `reason` is null). With `origin`, the snapshot came from the site's post: a status
 * someone changed there (an editor publishing from WordPress's admin) goes into the status
 * history, by the site's name, at the post's modified time.
 */
export function applyToArticle(ctx: LocalContext, article: Article, snap: Snapshot, reason: 'before-sync' | null, origin?: { site: Site; post: PostState }): void {
  const { db } = ctx
  const doc = markupToDocument(joinWithGaps(snap.blocks, snap.gaps), fromLocalFormCtx)
  db.transaction(() => {
    // Review data merges with what is here (nothing here is lost), and the status history's last move is the workflow status.
    const local = reviewRepo.readReview(db, article.id)
    const review = snap.review === null ? null : mergeReview(local, vouchedBySite(snap.review, local))
    if (review !== null) reviewRepo.writeReview(db, article.id, review)
    const current = (review === null ? null : latestStatus(review)) ?? article.status
    const next = localStatusOf(snap.status, current)
    if (origin !== undefined && next !== current) {
      // The site's clock has whole seconds: a move in the same second as the last one still comes after it.
      const last = (review ?? reviewRepo.readReview(db, article.id)).history.at(-1)?.at ?? 0
      const change = siteStatusChange(origin.site, origin.post, current, next, ctx.now())
      reviewRepo.addStatusChange(db, article.id, { ...change, at: Math.max(change.at, last + 1) })
    }
    const meta = {
      ...article.meta,
      slug: snap.slug,
      categories: snap.categories,
      tags: snap.tags,
      featuredImage: snap.featured.startsWith('remote:') ? '' : snap.featured,
      publishAt: snap.publishAt ?? article.meta.publishAt
    }
    ctx.deps.articles.replaceContent(article, { title: snap.title, standfirst: snap.standfirst, body: JSON.stringify(doc), meta }, reason)
    ctx.deps.articles.setStatus(article.id, next)
  })()
  ctx.progress.pulled(article.id)
}

/**
 * The companion plugin stamps the entries it stores: `relayedBy` (someone relayed it) and, on
 * status changes, `userId` (the WordPress user who sent it); only the site sets them. The answer
 * to a write carries the stamps, and they are taken here into the local review and the base, so
 * the next sync does not see them as a change.
 */
type Stamps = { relayedBy?: string; userId?: number }
function withSiteStamps(ctx: LocalContext, articleId: string, snap: Snapshot, post: PostState & { meta?: RemotePost['meta'] }): Snapshot {
  if (snap.review === null || post.meta === undefined || Array.isArray(post.meta) || !('qalam_review' in post.meta)) return snap
  const site = normalizeReview(post.meta.qalam_review as Partial<ReviewData> | undefined)
  const stamps = new Map<string, Stamps>()
  for (const e of [...site.comments, ...site.history] as (Stamps & { id: string })[])
    if (e.relayedBy !== undefined || e.userId !== undefined)
      stamps.set(e.id, { ...(e.relayedBy !== undefined ? { relayedBy: e.relayedBy } : {}), ...(e.userId !== undefined ? { userId: e.userId } : {}) })
  if (stamps.size === 0) return snap
  const lacks = <T extends Stamps & { id: string }>(e: T): boolean => {
    const s = stamps.get(e.id)
    return s !== undefined && ((s.relayedBy !== undefined && e.relayedBy === undefined) || (s.userId !== undefined && 'to' in e && e.userId === undefined))
  }
  const stamp = <T extends Stamps & { id: string }>(e: T): T => {
    if (!lacks(e)) return e
    const s = stamps.get(e.id)!
    return {
      ...e,
      ...(e.relayedBy === undefined && s.relayedBy !== undefined ? { relayedBy: s.relayedBy } : {}),
      ...('to' in e && e.userId === undefined && s.userId !== undefined ? { userId: s.userId } : {})
    }
  }
  const local = reviewRepo.readReview(ctx.db, articleId)
  // Only entries that lack a stamp here are written (a sync after the first finds them all stamped).
  if (local.comments.some(lacks) || local.history.some(lacks))
    reviewRepo.writeReview(ctx.db, articleId, { comments: local.comments.filter(lacks).map(stamp), history: local.history.filter(lacks).map(stamp) })
  return { ...snap, review: normalizeReview({ comments: snap.review.comments.map(stamp), history: snap.review.history.map(stamp) }) }
}

/** Records both sides as agreeing on `snap` at the post's version (with the site's relay stamps taken in). */
export function setBase(ctx: LocalContext, articleId: string, snap0: Snapshot, post: PostState & { meta?: RemotePost['meta'] }): void {
  const snap = withSiteStamps(ctx, articleId, snap0, post)
  articleSyncRepo.updateArticleSync(ctx.db, articleId, {
    remoteId: post.id,
    remoteStatus: post.status,
    remoteLink: post.link,
    baseVersion: versionOf(post),
    base: snap,
    baseHash: snapshotHash(snap),
    state: 'synced',
    error: null,
    conflict: null,
    syncedAt: ctx.now()
  })
}
