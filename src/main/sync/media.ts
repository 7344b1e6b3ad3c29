import { randomUUID } from 'node:crypto'
import * as doubtsRepo from '../store/repositories/doubts'
import { DEFAULT_WEB_SIZE, sizedForWeb, type WebSize } from '../media/resize'
import * as mediaRepo from '../store/repositories/media'
import * as outboxRepo from '../store/repositories/outbox'
import * as uploadsRepo from '../store/repositories/uploads'
import { NODE_TYPES } from '@shared/domain/document'
import type { LexDocument, LexImage } from '../document/lexical'
import { documentImages } from '../document/text'
import { parseDocumentJson } from '../document/lexical'
import { isMediaId } from '@shared/domain/media'
import type { Article } from '@shared/domain/article'
import { isCancel, type SiteContext } from './context'
import { consumeDoubt, noteDoubt, removeCopies, waitForDoubts } from './doubts'
import { WpError, type WpResponse } from './wordpress/client'
import { mediaByAuthorSince, type RemoteMedia } from './wordpress/routes'
import { md5, sendInPieces } from './pieces'

/** Images: uploaded once per site, named by a fingerprint so a lost answer can be found again. */

const fingerprintOf = (mediaId: string) => `qalam-${mediaId.split('.')[0]}`

/** Uploads every image of the document the site does not have yet. */
export async function ensureUploads(ctx: SiteContext, doc: LexDocument): Promise<void> {
  const missing = documentImages(doc).filter((id) => uploadsRepo.findUpload(ctx.db, id, ctx.site.id) === undefined)
  if (missing.length > 0 && !ctx.site.capabilities.upload_files) throw new WpError('missing_capability', 'upload_files')
  for (const mediaId of missing) {
    const usage = doc.root.children.find((b): b is LexImage => b.type === NODE_TYPES.image && b.mediaId === mediaId)!
    await upload(ctx, mediaId, usage.alt, usage.caption)
  }
}

/** The featured image's attachment id, uploading it first if the site does not have it. */
export async function ensureFeatured(ctx: SiteContext, mediaId: string): Promise<number> {
  if (uploadsRepo.findUpload(ctx.db, mediaId, ctx.site.id) === undefined) {
    if (!ctx.site.capabilities.upload_files) throw new WpError('missing_capability', 'upload_files')
    await upload(ctx, mediaId, '', '')
  }
  return uploadsRepo.findUpload(ctx.db, mediaId, ctx.site.id)!.remoteId
}

/** Sites whose plugin has no uploads in pieces (an older Qalam Bridge), for the rest of the run. */
const noPieces = new WeakSet<SiteContext>()

/** Uploads one image, unless an earlier try already did (then that upload is adopted). */
async function upload(ctx: SiteContext, mediaId: string, alt: string, caption: string): Promise<void> {
  const { db, site } = ctx
  const fingerprint = fingerprintOf(mediaId)
  const outbox = outboxRepo.findOutbox(db, site.id, 'upload_media', mediaId)
  const doubts = doubtsRepo.listDoubts(db, site.id, 'upload_media', mediaId)
  if (outbox !== undefined || doubts.length > 0) {
    // An earlier try may have uploaded it and lost the answer: look before sending again.
    const found = await landedMedia(ctx, fingerprint, Math.min(outbox?.createdAt ?? Infinity, ...doubts.map((d) => d.sentAt)))
    if (found.length > 0) {
      const [kept, ...extra] = found
      uploadsRepo.recordUpload(db, mediaId, site.id, { remoteId: kept!.id, sourceUrl: kept!.source_url }, ctx.now())
      if (outbox !== undefined) outboxRepo.deleteOutbox(db, outbox.id)
      consumeDoubt(ctx, doubts, fingerprint)
      await removeCopies(ctx, 'upload_media', extra, doubts)
      return
    }
    waitForDoubts(ctx, doubts)
  }
  const original = ctx.deps.mediaBytes(mediaId)
  const item = mediaRepo.findMedia(db, mediaId)
  if (original === null || item === undefined) throw new WpError('rejected', `image ${mediaId} is missing from the data folder`)
  const entry = { id: outbox?.id ?? randomUUID(), siteId: site.id, kind: 'upload_media' as const, subject: mediaId, fingerprint, createdAt: ctx.now(), attempts: 1 }
  outboxRepo.putOutbox(db, entry)
  const ext = mediaId.split('.')[1]
  // Sized for the web before it leaves (the original stays on the desk); a site that refuses it as too large gets a smaller copy.
  // A picture the reporter asked to send as taken starts at full size (a site that refuses it still gets a smaller copy).
  const web = ctx.deps.webSize?.() ?? DEFAULT_WEB_SIZE
  const sizes = smallerSizes(item.fullSize === true ? { ...web, maxSide: 0 } : web)
  let shrunk = 0
  for (let i = 0; ; i++) {
    const bytes = (await sizedForWeb(original, item.mime, sizes[i]!)).bytes
    ctx.progress.shrunk(item.bytes - shrunk - bytes.length)
    shrunk = item.bytes - bytes.length
    // Through the companion plugin, in pieces that survive a cut (sync/pieces.ts); the outbox entry's id names the upload, so a later try resumes it.
    if (site.bridge === true && !noPieces.has(ctx)) {
      let landed: RemoteMedia | null
      let counted = 0
      const arrivedSoFar = (received: number) => {
        ctx.progress.bytes(received - counted)
        counted = received
      }
      try {
        landed = await sendInPieces(ctx, entry.id, bytes, { filename: `${fingerprint}.${ext}`, alt, caption, resume: outbox !== undefined, onArrived: arrivedSoFar })
      } catch (error) {
        ctx.progress.bytes(-counted)
        if (error instanceof WpError && error.code === 'file_too_large') {
          if (i + 1 < sizes.length) continue
          throw refusedAtEverySize(error, sizes[i]!, bytes)
        }
        throw error
      }
      if (landed !== null) {
        uploadsRepo.recordUpload(db, mediaId, site.id, { remoteId: landed.id, sourceUrl: landed.source_url }, ctx.now())
        outboxRepo.deleteOutbox(db, entry.id)
        arrivedSoFar(bytes.length)
        return
      }
      ctx.progress.bytes(-counted)
      noPieces.add(ctx)
    }
    const sentAt = ctx.now()
    let answer: WpResponse<RemoteMedia>
    // The progress follows the bytes as they go out (a slow uplink shows them moving); an attempt that fails takes its share back.
    let counted = 0
    try {
      answer = await ctx.client.request<RemoteMedia>('POST', 'wp/v2/media', {
        body: bytes,
        query: { alt_text: alt, caption, _fields: 'id,source_url' },
        // WordPress checks the bytes against this hash before it makes an attachment (its hex MD5, as its REST controller
        // compares it): a body cut on the way is refused whole, never kept half, and can be sent again at once.
        headers: { 'content-type': item.mime, 'content-disposition': `attachment; filename="${fingerprint}.${ext}"`, 'content-md5': md5(bytes) },
        idempotent: false,
        onSent: (sent) => {
          ctx.progress.bytes(sent - counted)
          counted = sent
        }
      })
    } catch (error) {
      ctx.progress.bytes(-counted)
      if (error instanceof WpError && error.code === 'file_too_large') {
        if (i + 1 < sizes.length) continue
        throw refusedAtEverySize(error, sizes[i]!, bytes)
      }
      noteDoubt(ctx, 'upload_media', mediaId, fingerprint, sentAt, error)
      throw error
    }
    uploadsRepo.recordUpload(db, mediaId, site.id, { remoteId: answer.data.id, sourceUrl: answer.data.source_url }, ctx.now())
    outboxRepo.deleteOutbox(db, entry.id)
    ctx.progress.bytes(bytes.length - counted)
    return
  }
}

/** The site's refusal of the smallest copy, in words with its size. */
function refusedAtEverySize(error: WpError, size: WebSize, bytes: Uint8Array): WpError {
  return new WpError('file_too_large', `the site refuses the photo even at ${size.maxSide || 'full'} px (${Math.round(bytes.length / 1024)} KB)`, error.status, error.wpCode)
}

/** The newsroom's size first, then smaller ones for a site that refuses a file as too large (its upload limit). */
function smallerSizes(size: WebSize): WebSize[] {
  const steps = [2048, 1600, 1024]
  const first = size.maxSide
  return [size, ...steps.filter((s) => first === 0 || s < first).map((maxSide) => ({ ...size, maxSide }))]
}

/** This user's uploads on the site named by a fingerprint and made since `since` (with a margin for clocks), oldest first (the one to keep). */
async function landedMedia(ctx: SiteContext, fingerprint: string, since: number): Promise<RemoteMedia[]> {
  const { site } = ctx
  const found = await mediaByAuthorSince(ctx.client, fingerprint, site.userId, new Date(since - 10 * 60 * 1000).toISOString())
  // The search also matches inside other titles: only a file named by the fingerprint (WordPress adds -1, -2 to a repeated name) is one of ours.
  const name = (url: string) => url.slice(url.lastIndexOf('/') + 1)
  return found.filter((m) => (m.author === undefined || m.author === site.userId) && name(m.source_url).startsWith(fingerprint))
}

/** Media uploaded by attempts whose answer was lost after another upload of the same image became the article's. */
export async function sweepMedia(ctx: SiteContext): Promise<void> {
  const { db, site } = ctx
  const doubts = doubtsRepo.listDoubts(db, site.id, 'upload_media').filter((d) => uploadsRepo.findUpload(db, d.subject, site.id) !== undefined)
  for (const mediaId of new Set(doubts.map((d) => d.subject))) {
    const mine = doubts.filter((d) => d.subject === mediaId)
    try {
      const copies = (await landedMedia(ctx, fingerprintOf(mediaId), Math.min(...mine.map((d) => d.sentAt)))).filter(
        (m) => uploadsRepo.findUploadByRemote(db, site.id, m.id) === undefined
      )
      await removeCopies(ctx, 'upload_media', copies, mine)
    } catch (error) {
      if (isCancel(error)) throw error
    }
  }
}

/** The images of a document (and a featured image) this site does not have yet. */
function pendingImages(ctx: SiteContext, doc: LexDocument, featured = ''): string[] {
  const ids = featured === '' ? documentImages(doc) : [...documentImages(doc), featured]
  return ids.filter((id) => isMediaId(id) && uploadsRepo.findUpload(ctx.db, id, ctx.site.id) === undefined)
}

/** The bytes of images the given documents still have to upload, for the progress bar. */
export function bytesToUpload(ctx: SiteContext, docs: LexDocument[]): number {
  return docs.flatMap((doc) => pendingImages(ctx, doc)).reduce((total, id) => total + (mediaRepo.findMedia(ctx.db, id)?.bytes ?? 0), 0)
}

/** Whether an article has an image this site does not have yet (its sync puts bytes on the wire). */
export function needsUpload(ctx: SiteContext, article: Pick<Article, 'body' | 'meta'>): boolean {
  return pendingImages(ctx, parseDocumentJson(article.body), article.meta.featuredImage).length > 0
}
