import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { heifIccProfile, stripHeif } from './isobmff'
import { attachIccProfile } from './jpeg'
import type { RemovedKind } from './strip'

/**
 * The HEIC converter's thread (see heic.ts): one iPhone photo in, its picture out as a JPEG.
 * libheif and its HEVC decoder (libde265) run as WebAssembly from the `libheif-js` package, so
 * a hostile file meets a decoder that cannot reach outside its own memory; libvips (`sharp`)
 * encodes the pixels. The file's metadata are cleared first (stripHeif, as for any HEIF, to say
 * what was taken out); only the pixels and the ICC profile cross over into the JPEG.
 */
export interface HeicJob {
  bytes: Uint8Array
  /** Refused above this many pixels (a decompression bomb), before anything is decoded. */
  maxPixels: number
  quality: number
}
export type HeicAnswer = { ok: true; jpeg: Uint8Array; width: number; height: number; removed: RemovedKind[] } | { ok: false; problem: 'damaged' | 'too-large'; message: string }

interface HeifImage {
  get_width(): number
  get_height(): number
  display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (out: unknown) => void): void
  free(): void
}
interface Libheif {
  HeifDecoder: new () => { decode(bytes: Uint8Array): HeifImage[]; decoder: unknown }
  heif_context_free(context: unknown): void
}

// libheif says why a file did not parse on the console; the answer says it instead.
console.log = () => undefined

const require_ = createRequire(__filename)
let libheif: Libheif | null = null
function load(): Libheif {
  if (libheif !== null) return libheif
  const wasmBinary = readFileSync(require_.resolve('libheif-js/libheif-wasm/libheif.wasm'))
  libheif = (require_('libheif-js/libheif-wasm/libheif.js') as (options: { wasmBinary: Uint8Array }) => Libheif)({ wasmBinary })
  return libheif
}

async function convert(job: HeicJob): Promise<HeicAnswer> {
  const stripped = stripHeif(job.bytes)
  const icc = heifIccProfile(stripped.bytes)
  const heif = load()
  const decoder = new heif.HeifDecoder()
  const images = decoder.decode(stripped.bytes)
  try {
    // The first top-level picture is the photo (an iPhone's HEIC holds one; its tiles are not top-level).
    const image = images[0]
    if (image === undefined) return { ok: false, problem: 'damaged', message: 'no picture libheif can read' }
    const width = image.get_width()
    const height = image.get_height()
    if (!(width > 0 && height > 0)) return { ok: false, problem: 'damaged', message: 'no size' }
    if (width * height > job.maxPixels) return { ok: false, problem: 'too-large', message: `${width}×${height} pixels` }
    const data = new Uint8ClampedArray(width * height * 4)
    const shown = await new Promise<unknown>((resolve) => image.display({ data, width, height }, resolve))
    if (shown === null || shown === undefined) return { ok: false, problem: 'damaged', message: 'the picture could not be decoded' }
    const sharp = (await import('sharp')).default
    const jpeg = await sharp(Buffer.from(data.buffer, data.byteOffset, data.length), { raw: { width, height, channels: 4 } })
      .removeAlpha()
      .jpeg({ quality: job.quality })
      .toBuffer()
    const plain = new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length)
    return { ok: true, jpeg: icc === null ? plain : attachIccProfile(plain, icc), width, height, removed: stripped.removed }
  } finally {
    for (const image of images) image.free()
    if (decoder.decoder) heif.heif_context_free(decoder.decoder)
  }
}

parentPort?.on('message', (job: HeicJob) => {
  convert(job).then(
    (answer) => parentPort!.postMessage(answer),
    (error: unknown) => parentPort!.postMessage({ ok: false, problem: 'damaged', message: (error as Error).message ?? String(error) } satisfies HeicAnswer)
  )
})
