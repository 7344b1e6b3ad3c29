import * as articleSyncRepo from '../store/repositories/article-sync'
import type { ArticleSync } from '../store/repositories/article-sync'
import type { Article } from '@shared/domain/article'
import { snapshotHash } from '../document/local-form'
import type { SiteContext } from './context'
import { recordConflict } from './conflicts'
import { PreconditionFailed, pushUpdate } from './push'
import { readPost } from './read'
import { reconcile } from './reconcile'
import { sameVersion, versionOf } from './remote'
import { applyToArticle, localSnapshot, remoteSnapshot, setBase } from './snapshots'
import { WpError } from './wordpress/client'
import type { PostState, RemotePost } from './wordpress/routes'

/** One article that already has its post: decide (reconcile) and carry the decision out. */

export async function syncLinked(ctx: SiteContext, article: Article, link: ArticleSync, state: PostState | undefined, post: RemotePost | undefined): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await syncLinkedOnce(ctx, article, link, state, post)
    } catch (error) {
      if (!(error instanceof PreconditionFailed)) throw error
      if (attempt >= 2) throw new WpError('rejected', 'the post kept changing on the site while Qalam wrote it')
      // Someone saved on the site between the read and the write: read it again and merge with that.
      const fresh = await readPost(ctx, link.remoteId!)
      article = ctx.deps.articles.get(article.id)
      link = articleSyncRepo.findArticleSync(ctx.db, article.id)!
      state = fresh
      post = fresh
    }
  }
}

async function syncLinkedOnce(ctx: SiteContext, article: Article, link: ArticleSync, state: PostState | undefined, post: RemotePost | undefined): Promise<void> {
  const { db } = ctx
  const local = localSnapshot(db, article)
  const gone = state === undefined || state.status === 'trash'
  const changedThere = !gone && !sameVersion(state, link.baseVersion)
  if (changedThere && post === undefined) throw new WpError('rejected', 'the site did not return the changed post')
  const remote = changedThere ? remoteSnapshot(ctx, post!) : null
  const decision = reconcile({
    base: link.base,
    local,
    remote: gone ? 'gone' : remote,
    changedHere: link.base === null || snapshotHash(local) !== link.baseHash,
    changedThere
  })
  switch (decision.kind) {
    case 'gone':
      // Deleted or in the site's trash: the local article stays, marked, and can be sent again.
      articleSyncRepo.updateArticleSync(db, article.id, { state: 'deleted_on_site', remoteStatus: state?.status ?? 'deleted', error: null })
      break
    case 'unchanged':
      if (decision.versionMoved)
        articleSyncRepo.updateArticleSync(db, article.id, { baseVersion: versionOf(post!), remoteStatus: post!.status, state: 'synced', error: null, syncedAt: ctx.now() })
      else articleSyncRepo.updateArticleSync(db, article.id, { state: 'synced', error: null, remoteStatus: state!.status, syncedAt: ctx.now() })
      break
    case 'push':
      if (decision.versionMoved) {
        // Saved on the site without a change Qalam keeps (or a version detail moved): only the version is new.
        articleSyncRepo.updateArticleSync(db, article.id, { baseVersion: versionOf(post!), remoteStatus: post!.status })
        await pushUpdate(ctx, article, local, post!.id, versionOf(post!))
      } else {
        await pushUpdate(ctx, article, local, link.remoteId!, link.baseVersion)
      }
      break
    case 'pull':
      applyToArticle(ctx, article, remote!, 'before-sync', { site: ctx.site, post: post! })
      setBase(ctx, article.id, localSnapshot(db, ctx.deps.articles.get(article.id)), post!)
      break
    case 'merge': {
      applyToArticle(ctx, article, decision.merged, 'before-sync', { site: ctx.site, post: post! })
      const merged = ctx.deps.articles.get(article.id)
      // The site's version is now the base; the merged article goes back as an update.
      articleSyncRepo.updateArticleSync(db, article.id, { baseVersion: versionOf(post!), base: remote!, baseHash: snapshotHash(remote!) })
      await pushUpdate(ctx, merged, localSnapshot(db, merged), post!.id, versionOf(post!))
      break
    }
    case 'conflict':
      recordConflict(ctx, article, link.base!, local, remote!, post!)
      break
  }
  ctx.progress.done()
}
