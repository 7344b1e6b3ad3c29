import * as articleSyncRepo from '../store/repositories/article-sync'
import * as articlesRepo from '../store/repositories/articles'
import * as sitesRepo from '../store/repositories/sites'
import type { RemotePostSummary } from '@shared/domain/sync'
import type { SiteContext } from './context'
import { applyToArticle, localSnapshot, metaOf, remoteSnapshot, setBase } from './snapshots'
import { learnTerms } from './terms'
import type { WpResponse } from './wordpress/client'
import { FIELDS, LIVE_STATUSES, listByIds, listPages, type RemotePost } from './wordpress/routes'

/** Bringing the site's posts here to edit offline. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface BrowseQuery {
  status?: string
  search?: string
  page?: number
}

/** Posts on the site, to browse and pick for offline editing. */
export async function browse(ctx: SiteContext, query: BrowseQuery): Promise<RemotePostSummary[]> {
  const answer = await ctx.client.get<Pick<RemotePost, 'id' | 'title' | 'status' | 'modified_gmt'>[]>('wp/v2/posts', {
    status: query.status ?? LIVE_STATUSES,
    search: query.search,
    page: query.page ?? 1,
    per_page: 100,
    context: 'edit',
    _fields: FIELDS.summary
  })
  return answer.data.map((p) => ({
    remoteId: p.id,
    title: p.title.raw,
    status: p.status,
    modifiedGmt: p.modified_gmt,
    articleId: articleSyncRepo.findArticleByRemote(ctx.db, ctx.site.id, p.id)?.articleId ?? null
  }))
}

/**
 * Imports posts to edit offline: the given ones, or every post modified since the
 * last import (a `modified_after` cursor), 100 to a request.
 */
export async function importPosts(ctx: SiteContext, options: { remoteIds?: number[]; status?: 'pending' }): Promise<{ imported: number; requests: number }> {
  const { db, site, client } = ctx
  // Chosen posts, or every post of one status (the review queue's pull: all that is handed in, however old), leave the cursor alone.
  const partial = options.remoteIds !== undefined || options.status !== undefined
  const cursor = partial ? null : sitesRepo.siteImportCursor(db, site.id)
  // By id: pages over a stable order (many posts share a modified second, and ties reshuffle between pages).
  const query = { status: options.status ?? LIVE_STATUSES, context: 'edit', orderby: 'id', order: 'asc', _fields: FIELDS.post, modified_after: cursor ?? undefined }
  const pages: AsyncIterable<WpResponse<RemotePost[]>> =
    options.remoteIds !== undefined ? listByIds<RemotePost>(client, 'wp/v2/posts', options.remoteIds, query) : listPages<RemotePost>(client, 'wp/v2/posts', query)
  let imported = 0
  let newest = cursor
  for await (const page of pages) {
    await learnTerms(ctx, page.data)
    db.transaction(() => {
      for (const post of page.data) {
        if (importPost(ctx, post)) {
          imported++
          if (newest === null || post.modified_gmt > newest) newest = post.modified_gmt
        }
      }
    })()
  }
  if (newest !== null && !partial) sitesRepo.setSiteImportCursor(db, site.id, newest)
  return { imported, requests: client.requests }
}

/** One post as a new local article linked to it; false if this machine has it already. */
function importPost(ctx: SiteContext, post: RemotePost): boolean {
  const { db, site } = ctx
  if (articleSyncRepo.findArticleByRemote(db, site.id, post.id) !== undefined) return false
  // With the companion plugin the post carries the UUID its article was made with: the article keeps it on every machine.
  const meta = metaOf(post)
  const uuid = typeof meta.qalam_uuid === 'string' && UUID.test(meta.qalam_uuid) ? meta.qalam_uuid : undefined
  if (uuid !== undefined && articlesRepo.findArticle(db, uuid) !== undefined) return false
  const article = ctx.deps.articles.create(post.title.raw, uuid)
  articleSyncRepo.linkArticle(db, article.id, site.id)
  applyToArticle(ctx, article, remoteSnapshot(ctx, post), null)
  setBase(ctx, article.id, localSnapshot(db, ctx.deps.articles.get(article.id)), post)
  return true
}
