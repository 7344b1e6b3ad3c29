import { createHash } from 'node:crypto'
import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser'
import * as articlesRepo from '../store/repositories/articles'
import * as reviewRepo from '../store/repositories/review'
import * as notesRepo from '../store/repositories/site-notes'
import { mergeReview, normalizeReview, type ReviewComment, type ReviewData } from '@shared/domain/review'
import { documentText } from '../document/text'
import { markupText, withoutNoteId } from '../document/gutenberg'
import { blockNoteId, metadataOf } from '@shared/domain/notes'
import { parseDocumentJson, siteMarkupOf, type LexBlock, type SiteSource } from '../document/lexical'
import type { ArticleSync } from '../store/repositories/article-sync'
import type { Article } from '@shared/domain/article'
import type { SiteContext } from './context'
import { WpError } from './wordpress/client'
import { listPages } from './wordpress/routes'

/**
 * Comment threads as WordPress's Notes (6.9+), the editorial comments of the block editor: a
 * thread is a comment of type `note` on the post (status `hold`, or `approved` when resolved),
 * its replies are its children, and resolving or reopening adds a child whose meta
 * `_wp_note_status` says which. Notes written in the block editor come into the review panel
 * (quoting the block they are on); threads, replies, resolutions and deletes made in Qalam go
 * to the site as notes. `site_notes` keeps which note is which comment and what the site last
 * said of it, so each change goes once, and a note whose answer was lost is recognised (same
 * author, same words, same thread) instead of sent twice.
 *
 * Only articles that have review comments, notes already, a block with a note, or a status in
 * the review's hands are asked about, in one request for all of them, so a desk of plain drafts
 * pays nothing. (A note on a plain draft whose post was not saved since is seen once the post is.)
 */

interface RemoteNote {
  id: number
  post: number
  parent: number
  author: number
  author_name: string
  date_gmt: string
  content: { raw?: string; rendered?: string }
  status: string
  meta?: { _wp_note_status?: string; qalam_id?: string } | unknown[]
}

const REVIEW_STATUSES = new Set(['submitted', 'in_review', 'changes_requested', 'approved'])
const FIELDS = 'id,post,parent,author,author_name,date_gmt,content,status,meta'

/** At most this many notes per article are taken in (a site flooding a post with notes is not followed further). */
const MAX_NOTES = 2000

/**
 * Review data as it goes into the plugin's meta: without the comments taken from notes (they
 * travel as notes, and each desk reads them from there under the same ids).
 */
export function withoutNoteCopies(review: ReviewData): ReviewData {
  return { ...review, comments: review.comments.filter((c) => !c.id.startsWith(NOTE_PREFIX)) }
}

const NOTE_PREFIX = 'wpnote-'

/** The same id for a note on every desk that reads it (a thread that travels in a bundle too). */
function commentIdOf(siteUrl: string, noteId: number): string {
  return `${NOTE_PREFIX}${createHash('sha256').update(siteUrl).digest('hex').slice(0, 12)}-${noteId}`
}

/** A note's words as plain text, bounded (a note is HTML as the block editor saves it). */
const plain = (html: string): string => markupText(html).slice(0, 20_000)

/** The same words, whatever the spacing the site's text keeps of them. */
const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim()

const metaOf = (n: RemoteNote): { _wp_note_status?: string; qalam_id?: string } => (n.meta !== undefined && !Array.isArray(n.meta) && typeof n.meta === 'object' ? n.meta : {})

/** The words of the block a note is on (its `metadata.noteId`): in the article as it is here, or in the post as the site has it now. */
function quoteOf(body: string, noteId: number, remote: string | undefined): string {
  const doc = parseDocumentJson(body)
  const block = doc.root.children.find((b) => blockNoteId((b as SiteSource).$) === noteId)
  if (block !== undefined)
    return documentText({ ...doc, root: { ...doc.root, children: [block] } })
      .trim()
      .slice(0, 500)
  if (remote === undefined) return ''
  const noted = parseBlocks(remote).find((b) => metadataOf((b.attrs ?? {}) as Record<string, unknown>).noteId === noteId)
  return noted === undefined ? '' : plain(noted.innerHTML).replace(/\s+/g, ' ').slice(0, 500)
}

/** Whether the site has Notes: its comments carry the `_wp_note_status` meta (asked once, by the route's schema). */
async function hasNotes(ctx: SiteContext): Promise<boolean> {
  const known = notesRepo.siteHasNotes(ctx.db, ctx.site.id)
  if (known !== null) return known
  const answer = await ctx.client.request<{ schema?: { properties?: { meta?: { properties?: Record<string, unknown> } } } }>('OPTIONS', 'wp/v2/comments')
  const has = answer.data?.schema?.properties?.meta?.properties?._wp_note_status !== undefined
  notesRepo.setSiteHasNotes(ctx.db, ctx.site.id, has)
  return has
}

export async function syncNotes(ctx: SiteContext, links: ArticleSync[], changed: ReadonlyMap<number, { content?: { raw?: string } }> = new Map()): Promise<void> {
  const { db, site } = ctx
  const withNotes = notesRepo.articlesWithNotes(db, site.id)
  const inScope = links.filter((link) => {
    if (link.remoteId === null || link.state === 'conflict') return false
    const article = articlesRepo.findArticle(db, link.articleId)
    if (article === undefined) return false
    // The post as the site has it now (read this run) with a block someone put a note on.
    if (changed.get(link.remoteId)?.content?.raw?.includes('noteId') === true) return true
    // A note the block editor put on a block shows in the post's markup as that block's metadata.noteId.
    return withNotes.has(article.id) || REVIEW_STATUSES.has(article.status) || article.body.includes('noteId') || reviewRepo.readReview(db, article.id).comments.length > 0
  })
  if (inScope.length === 0 || !(await hasNotes(ctx))) return
  const byPost = new Map(inScope.map((l) => [l.remoteId!, l]))
  const listed = new Map<number, RemoteNote[]>()
  /** The posts whose notes were read whole this run: only those are compared (a post not read is not a post without notes). */
  const readable = new Set<number>()
  const read = async (posts: number[]) => {
    const found = new Map<number, RemoteNote[]>()
    const query = { post: posts, type: 'note', status: 'all', context: 'edit', orderby: 'id', order: 'asc', _fields: FIELDS }
    for await (const page of listPages<RemoteNote>(ctx.client, 'wp/v2/comments', query, 100)) {
      for (const n of Array.isArray(page.data) ? page.data : []) {
        if (!Number.isSafeInteger(n?.id) || n.id <= 0 || !posts.includes(n.post) || !Number.isSafeInteger(n.parent) || typeof n.content !== 'object') continue
        const list = found.get(n.post) ?? []
        if (list.length < MAX_NOTES) list.push(n)
        found.set(n.post, list)
      }
    }
    for (const post of posts) {
      readable.add(post)
      listed.set(post, found.get(post) ?? [])
    }
  }
  const forbidden = (error: unknown) => error instanceof WpError && (error.code === 'missing_capability' || error.code === 'wrong_password')
  for (let i = 0; i < inScope.length; i += 50) {
    const posts = inScope.slice(i, i + 50).map((l) => l.remoteId!)
    try {
      await read(posts)
    } catch (error) {
      if (!forbidden(error)) throw error
      // One post this user may not edit (a contributor's published post) hides every post's notes in that request: each alone.
      if (posts.length > 1)
        for (const post of posts)
          await read([post]).catch((e: unknown) => {
            if (!forbidden(e)) throw e
          })
    }
  }
  for (const [post, link] of byPost) {
    const article = articlesRepo.findArticle(db, link.articleId)
    if (article === undefined || !readable.has(post)) continue
    try {
      takeIn(ctx, article, listed.get(post) ?? [], changed.get(post)?.content?.raw)
      await sendOut(ctx, link.articleId, post)
    } catch (error) {
      if (error instanceof WpError && error.wpCode === 'rest_invalid_comment_type') {
        // A site that lists notes but will not take one (its Notes turned off): threads travel as before.
        notesRepo.setSiteHasNotes(db, site.id, false)
        return
      }
      ctx.fail(article, error)
    }
  }
}

/** The site's notes of one article into its review: new ones added, resolutions and deletions taken, lost creates recognised. */
function takeIn(ctx: SiteContext, article: Article, notes: RemoteNote[], remote: string | undefined): void {
  const { db, site } = ctx
  const articleId = article.id
  const local = reviewRepo.readReview(db, articleId)
  const known = new Map(notesRepo.notesOfArticle(db, site.id, articleId).map((n) => [n.noteId, n]))
  const mappedComments = new Set([...known.values()].map((n) => n.commentId))
  const idOf = new Map<number, string>()
  const incoming: ReviewComment[] = []
  const resolutions = new Map<number, { at: number; by: string; resolved: boolean }>()
  const byId = new Map(notes.map((n) => [n.id, n]))
  const inMeta = new Set<string>()
  for (const n of notes) {
    const at = Date.parse(`${n.date_gmt}Z`)
    const when = Number.isFinite(at) ? at : ctx.now()
    const status = metaOf(n)._wp_note_status
    const body = plain(n.content.raw ?? n.content.rendered ?? '')
    if (n.parent !== 0 && (status === 'resolved' || status === 'reopen')) {
      const last = resolutions.get(n.parent)
      if (last === undefined || last.at <= when) resolutions.set(n.parent, { at: when, by: n.author_name, resolved: status === 'resolved' })
      if (body === '') continue
    }
    const threadNote = n.parent === 0 ? n.id : n.parent
    if (n.parent !== 0 && !byId.has(n.parent) && !known.has(n.parent)) continue
    let id = known.get(n.id)?.commentId ?? idOf.get(n.id)
    if (id === undefined) {
      const threadId = n.parent === 0 ? undefined : (idOf.get(n.parent) ?? known.get(n.parent)?.commentId)
      // One of ours whose answer was lost: the same words by this user in the same thread, not yet matched to a note.
      const ours =
        metaOf(n).qalam_id ??
        local.comments.find(
          (c) => !mappedComments.has(c.id) && !c.deleted && n.author === site.userId && sameWords(c.body, body) && (n.parent === 0 ? c.threadId === c.id : c.threadId === threadId)
        )?.id
      id = ours ?? commentIdOf(site.url, n.id)
      // A second note of one comment (two desks sent the same thread before either saw the other's): the first is the one.
      if (mappedComments.has(id) || notesRepo.noteOfComment(db, site.id, id) !== undefined) continue
      mappedComments.add(id)
      notesRepo.putNote(db, { siteId: site.id, noteId: n.id, articleId, commentId: id, resolved: n.status === 'approved', deleted: false })
    }
    idOf.set(n.id, id)
    // A note Qalam made on a site with the plugin: the comment itself travels in the plugin's meta, as its author wrote it.
    if (site.bridge === true && metaOf(n).qalam_id !== undefined) inMeta.add(id)
    const threadId = n.parent === 0 ? id : (idOf.get(threadNote) ?? known.get(threadNote)?.commentId ?? id)
    incoming.push({
      id,
      threadId,
      author: String(n.author_name ?? '').slice(0, 200),
      body,
      quote: n.parent === 0 ? quoteOf(article.body, n.id, remote) : '',
      createdAt: when,
      updatedAt: when,
      resolved: false,
      resolvedBy: '',
      deleted: false
    })
  }
  // What the site says of each thread's resolution (its status, and who last resolved or reopened it).
  const changes: ReviewComment[] = []
  const noteFor = new Map([...idOf].map(([noteId, id]) => [id, noteId]))
  for (const c of incoming) {
    const n = byId.get(noteFor.get(c.id)!)!
    const mine = local.comments.find((l) => l.id === c.id)
    const before = known.get(n.id)
    const siteResolved = n.status === 'approved'
    const r = resolutions.get(n.id)
    if (mine === undefined) {
      // It comes with the article's review data in this run; the note only says which comment it is.
      if (inMeta.has(c.id)) continue
      // New here: taken as the site has it.
      if (c.id === c.threadId) {
        c.resolved = siteResolved
        c.resolvedBy = siteResolved ? (r?.by ?? '') : ''
        if (r !== undefined) c.updatedAt = Math.max(c.updatedAt, r.at)
      }
      changes.push(c)
    } else if (c.id === c.threadId) {
      // The block a note is on arrived with the post after the note did: its words are the thread's quote now.
      if (mine.quote === '' && c.quote !== '' && !mine.deleted && !inMeta.has(c.id)) changes.push({ ...mine, quote: c.quote, updatedAt: mine.updatedAt + 1 })
      // Resolved or reopened on the site since Qalam last sent or read it: that change is the newest.
      if (before !== undefined && before.resolved !== siteResolved && mine.resolved !== siteResolved)
        changes.push({ ...mine, resolved: siteResolved, resolvedBy: siteResolved ? (r?.by ?? '') : '', updatedAt: Math.max(mine.updatedAt + 1, r?.at ?? 0) })
    }
    // What the site last said of it: a change made here since is what sendOut sends.
    if (c.id === c.threadId && (before === undefined || before.resolved !== siteResolved))
      notesRepo.putNote(db, { siteId: site.id, noteId: n.id, articleId, commentId: c.id, resolved: siteResolved, deleted: false })
  }
  // Known notes the site no longer lists were deleted there: their comments become tombstones here.
  const deleted: ReviewComment[] = []
  for (const note of known.values()) {
    if (note.deleted || byId.has(note.noteId)) continue
    const mine = local.comments.find((c) => c.id === note.commentId)
    if (mine !== undefined && !mine.deleted) deleted.push({ ...mine, deleted: true, body: '', quote: '', updatedAt: Math.max(ctx.now(), mine.updatedAt + 1) })
    notesRepo.putNote(db, { ...note, deleted: true })
  }
  if (changes.length === 0 && deleted.length === 0) return
  const merged = mergeReview(local, normalizeReview({ comments: [...changes, ...deleted], history: [] }))
  reviewRepo.writeReview(db, articleId, { comments: merged.comments, history: merged.history })
}

/** Whether inline content holds the anchor (a comment mark) of a thread. */
function holds(nodes: readonly unknown[], threadId: string): boolean {
  return nodes.some((n) => {
    const node = n as { type?: string; ids?: unknown; children?: unknown[] }
    return (node.type === 'mark' && Array.isArray(node.ids) && node.ids.includes(threadId)) || (Array.isArray(node.children) && holds(node.children, threadId))
  })
}

/**
 * A thread opened here that became a note is put on its block, as the block editor does: the
 * block holding its anchor gets the note's id (`$.noteId`, written as `metadata.noteId`; the
 * article's next push carries it), unless the block already has a note (one per block).
 */
function anchor(ctx: SiteContext, articleId: string, threadId: string, noteId: number): void {
  const article = articlesRepo.findArticle(ctx.db, articleId)
  if (article === undefined) return
  const doc = parseDocumentJson(article.body)
  const at = doc.root.children.findIndex((b) => 'children' in b && Array.isArray(b.children) && holds(b.children, threadId))
  if (at < 0) return
  const block = doc.root.children[at]! as LexBlock & SiteSource
  if (blockNoteId(block.$) !== null) return
  doc.root.children[at] = { ...block, $: { ...block.$, noteId } } as LexBlock
  ctx.deps.articles.replaceContent(article, { title: article.title, standfirst: article.standfirst, body: JSON.stringify(doc), meta: article.meta }, null)
}

/** A deleted thread's note taken off its block, as the block editor does when a note is deleted there. */
function unanchor(ctx: SiteContext, articleId: string, noteId: number): void {
  const article = articlesRepo.findArticle(ctx.db, articleId)
  if (article === undefined) return
  const doc = parseDocumentJson(article.body)
  let changed = false
  doc.root.children = doc.root.children.map((b) => {
    const block = b as LexBlock & SiteSource
    if (block.$ === undefined) return b
    const { noteId: own, ...state } = block.$
    const markup = siteMarkupOf(block)
    const kept = markup === undefined ? undefined : withoutNoteId(markup, noteId)
    if (own !== noteId && kept === markup) return b
    changed = true
    return { ...block, $: { ...(own === noteId ? state : block.$), ...(kept === undefined ? {} : { siteMarkup: kept }) } } as LexBlock
  })
  if (changed) ctx.deps.articles.replaceContent(article, { title: article.title, standfirst: article.standfirst, body: JSON.stringify(doc), meta: article.meta }, null)
}

/** What Qalam has of the article's review that the site's notes do not: new threads and replies, resolutions, deletions. */
async function sendOut(ctx: SiteContext, articleId: string, post: number): Promise<void> {
  const { db, site } = ctx
  const review = reviewRepo.readReview(db, articleId)
  const notes = () => new Map(notesRepo.notesOfArticle(db, site.id, articleId).map((n) => [n.commentId, n]))
  let mapped = notes()
  const bridge = site.bridge === true
  // Threads first, then replies, oldest first: a reply needs its thread's note.
  const order = [...review.comments].sort((a, b) => Number(a.id !== a.threadId) - Number(b.id !== b.threadId) || a.createdAt - b.createdAt)
  for (const c of order) {
    const note = mapped.get(c.id)
    if (note === undefined) {
      if (c.deleted || c.body === '') continue
      const parent = c.id === c.threadId ? 0 : mapped.get(c.threadId)?.noteId
      if (parent === undefined) continue
      const made = await ctx.client.request<{ id: number }>('POST', 'wp/v2/comments', {
        json: {
          post,
          parent,
          content: c.body,
          type: 'note',
          status: parent === 0 && c.resolved ? 'approved' : 'hold',
          ...(bridge ? { meta: { qalam_id: c.id } } : {})
        },
        query: { _fields: 'id' }
      })
      if (!Number.isSafeInteger(made.data?.id) || made.data.id <= 0) throw new WpError('rejected', 'the site made a note without saying which')
      notesRepo.putNote(db, { siteId: site.id, noteId: made.data.id, articleId, commentId: c.id, resolved: parent === 0 && c.resolved, deleted: false })
      if (parent === 0) anchor(ctx, articleId, c.id, made.data.id)
      mapped = notes()
      continue
    }
    if (note.deleted) continue
    if (c.deleted) {
      await ctx.client.request('DELETE', `wp/v2/comments/${note.noteId}`, { query: { _fields: 'id' }, idempotent: true }).catch((error: unknown) => {
        // Already gone on the site: that is what was asked.
        if (!(error instanceof WpError && (error.status === 404 || error.status === 410))) throw error
      })
      notesRepo.putNote(db, { ...note, deleted: true })
      if (c.id === c.threadId) unanchor(ctx, articleId, note.noteId)
      continue
    }
    if (c.id === c.threadId && c.resolved !== note.resolved) {
      const status = c.resolved ? 'approved' : 'hold'
      await ctx.client.request('POST', `wp/v2/comments/${note.noteId}`, { json: { status }, query: { _fields: 'id' }, idempotent: true })
      // The block editor shows who resolved or reopened a thread by a child note saying so.
      await ctx.client.request('POST', 'wp/v2/comments', {
        json: { post, parent: note.noteId, content: '', type: 'note', status, meta: { _wp_note_status: c.resolved ? 'resolved' : 'reopen' } },
        query: { _fields: 'id' }
      })
      notesRepo.putNote(db, { ...note, resolved: c.resolved })
    }
  }
}
