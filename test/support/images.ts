import sharp from 'sharp'
import { deflateSync } from 'node:zlib'

function crc32(bytes: Buffer): number {
  let c: number
  let crc = 0xffffffff
  for (const b of bytes) {
    c = (crc ^ b) & 0xff
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crc = (crc >>> 8) ^ c
  }
  return (crc ^ 0xffffffff) >>> 0
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A real PNG of the given size and colour, made here so tests need no binary fixtures. */
export function tinyPng(width = 40, height = 24, rgb: [number, number, number] = [138, 28, 28]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb)))])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}

/**
 * A camera-sized JPEG (noisy, as a real photo is, so it is several megabytes), made with sharp;
 * `seed` gives another picture of the same size, `orientation` an EXIF turn.
 */
export async function cameraJpeg(width: number, height: number, options: { seed?: number; orientation?: number; quality?: number } = {}): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3)
  let seed = options.seed ?? 7
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    pixels[i] = (i % 3 === 0 ? (i / 3) % width : 90) / 2 + (seed % 96)
  }
  const jpeg = sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: options.quality ?? 90 })
  return options.orientation === undefined ? jpeg.toBuffer() : jpeg.withMetadata({ orientation: options.orientation }).toBuffer()
}
