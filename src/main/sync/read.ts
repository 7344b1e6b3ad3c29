import * as articleSyncRepo from '../store/repositories/article-sync'
import * as sitesRepo from '../store/repositories/sites'
import type { ArticleSync } from '../store/repositories/article-sync'
import type { SiteContext } from './context'
import { sameVersion, stateFromVersion } from './remote'
import { learnTerms, refreshCategories } from './terms'
import { FIELDS, postsByIds, postsChangedSince, type PostState, type RemotePost } from './wordpress/routes'

/**
 * Read before write. After a complete sync, one request asks what changed on the
 * site since it began (by the site's own clock, with a margin); the first time, and
 * for a sync of chosen articles or after a long pause, the state of every known
 * post is read. Then the changed posts are read whole.
 */

/** How far before the last sync's start the next one looks, for clocks and saves in flight. */
const CURSOR_MARGIN_MS = 2 * 60 * 1000
/** A post deleted for good on the site leaves no trace in "changed since": read every state now and then. */
const FULL_READ_AFTER_MS = 12 * 60 * 60 * 1000

export interface SiteReading {
  /** Each linked post's state: read, or (not listed as changed) the base's. */
  states: Map<number, PostState>
  /** The posts changed on the site since the last sync, whole. */
  changed: Map<number, RemotePost>
  /** The site's clock at the first answer: where the next sync's cursor goes. */
  serverNow: string | null
}

export async function readSite(ctx: SiteContext, links: ArticleSync[], targeted: boolean): Promise<SiteReading> {
  const { db, site, client } = ctx
  const linked = links.filter((r) => r.remoteId !== null)
  const states = new Map<number, PostState>()
  const stale = site.lastSyncAt === null || ctx.now() - site.lastSyncAt > FULL_READ_AFTER_MS
  const cursor = targeted || stale ? null : sitesRepo.siteSyncCursor(db, site.id)
  let serverNow: string | null = null
  if (cursor !== null) {
    const known = articleSyncRepo.linkedRemoteIds(db, site.id)
    for await (const page of postsChangedSince(client, new Date(Date.parse(cursor) - CURSOR_MARGIN_MS).toISOString())) {
      serverNow ??= page.headers.get('date')
      for (const p of page.data) if (known.has(p.id)) states.set(p.id, p)
    }
    // Not listed means unchanged since the last sync: its state is the base's.
    for (const r of linked)
      if (!states.has(r.remoteId!) && r.baseVersion !== null) states.set(r.remoteId!, stateFromVersion(r.remoteId!, r.baseVersion, { status: r.remoteStatus, link: r.remoteLink }))
  } else {
    const read = await postsByIds<PostState>(
      client,
      linked.map((r) => r.remoteId!),
      FIELDS.state
    )
    serverNow = read.date
    for (const p of read.items) states.set(p.id, p)
  }
  const changedThere = linked.filter((r) => {
    const p = states.get(r.remoteId!)
    return p !== undefined && p.status !== 'trash' && !sameVersion(p, r.baseVersion)
  })
  const changed = new Map(
    (
      await postsByIds<RemotePost>(
        client,
        changedThere.map((r) => r.remoteId!),
        FIELDS.post
      )
    ).items.map((p) => [p.id, p])
  )
  await learnTerms(ctx, [...changed.values()])
  if (links.some((r) => r.remoteId === null || changedThere.includes(r))) await refreshCategories(ctx)
  return { states, changed, serverNow }
}

/** One post read again whole (after the site refused a write because it changed meanwhile). */
export async function readPost(ctx: SiteContext, remoteId: number): Promise<RemotePost | undefined> {
  return (await postsByIds<RemotePost>(ctx.client, [remoteId], FIELDS.post)).items[0]
}
