import { DamagedImage } from './bytes'
import { stripGif } from './gif'
import { heifBrand, stripHeif } from './isobmff'
import { stripJpeg } from './jpeg'
import { stripPng } from './png'
import { stripWebp } from './webp'

import type { RemovedMetadata } from '@shared/domain/media'

/** What was taken out of an image, in kinds the interface can name. */
export type RemovedKind = RemovedMetadata

export interface Stripped {
  bytes: Uint8Array
  removed: RemovedKind[]
  /** The EXIF orientation kept (2–8), or null when the picture is upright or carries none. */
  orientation: number | null
}

export { DamagedImage }

/**
 * An image without what could identify the person who took it or where: location,
 * camera and lens serials, owner, original times, thumbnails and previews, XMP, IPTC,
 * MakerNotes, comments. The picture's own bytes are never re-encoded, so it decodes to
 * the same pixels; the ICC colour profile and the orientation are kept.
 * Throws DamagedImage when the file's structure cannot be followed (nothing is stored
 * that could not be cleaned).
 */
export function stripImageMetadata(bytes: Uint8Array): Stripped {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return stripJpeg(bytes)
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return stripPng(bytes)
  if (bytes[0] === 0x47 && bytes[1] === 0x49) return stripGif(bytes)
  if (bytes[0] === 0x52 && bytes[1] === 0x49) return stripWebp(bytes)
  if (heifBrand(bytes) !== null) return stripHeif(bytes)
  throw new DamagedImage('not an image Qalam knows')
}
