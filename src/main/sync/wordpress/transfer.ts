/** Moving bytes to and from a site: answers read with a cap, bodies handed over piece by piece, a deadline that moves whenever a byte does. */
import { WpError } from './client'

/** No answer Qalam asks a site for comes near this (a page of 100 posts with their content is a few MiB). */
export const MAX_RESPONSE_BYTES = 50 * 2 ** 20

/** An answer's text, read as a stream with a running count: past `limit` bytes the read stops with `too_large`. */
export async function readCapped(response: Response, limit: number, onBytes: (count: number) => void = () => undefined): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '')
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new WpError('too_large', `the answer declares ${declared} bytes; Qalam reads up to ${limit}`, response.status)
  }
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    onBytes(value.byteLength)
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw new WpError('too_large', `the answer is over ${limit} bytes`, response.status)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The piece a body is handed to the connection in: small enough that progress and the idle clock move on a slow link. */
export const UPLOAD_PIECE = 16 * 1024
/**
 * Once a body is all handed over, the system's socket buffer may still hold much of it (megabytes:
 * Node cannot see what the link has really carried). The idle clock then allows for those bytes to
 * drain at this slowest rate, 128 kbit/s, below the slowest uplink Qalam is built for, at most 5 min.
 */
export const DRAIN_FLOOR_BYTES_PER_S = 16 * 1024
export const MAX_DRAIN_MS = 5 * 60 * 1000

/**
 * A deadline that moves whenever a byte does: it fires only after `ms` with nothing sent or
 * received, never because a transfer as a whole took long.
 */
export function idleDeadline(ms: number): { signal: AbortSignal; touch: (extraMs?: number) => void; fired: () => boolean; stop: () => void } {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | null = null
  const arm = (extraMs = 0) => {
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(() => controller.abort(new DOMException('no byte moved', 'TimeoutError')), ms + extraMs)
    timer.unref?.()
  }
  arm()
  return {
    signal: controller.signal,
    touch: (extraMs = 0) => {
      if (!controller.signal.aborted) arm(extraMs)
    },
    fired: () => controller.signal.aborted,
    stop: () => {
      if (timer !== null) clearTimeout(timer)
    }
  }
}

/** A body as a stream handed over piece by piece, each piece moving the idle clock and the progress. */
export function pacedBody(bytes: Uint8Array, onPiece: (sent: number) => void): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close()
        return
      }
      const piece = bytes.subarray(at, Math.min(bytes.length, at + UPLOAD_PIECE))
      at += piece.length
      controller.enqueue(piece)
      onPiece(at)
    }
  })
}
