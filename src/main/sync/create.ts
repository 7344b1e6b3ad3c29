import { randomUUID } from 'node:crypto'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as doubtsRepo from '../store/repositories/doubts'
import * as outboxRepo from '../store/repositories/outbox'
import type { Doubt } from '../store/repositories/doubts'
import type { OutboxEntry } from '../store/repositories/outbox'
import type { Article } from '@shared/domain/article'
import { snapshotHash } from '../document/local-form'
import type { Snapshot } from '../document/merge'
import { isCancel, type SiteContext } from './context'
import { consumeDoubt, noteDoubt, removeCopies, waitForDoubts } from './doubts'
import { fingerprint, payload, pushUpdate } from './push'
import { versionOf } from './remote'
import { localSnapshot, remoteSnapshot, setBase } from './snapshots'
import { WpError } from './wordpress/client'
import { FIELDS, postsByAuthorSince, type RemotePost } from './wordpress/routes'
import { needsUpload } from './media'

/**
 * New posts: 25 to a /batch/v1 request, each intent in the outbox first. An
 * earlier try whose answer was lost is looked for on the site before anything
 * is sent again, and adopted if it made the post.
 */

const BATCH_LIMIT = 25

type Landed = { post: RemotePost; fingerprint: string }
type Ready = { article: Article; snap: Snapshot; body: Record<string, unknown>; entry: OutboxEntry }

/**
 * The posts of earlier tries the site made (this user's, modified since the earliest try
 * began, not yet any article's, with the title and text of one of the tries): one request
 * for all of them. Oldest first, so the copy kept is the one made first.
 */
async function landedPosts(ctx: SiteContext, since: number, fingerprints: Set<string>): Promise<Landed[]> {
  const landed: Landed[] = []
  if (fingerprints.size === 0) return landed
  const taken = articleSyncRepo.linkedRemoteIds(ctx.db, ctx.site.id)
  for await (const page of postsByAuthorSince(ctx.client, ctx.site.userId, new Date(since - 10 * 60 * 1000).toISOString())) {
    for (const post of page.data) {
      if (taken.has(post.id)) continue
      const print = fingerprint(post.title.raw, post.content.raw)
      if (fingerprints.has(print)) landed.push({ post, fingerprint: print })
    }
  }
  return landed
}

/**
 * Copies that landed for attempts of articles that already have their post: each one
 * answers one such attempt (its doubt) and goes to the trash. A copy whose only
 * attempts belong to articles still without a post is left for them to adopt.
 */
async function trashCopies(ctx: SiteContext, landed: Landed[], doubts: Doubt[]): Promise<void> {
  const linked = (articleId: string) => articleSyncRepo.findArticleSync(ctx.db, articleId)?.remoteId != null
  for (const { post, fingerprint } of landed) {
    const doubt = doubts.find((d) => d.fingerprint === fingerprint && linked(d.subject))
    if (doubt === undefined) continue
    try {
      doubts.splice(doubts.indexOf(doubt), 1)
      await removeCopies(ctx, 'create_post', [post], [doubt])
    } catch (error) {
      // Left for the next sync (the doubt stays); the article itself is fine.
      if (isCancel(error)) throw error
    }
  }
}

function adoptCreated(ctx: SiteContext, article: Article, snap: Snapshot, post: RemotePost, entry: OutboxEntry | undefined): void {
  ctx.db.transaction(() => {
    setBase(ctx, article.id, snap, post)
    if (entry !== undefined) outboxRepo.deleteOutbox(ctx.db, entry.id)
  })()
  ctx.progress.done()
}

/** Creates posts for new articles (and looks for what lost attempts made, while they may still land). */
export async function pushNew(ctx: SiteContext, articles: Article[]): Promise<void> {
  const { db, site } = ctx
  articles = [...articles]
  const earlier = articles.map((a) => outboxRepo.findOutbox(db, site.id, 'create_post', a.id)).filter((e): e is OutboxEntry => e !== undefined)
  const doubts = doubtsRepo.listDoubts(db, site.id, 'create_post')
  // What the earlier tries could have made: each outbox entry's last fingerprint and every lost attempt's.
  const prints = new Set([...earlier.map((e) => e.fingerprint), ...doubts.map((d) => d.fingerprint)])
  const since = Math.min(...earlier.map((e) => e.createdAt), ...doubts.map((d) => d.sentAt))
  let landed: Landed[] = []
  try {
    landed = await landedPosts(ctx, since, prints)
  } catch (error) {
    // Without knowing what the earlier tries made, nothing is created again this run.
    const unsure = (a: Article) => earlier.some((e) => e.subject === a.id) || doubts.some((d) => d.subject === a.id)
    for (const a of articles) if (unsure(a)) ctx.fail(a, error)
    articles = articles.filter((a) => !unsure(a))
  }
  // Articles whose text needs no new upload go first: on a slow link they land while the photos of the others are still on their way.
  const uploading = new Set(articles.filter((a) => needsUpload(ctx, a)))
  const groups = [articles.filter((a) => !uploading.has(a)), [...uploading]]
  for (const [g, group] of groups.entries()) {
    const ready: Ready[] = []
    for (const article of group) {
      try {
        const snap = localSnapshot(db, article)
        const body = await payload(ctx, article, snap)
        const previous = earlier.find((e) => e.subject === article.id)
        const mine = doubts.filter((d) => d.subject === article.id)
        const wanted = new Set([...(previous === undefined ? [] : [previous.fingerprint]), ...mine.map((d) => d.fingerprint)])
        const made = landed.find((l) => wanted.has(l.fingerprint))
        if (made !== undefined) {
          // An earlier try made the post. Its content is what was sent then; if the reporter wrote since, send that now.
          landed.splice(landed.indexOf(made), 1)
          const answered = mine.find((d) => d.fingerprint === made.fingerprint)
          if (answered !== undefined) consumeDoubt(ctx, doubts, answered.fingerprint)
          const there = remoteSnapshot(ctx, made.post)
          adoptCreated(ctx, article, there, made.post, previous)
          if (snapshotHash(there) !== snapshotHash(snap)) await pushUpdate(ctx, article, snap, made.post.id, versionOf(made.post))
          continue
        }
        // Nothing of the earlier tries is there yet; one that ended only just now may still land.
        waitForDoubts(ctx, mine)
        const entry: OutboxEntry = {
          id: previous?.id ?? randomUUID(),
          siteId: site.id,
          kind: 'create_post',
          subject: article.id,
          fingerprint: fingerprint(snap.title, String(body.content)),
          createdAt: previous?.createdAt ?? ctx.now(),
          attempts: 1
        }
        ready.push({ article, snap, body, entry })
      } catch (error) {
        ctx.fail(article, error)
      }
    }
    // Copies of earlier tries are moved out of the way once every article here has had its chance to adopt one.
    if (g === groups.length - 1) await trashCopies(ctx, landed, doubts)
    for (let i = 0; i < ready.length; i += BATCH_LIMIT) await sendBatch(ctx, ready.slice(i, i + BATCH_LIMIT))
  }
}

/** One request that creates up to 25 posts; what the site made is recorded in one commit. */
async function sendBatch(ctx: SiteContext, group: Ready[]): Promise<void> {
  const { db } = ctx
  // The intents of the whole batch reach the disk (one commit) before the request goes out.
  db.transaction(() => group.forEach((g) => outboxRepo.putOutbox(db, g.entry)))()
  let answers: { status: number; body: unknown }[]
  const sentAt = ctx.now()
  try {
    if (group.length === 1) {
      const one = await ctx.client.request<RemotePost>('POST', 'wp/v2/posts', { json: group[0]!.body, query: { _fields: FIELDS.created }, idempotent: false })
      answers = [{ status: one.status, body: one.data }]
    } else {
      const batch = await ctx.client.request<{ responses: { status: number; body: unknown }[] }>('POST', 'batch/v1', {
        json: { validation: 'normal', requests: group.map((g) => ({ method: 'POST', path: `/wp/v2/posts?_fields=${FIELDS.created}`, body: g.body })) },
        idempotent: false
      })
      answers = batch.data.responses
    }
  } catch (error) {
    // The answer may be lost after the site made the posts: the outbox keeps the intent, the doubt what was sent; the next try reconciles.
    for (const g of group) noteDoubt(ctx, 'create_post', g.article.id, g.entry.fingerprint, sentAt, error)
    for (const g of group) ctx.fail(g.article, error)
    return
  }
  const adopted: { g: Ready; post: RemotePost }[] = []
  const refused: { g: Ready; answer: { status: number; body: unknown } | undefined }[] = []
  group.forEach((g, k) => {
    const answer = answers[k]
    if (answer !== undefined && answer.status < 300) adopted.push({ g, post: answer.body as RemotePost })
    else refused.push({ g, answer })
  })
  db.transaction(() => {
    for (const { g, post } of adopted) {
      // A post just created has no revisions yet (asking for the count would cost WordPress its links for every post).
      // Should the site keep one on insert, the next read sees a different count and compares contents: nothing is missed.
      post._links ??= { 'version-history': [{ count: 0 }] }
      setBase(ctx, g.article.id, g.snap, post)
      outboxRepo.deleteOutbox(db, g.entry.id)
    }
  })()
  for (let k = 0; k < adopted.length; k++) ctx.progress.done()
  for (const { g, answer } of refused) {
    const body = (answer?.body ?? {}) as { code?: string; message?: string }
    ctx.fail(
      g.article,
      new WpError(answer?.status === 403 ? 'missing_capability' : 'rejected', `${body.code ?? answer?.status}: ${body.message ?? ''}`, answer?.status ?? null, body.code ?? null)
    )
  }
}
