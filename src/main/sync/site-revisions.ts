import { countWords } from '@shared/arabic/count'
import type { SiteRevision } from '@shared/ipc/contract'
import { markupToDocument } from '../document/codec'
import type { LexDocument } from '../document/lexical'
import { documentText } from '../document/text'
import type { SiteContext } from './context'
import { fromSiteCtx } from './snapshots'
import { WpError } from './wordpress/client'
import { postRevision, postRevisions } from './wordpress/routes'

/** The site's revisions of a post (WordPress keeps one per content save), to compare and restore. */

/** Newest first. */
export async function siteRevisions(ctx: SiteContext, remoteId: number): Promise<SiteRevision[]> {
  const revisions = await postRevisions(ctx.client, remoteId, 100)
  return revisions.map((r) => ({
    id: r.id,
    createdAt: Date.parse(`${r.date_gmt}Z`),
    title: r.title.raw,
    wordCount: countWords(documentText(markupToDocument(r.content.raw, fromSiteCtx(ctx.db, ctx.site.id))))
  }))
}

/** One of the site's revisions as this machine's document. */
export async function siteRevision(ctx: SiteContext, remoteId: number, revisionId: number): Promise<{ title: string; standfirst: string; doc: LexDocument }> {
  const revision = await postRevision(ctx.client, remoteId, revisionId)
  if (revision.parent !== remoteId) throw new WpError('rejected', `revision ${revisionId} is not one of post ${remoteId}'s`)
  return { title: revision.title.raw, standfirst: revision.excerpt.raw, doc: markupToDocument(revision.content.raw, fromSiteCtx(ctx.db, ctx.site.id)) }
}
