import { createHash } from 'node:crypto'
import type { SiteContext } from './context'
import { WpError } from './wordpress/client'
import type { RemoteMedia } from './wordpress/routes'

/**
 * A picture sent to the companion plugin in pieces (wordpress-plugin/qalam-bridge/uploads.php),
 * so that a cut link costs the piece it cut, not the photo: each piece is a PUT of its range with
 * its MD5, which the site keeps; after a cut Qalam asks how much arrived and goes on from there;
 * the last request asks the site to make the attachment from the whole file, checked against its
 * MD5. Every one of these requests can be repeated without making anything twice (a piece already
 * there is acknowledged again; finishing an upload again returns the attachment it made), so a
 * lost answer is sent again at once instead of becoming a doubt to wait out.
 */

/** 256 KB: eight seconds of a 256 kbit/s uplink, so a round trip per piece costs under a tenth, and a cut loses at most that. */
export const PIECE_BYTES = 256 * 1024

/** A body's hex MD5, as WordPress and the plugin check it (Content-MD5). */
export const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex')

interface Arrived {
  received: number
  total: number
}

/** What the site says has arrived, held to what can be true (a hostile or broken answer is refused, not believed). */
function arrived(data: unknown, total: number): number {
  const a = data as Partial<Arrived> | null
  const received = a?.received
  if (typeof received !== 'number' || !Number.isSafeInteger(received) || received < 0 || received > total)
    throw new WpError('rejected', `the site's answer about the upload is not one it could give (${JSON.stringify(data)?.slice(0, 100)})`)
  return received
}

export interface PiecesOptions {
  filename: string
  alt: string
  caption: string
  /** Whether an earlier try of this upload may have sent pieces (ask the site first). */
  resume: boolean
  /** The bytes that are on the site so far, as they go (the progress bar). */
  onArrived: (received: number) => void
}

/**
 * Sends `bytes` as upload `id` and returns the attachment; null when the site's plugin has no
 * uploads (an older Qalam Bridge): the caller sends the picture whole as before.
 */
export async function sendInPieces(ctx: SiteContext, id: string, bytes: Uint8Array, options: PiecesOptions): Promise<RemoteMedia | null> {
  const route = `qalam/v1/uploads/${id}`
  const whole = md5(bytes)
  const total = bytes.length
  const status = async () => arrived((await ctx.client.request<Arrived>('GET', route)).data, total)
  let received = 0
  try {
    if (options.resume) received = await status()
  } catch (error) {
    if (error instanceof WpError && error.wpCode === 'rest_no_route') return null
    throw error
  }
  options.onArrived(received)
  // A site that acknowledges without taking anything would keep this loop going: each piece must move the count on.
  let stalled = 0
  for (let round = 0; ; round++) {
    while (received < total) {
      const end = Math.min(total, received + PIECE_BYTES)
      const piece = bytes.subarray(received, end)
      let next: number
      try {
        const answer = await ctx.client.request<Arrived>('PUT', route, {
          body: piece,
          idempotent: true,
          headers: {
            'content-type': 'application/octet-stream',
            'content-range': `bytes ${received}-${end - 1}/${total}`,
            'content-md5': md5(piece),
            'x-qalam-upload-md5': whole
          },
          onSent: (sent) => options.onArrived(received + sent)
        })
        next = arrived(answer.data, total)
      } catch (error) {
        if (!(error instanceof WpError)) throw error
        if (error.wpCode === 'rest_no_route' && received === 0) return null
        // Not where the site is (it lost a piece, or started over): ask, and go on from what it has.
        if (error.wpCode !== 'qalam_upload_offset') throw error
        next = await status()
      }
      stalled = next > received ? 0 : stalled + 1
      if (stalled >= 3) throw new WpError('rejected', `the site does not take the upload past ${received} of ${total} bytes`)
      received = next
      options.onArrived(received)
    }
    try {
      const made = await ctx.client.request<RemoteMedia>('POST', `${route}/finish`, {
        json: { md5: whole, filename: options.filename, alt_text: options.alt, caption: options.caption },
        idempotent: true
      })
      const media = made.data
      if (!Number.isSafeInteger(media?.id) || media.id <= 0 || typeof media.source_url !== 'string')
        throw new WpError('rejected', 'the site finished the upload without saying which attachment it made')
      return { id: media.id, source_url: media.source_url }
    } catch (error) {
      // The site lost what had arrived (its pieces are swept after two days): send what it lacks, twice at most.
      if (!(error instanceof WpError) || error.wpCode !== 'qalam_upload_incomplete' || round >= 2) throw error
      received = await status()
      options.onArrived(received)
    }
  }
}
