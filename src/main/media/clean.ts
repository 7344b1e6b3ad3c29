import { createHash } from 'node:crypto'
import { AppError } from '../errors'
import { heifBrand } from './isobmff'
import { DamagedImage, stripImageMetadata } from './strip'
import type { RemovedMetadata } from '@shared/domain/media'
import { cleanInSandbox } from './sandbox'

export const MAX_IMAGE_BYTES = 50 * 1024 * 1024

/** Image types recognized by their first bytes; SVG is refused because it can carry script. */
export function sniffImageType(bytes: Uint8Array): { mime: string; ext: string } | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { mime: 'image/png', ext: 'png' }
  if (starts(0xff, 0xd8, 0xff)) return { mime: 'image/jpeg', ext: 'jpg' }
  if (starts(0x47, 0x49, 0x46, 0x38)) return { mime: 'image/gif', ext: 'gif' }
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return { mime: 'image/webp', ext: 'webp' }
  if (heifBrand(bytes) === 'avif') return { mime: 'image/avif', ext: 'avif' }
  return null
}

export interface CleanImage {
  /** The image as Qalam stores it: no location, camera, owner, times, thumbnails. */
  bytes: Uint8Array
  /** Its media id: the SHA-256 of these bytes and the real type's extension. */
  id: string
  sha256: string
  mime: string
  removed: RemovedMetadata[]
}

/**
 * The cleaning itself, in the thread that calls it: only the cleaning worker runs this
 * (src/main/media/clean-worker.ts); everything else goes through `cleanImage`.
 */
export function cleanImageHere(bytes: Uint8Array, name: string): CleanImage {
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('INVALID_PAYLOAD', `${name} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 'image-too-large')
  const type = sniffImageType(bytes)
  if (type === null) {
    // HEIC is what iPhones take; Chromium cannot show it, so it is named rather than called "not an image".
    if (heifBrand(bytes) === 'heic') throw new AppError('INVALID_PAYLOAD', `${name} is a HEIC photo, which Qalam cannot show; export it as JPEG`, 'heic-image')
    throw new AppError('INVALID_PAYLOAD', `${name} is not a PNG, JPEG, GIF, WebP or AVIF image`, 'not-image')
  }
  let stripped
  try {
    stripped = stripImageMetadata(bytes)
  } catch (error) {
    if (!(error instanceof DamagedImage)) throw error
    throw new AppError('INVALID_PAYLOAD', `${name} is damaged (${error.message})`, 'damaged-image')
  }
  const sha256 = createHash('sha256').update(stripped.bytes).digest('hex')
  return { bytes: stripped.bytes, id: `${sha256.slice(0, 32)}.${type.ext}`, sha256, mime: type.mime, removed: stripped.removed }
}

/**
 * The one door for an image's bytes from outside (a file picked, a pasted image, a bundle, an
 * older store): its type checked by content, then its metadata removed; the id is taken from the
 * cleaned bytes, so the same photo cleaned twice is the same image. The work runs in a worker
 * thread with its own memory limit and a deadline (src/main/media/sandbox.ts): an image built to
 * hang or exhaust the cleaner is refused in words, and the main process goes on.
 */
export function cleanImage(bytes: Uint8Array, name: string): CleanImage {
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('INVALID_PAYLOAD', `${name} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 'image-too-large')
  return cleanInSandbox(bytes, name)
}
