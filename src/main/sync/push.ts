import { createHash } from 'node:crypto'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as doubtsRepo from '../store/repositories/doubts'
import * as reviewRepo from '../store/repositories/review'
import { withoutDeskMarks } from '@shared/domain/review'
import { withoutNoteCopies } from './notes'
import * as uploadsRepo from '../store/repositories/uploads'
import type { Article } from '@shared/domain/article'
import { documentToMarkup } from '../document/codec'
import { markupText } from '../document/gutenberg'
import { parseDocumentJson } from '../document/lexical'
import type { Snapshot } from '../document/merge'
import type { SiteContext } from './context'
import { recordConflict } from './conflicts'
import { noteDoubt, waitForDoubts } from './doubts'
import { ensureFeatured, ensureUploads } from './media'
import { revisionCount, versionOf } from './remote'
import { remoteSnapshot, setBase } from './snapshots'
import { termIds } from './terms'
import { WpError, type WpResponse } from './wordpress/client'
import { FIELDS, postRevisions, type RemotePost } from './wordpress/routes'

/** Sending an article to its post: the request body, and updates. (New posts: create.ts.) */

/** The site refused an update because the post changed since it was read (the companion plugin's precondition). */
export class PreconditionFailed extends Error {}

/**
 * What identifies a post Qalam sent: its title and the text of its content. Not the raw
 * markup: WordPress rewrites tags on the way in (kses rebuilds attributes for users
 * without unfiltered_html), but never the words.
 */
export function fingerprint(title: string, content: string): string {
  return createHash('sha256')
    .update(`${title.trim()}\u0000${markupText(content).replace(/\s+/g, ' ').trim()}`)
    .digest('hex')
}

/** The post's fields for an article, uploading its images and creating its terms first. */
export async function payload(ctx: SiteContext, article: Article, snap: Snapshot): Promise<Record<string, unknown>> {
  const { db, site } = ctx
  const doc = parseDocumentJson(article.body)
  if ((snap.status === 'publish' || snap.status === 'future') && !site.capabilities.publish_posts) throw new WpError('missing_capability', 'publish_posts')
  if (snap.status === 'future' && snap.publishAt === null) throw new WpError('rejected', 'a scheduled article needs a publishing time')
  await ensureUploads(ctx, doc)
  let featuredMedia: number | undefined
  const baseFeatured = articleSyncRepo.findArticleSync(db, article.id)?.base?.featured
  if (snap.featured !== '' && !snap.featured.startsWith('remote:')) featuredMedia = await ensureFeatured(ctx, snap.featured)
  // The reporter removed the featured image.
  else if (snap.featured === '' && baseFeatured !== undefined && baseFeatured !== '') featuredMedia = 0
  const bridge = site.bridge === true
  const content = documentToMarkup(doc, {
    // A site without the plugin shows review markup to readers: a post going public goes without it.
    plain: !bridge && (snap.status === 'publish' || snap.status === 'future'),
    image: (mediaId) => {
      const up = uploadsRepo.findUpload(db, mediaId, site.id)
      return up === undefined ? undefined : { id: up.remoteId, url: up.sourceUrl }
    }
  })
  const body: Record<string, unknown> = {
    title: snap.title,
    excerpt: snap.standfirst,
    content,
    status: snap.status,
    categories: await termIds(ctx, 'categories', snap.categories),
    tags: await termIds(ctx, 'tags', snap.tags)
  }
  if (snap.slug.trim() !== '') body.slug = snap.slug
  if (featuredMedia !== undefined) body.featured_media = featuredMedia
  if (snap.status === 'future' && snap.publishAt !== null) body.date_gmt = new Date(snap.publishAt).toISOString().slice(0, 19)
  if (bridge) body.meta = { qalam_uuid: article.id, qalam_review: snap.review ?? withoutNoteCopies(withoutDeskMarks(reviewRepo.readReview(db, article.id))) }
  return body
}

/**
 * Updates an existing post. Core WordPress has no If-Match: the post was read just
 * before (the run's first request), the answer is compared with what was sent, and
 * the post's revisions show whether someone saved between that read and this write.
 */
export async function pushUpdate(ctx: SiteContext, article: Article, snap: Snapshot, remoteId: number, baseVersion: string | null): Promise<void> {
  const { db, site } = ctx
  // An earlier update cut off just now may still land; sent after this one, its older text would replace this on the site.
  // (With the companion plugin the late one carries a stale precondition and is refused: no need to wait.)
  if (site.bridge !== true) waitForDoubts(ctx, doubtsRepo.listDoubts(db, site.id, 'update_post', article.id))
  const body = await payload(ctx, article, snap)
  const sent = fingerprint(String(body.title), String(body.content))
  let answer: WpResponse<RemotePost>
  // With the companion plugin the site itself refuses the write (412) if the post changed since it was read.
  const expected = site.bridge === true ? baseVersion?.split('|')[0] : undefined
  const sentAt = ctx.now()
  try {
    answer = await ctx.client.request<RemotePost>('POST', `wp/v2/posts/${remoteId}`, {
      json: body,
      query: { context: 'edit', _fields: FIELDS.post },
      idempotent: true,
      headers: expected ? { 'x-qalam-expected-modified': expected } : undefined,
      // Repeating the same update is harmless; a cut-off attempt is remembered so the next, different one waits for it.
      onDoubt: (error) => noteDoubt(ctx, 'update_post', article.id, sent, sentAt, error)
    })
  } catch (error) {
    if (error instanceof WpError && error.status === 412) throw new PreconditionFailed()
    if (error instanceof WpError && error.status === 404) {
      // Deleted for good on the site since the last sync: the local article stays, marked.
      articleSyncRepo.updateArticleSync(db, article.id, { state: 'deleted_on_site', remoteStatus: 'deleted', error: null })
      return
    }
    throw error
  }
  const post = answer.data
  if (fingerprint(post.title.raw, post.content.raw) !== sent) {
    // The site changed what it was sent (a filter, a plugin): take its version as the new base, so the next sync compares against what is really there.
    setBase(ctx, article.id, remoteSnapshot(ctx, post), post)
    return
  }
  const before = revisionCount(baseVersion)
  const after = revisionCount(versionOf(post))
  // This write adds one revision; more than one since the read means someone else saved in between.
  if (Number.isFinite(before) && Number.isFinite(after) && after - before > 1) {
    // revisions[0] is this write; the one before it is the save that slipped in.
    const slipped = (await postRevisions(ctx.client, remoteId, 3))[1]
    if (slipped !== undefined) {
      // Someone saved between the read and this write: their version is in the revisions. Keep it as a conflict copy.
      const theirs: RemotePost = { ...post, title: { raw: slipped.title.raw }, excerpt: { raw: slipped.excerpt.raw }, content: { raw: slipped.content.raw } }
      setBase(ctx, article.id, snap, post)
      recordConflict(ctx, article, snap, snap, remoteSnapshot(ctx, theirs), post)
      return
    }
  }
  setBase(ctx, article.id, snap, post)
}
