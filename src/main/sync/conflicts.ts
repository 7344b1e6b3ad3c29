import type { Db } from '../store/connection'
import * as articleSyncRepo from '../store/repositories/article-sync'
import type { StoredConflict } from '../store/repositories/article-sync'
import type { Article } from '@shared/domain/article'
import type { SyncConflict } from '@shared/domain/sync'
import { markupText } from '../document/gutenberg'
import { resolveChunks, threeWayMerge, type Snapshot } from '../document/merge'
import { snapshotHash } from '../document/local-form'
import type { LocalContext, SiteContext } from './context'
import { versionOf } from './remote'
import { applyToArticle, localSnapshot } from './snapshots'
import { WpError } from './wordpress/client'
import type { RemotePost } from './wordpress/routes'

/** Both sides changed the same passage: the local version stays, the site's is kept for the user to choose from. */

export type ConflictPicks = ('local' | 'remote' | 'both')[]
export type FieldPicks = Partial<Record<'title' | 'standfirst' | 'slug', 'local' | 'remote'>>

/** Records a conflict; the site's non-overlapping changes are merged into the article now. */
export function recordConflict(ctx: SiteContext, article: Article, base: Snapshot, local: Snapshot, remote: Snapshot, post: RemotePost): void {
  const result = threeWayMerge(base, local, remote)
  const text: Record<string, string> = {}
  for (const c of result.chunks) if (c.kind === 'conflict') for (const b of [...c.local, ...c.remote]) text[b] = markupText(b)
  const conflict: StoredConflict = {
    articleId: article.id,
    detectedAt: ctx.now(),
    fields: result.fieldConflicts,
    chunks: result.chunks,
    text,
    remote,
    remotePost: { id: post.id, modified_gmt: post.modified_gmt, status: post.status, link: post.link, _links: post._links }
  }
  // The local version stays the article, with the site's non-overlapping changes merged in.
  if (snapshotHash(result.merged) !== snapshotHash(local)) applyToArticle(ctx, article, result.merged, 'before-sync', { site: ctx.site, post })
  articleSyncRepo.updateArticleSync(ctx.db, article.id, { state: 'conflict', conflict, error: null })
}

/** The conflict an article has, as the user is shown it. */
export function conflictOf(db: Db, articleId: string): SyncConflict | null {
  const stored = articleSyncRepo.findArticleSync(db, articleId)?.conflict ?? null
  if (stored === null) return null
  const { remote: _r, remotePost: _p, ...conflict } = stored
  return conflict
}

/**
 * The user's choice, chunk by chunk and field by field: the article becomes it,
 * the site's version becomes the base, and the next sync sends the result.
 */
export function resolveConflict(ctx: LocalContext, article: Article, picks: ConflictPicks, fieldPicks: FieldPicks): void {
  const { db } = ctx
  const conflict = articleSyncRepo.findArticleSync(db, article.id)?.conflict ?? null
  if (conflict === null) throw new WpError('rejected', 'this article has no conflict')
  const local = localSnapshot(db, article)
  const chosen: Snapshot = { ...local, blocks: resolveChunks(conflict.chunks, picks) }
  for (const f of conflict.fields) if (fieldPicks[f.field] === 'remote') chosen[f.field] = f.remote
  applyToArticle(ctx, article, chosen, 'before-sync')
  articleSyncRepo.updateArticleSync(db, article.id, {
    conflict: null,
    state: 'changed_here',
    base: conflict.remote,
    baseHash: snapshotHash(conflict.remote),
    baseVersion: versionOf(conflict.remotePost)
  })
}

/** An article deleted on the site goes back as a new post on the next sync. */
export function recreatePost(db: Db, articleId: string): void {
  if (articleSyncRepo.findArticleSync(db, articleId)?.state !== 'deleted_on_site') throw new WpError('rejected', 'the article is not deleted on the site')
  articleSyncRepo.updateArticleSync(db, articleId, { remoteId: null, base: null, baseHash: null, baseVersion: null, remoteLink: null, remoteStatus: null, state: 'local' })
}
