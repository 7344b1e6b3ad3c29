import { workerScript } from '../worker-script'
import { Worker } from 'node:worker_threads'
import { AppError } from '../errors'
import type { HeicAnswer, HeicJob } from './heic-worker'
import type { RemovedKind } from './strip'

/**
 * HEIC, what iPhones take, made into a JPEG at the door. Chromium cannot show HEIC, and
 * WordPress cannot either unless its server has an image library that decodes HEVC (most do
 * not), so the desk keeps a JPEG of the picture: its full size, at quality 92, in the photo's own
 * colours (the HEIC's ICC profile, Display P3 on iPhones, goes into the JPEG; nothing else of the
 * file does). The decoding runs in a worker thread of its own (heic-worker.ts), off the main
 * process, with a memory limit and a deadline; a file that fails or outlasts them is refused
 * in words and the process goes on.
 */

/** The desk's copy is kept near the original's quality; the web copy is sized from it (resize.ts). */
export const HEIC_JPEG_QUALITY = 92
/** 12 megapixels is an iPhone's photo, 48 its largest; more is a bomb. */
export const HEIC_MAX_PIXELS = 120_000_000
/** A 12-megapixel photo takes 1.5–2 s on this project's 2-core machine; a slow laptop gets ten times that, and more per megabyte. */
export const heicDeadlineFor = (bytes: number): number => 30_000 + Math.ceil((bytes / 2 ** 20) * 10_000)

export interface ConvertedHeic {
  jpeg: Uint8Array
  width: number
  height: number
  /** What the HEIC carried that the JPEG does not. */
  removed: RemovedKind[]
}

/** A HEIC photo's picture as a JPEG, or an INVALID_PAYLOAD error that says why not (`damaged-image`, `image-too-large`). */
export async function convertHeic(bytes: Uint8Array, name: string, options: { deadlineMs?: number } = {}): Promise<ConvertedHeic> {
  const job: HeicJob = { bytes, maxPixels: HEIC_MAX_PIXELS, quality: HEIC_JPEG_QUALITY }
  // The wasm decoder's memory lies outside V8's heap; the limit holds the JavaScript around it.
  const worker = new Worker(workerScript('heic-worker'), { resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } })
  const answer = await new Promise<HeicAnswer | 'timeout' | 'died'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), options.deadlineMs ?? heicDeadlineFor(bytes.length))
    worker.once('message', (message: HeicAnswer) => {
      clearTimeout(timer)
      resolve(message)
    })
    worker.once('error', () => {
      clearTimeout(timer)
      resolve('died')
    })
    worker.once('exit', () => {
      clearTimeout(timer)
      resolve('died')
    })
    worker.postMessage(job)
  }).finally(() => void worker.terminate())
  if (answer === 'timeout') throw new AppError('INVALID_PAYLOAD', `${name} took too long to read as a HEIC photo`, 'damaged-image')
  if (answer === 'died') throw new AppError('INVALID_PAYLOAD', `${name} could not be read as a HEIC photo`, 'damaged-image')
  if (!answer.ok) {
    if (answer.problem === 'too-large') throw new AppError('INVALID_PAYLOAD', `${name} is too large a picture (${answer.message})`, 'image-too-large')
    throw new AppError('INVALID_PAYLOAD', `${name} is damaged (${answer.message})`, 'damaged-image')
  }
  return { jpeg: answer.jpeg, width: answer.width, height: answer.height, removed: answer.removed }
}
