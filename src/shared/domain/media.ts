/**
 * A media id is the file name of an image in the data folder's media/: 32 hex
 * digits of its content's SHA-256 and the extension of its real type. Anything
 * else is not one of Qalam's images (and never becomes a path or a URL).
 */
export const MEDIA_ID_PATTERN = /^[0-9a-f]{32}\.(png|jpg|gif|webp|avif)$/

export function isMediaId(value: string): boolean {
  return MEDIA_ID_PATTERN.test(value)
}

/** Why an image was not taken in; the interface words each in both languages. */
export const MEDIA_PROBLEMS = ['not-image', 'heic-image', 'damaged-image', 'image-too-large'] as const
export type MediaProblem = (typeof MEDIA_PROBLEMS)[number]

/** What Qalam takes out of every image before storing it (EXIF, XMP, IPTC, thumbnails, comments…). */
export type RemovedMetadata = 'exif' | 'xmp' | 'iptc' | 'thumbnail' | 'comment' | 'text' | 'time' | 'trailer' | 'other'
