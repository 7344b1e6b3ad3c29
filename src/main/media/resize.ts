import type Sharp from 'sharp'

/** libvips is loaded at the first photo sent, not at start (loading it costs 55–75 ms). */
let loaded: Promise<typeof Sharp> | null = null
const loadSharp = () => (loaded ??= import('sharp').then((m) => (m as unknown as { default: typeof Sharp }).default ?? (m as unknown as typeof Sharp)))

/**
 * Photos sized for the web before they leave for the site: a phone's 4,000-pixel, 5 MB picture
 * becomes the newsroom's largest side (2,048 px by default, as the WordPress apps do) at its
 * quality, with libvips (the `sharp` package, prebuilt for Linux, Windows and macOS). The original
 * stays on the desk. Never upscaled; the turn the picture's orientation asks for is applied to the
 * pixels, and nothing of its metadata is written back (the cleaned image carries none but that).
 */
export interface WebSize {
  /** The largest side in pixels; 0 sends every picture at full size. */
  maxSide: number
  /** JPEG, WebP and AVIF quality, 1–100. */
  quality: number
}

export const DEFAULT_WEB_SIZE: WebSize = { maxSide: 2048, quality: 82 }

export interface SizedImage {
  bytes: Uint8Array
  width: number
  height: number
  /** Whether the bytes are a resized copy (false: the original goes, as it was smaller already). */
  resized: boolean
}

/** No picture a camera takes comes near this; a decompression bomb does. */
const MAX_INPUT_PIXELS = 120_000_000

/**
 * The picture as it should go to the site: at the newsroom's size and quality. The original goes
 * when it is a GIF (animation), or when a copy would not be smaller: by a third or more for a
 * picture within the size already (a camera's JPEG at quality 95 is worth encoding again; a web
 * picture is not).
 */
export async function sizedForWeb(bytes: Uint8Array, mime: string, size: WebSize): Promise<SizedImage> {
  try {
    return await resized(bytes, mime, size)
  } catch {
    // A picture libvips cannot read goes as it is (it was cleaned when it came in; the site judges it).
    return { bytes, width: 0, height: 0, resized: false }
  }
}

async function resized(bytes: Uint8Array, mime: string, size: WebSize): Promise<SizedImage> {
  const sharp = await loadSharp()
  const image = sharp(bytes, { failOn: 'none', limitInputPixels: MAX_INPUT_PIXELS })
  const meta = await image.metadata()
  const turned = (meta.orientation ?? 1) >= 5
  const width = (turned ? meta.height : meta.width) ?? 0
  const height = (turned ? meta.width : meta.height) ?? 0
  const original: SizedImage = { bytes, width, height, resized: false }
  if (size.maxSide <= 0 || mime === 'image/gif') return original
  const within = Math.max(width, height) <= size.maxSide
  // Within the size already: only a JPEG or WebP saved at a camera's high quality is worth encoding again at the newsroom's.
  if (within && mime !== 'image/jpeg' && mime !== 'image/webp') return original
  let pipeline = image.rotate().resize({ width: size.maxSide, height: size.maxSide, fit: 'inside', withoutEnlargement: true })
  const quality = Math.max(1, Math.min(100, Math.round(size.quality)))
  if (mime === 'image/jpeg') pipeline = pipeline.jpeg({ quality, mozjpeg: true })
  else if (mime === 'image/webp') pipeline = pipeline.webp({ quality })
  else if (mime === 'image/avif') pipeline = pipeline.avif({ quality: Math.max(1, quality - 30) })
  else if (mime === 'image/png') pipeline = pipeline.png({ compressionLevel: 9 })
  else return original
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true })
  // A copy of a picture within the size goes only when it saves at least a third: otherwise the original's own encoding is kept.
  if (data.length >= (within ? (bytes.length * 2) / 3 : bytes.length)) return original
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, resized: true }
}
