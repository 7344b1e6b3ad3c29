import { DamagedImage, Pieces, ascii, fromAscii, le32, need, startsWith, u32le } from './bytes'
import { onlyOrientation, orientationTiff, readOrientation } from './exif'
import { concat } from './jpeg'
import type { RemovedKind, Stripped } from './strip'

/** Chunks that make the picture (VP8/VP8L/alpha/animation) or colour it (ICCP); EXIF, XMP and unknown chunks are left out. */
const KEEP = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP'])
const FLAG_EXIF = 0x08
const FLAG_XMP = 0x04

/** WebP without EXIF and XMP: the RIFF chunks kept are copied whole, the extended header's flags and the RIFF size fixed. */
export function stripWebp(bytes: Uint8Array): Stripped {
  if (!(startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP'))) throw new DamagedImage('no WebP header')
  const riffEnd = 8 + u32le(bytes, 4)
  need(bytes, riffEnd, 'RIFF size')
  const removed = new Set<string>()
  const kept: { type: string; chunk: Uint8Array }[] = []
  let orientation: number | null = null
  let pos = 12
  while (pos + 8 <= riffEnd) {
    const type = ascii(bytes, pos, 4)
    const size = u32le(bytes, pos + 4)
    if (pos + 8 + size > riffEnd) throw new DamagedImage('chunk')
    const data = bytes.subarray(pos + 8, pos + 8 + size)
    // A chunk of odd size is padded to even; the pad is written afresh (a writer may have left it off the last one).
    if (type === 'ANMF') kept.push({ type, chunk: animationFrame(data, removed) })
    else if (KEEP.has(type)) kept.push({ type, chunk: size & 1 ? concat(bytes.subarray(pos, pos + 8 + size), Uint8Array.of(0)) : bytes.subarray(pos, pos + 8 + size) })
    else {
      const tiff = startsWith(data, 0, 'Exif\0\0') ? data.subarray(6) : data
      if (type === 'EXIF') orientation ??= readOrientation(tiff)
      if (!(type === 'EXIF' && onlyOrientation(tiff))) removed.add(type === 'EXIF' ? 'exif' : type === 'XMP ' ? 'xmp' : 'other')
    }
    pos += 8 + size + (size & 1)
  }
  if (!kept.some((k) => k.type === 'VP8 ' || k.type === 'VP8L' || k.type === 'ANMF')) throw new DamagedImage('no picture data')
  if (riffEnd < bytes.length) removed.add('trailer')
  const turned = orientation !== null && orientation !== 1
  const out = new Pieces()
  const extended = kept[0]?.type === 'VP8X'
  for (const k of kept) {
    if (k.type === 'VP8X') {
      const header = k.chunk.slice()
      header[8] = (header[8]! & ~(FLAG_EXIF | FLAG_XMP)) | (turned ? FLAG_EXIF : 0)
      out.push(header)
    } else out.push(k.chunk)
  }
  // A simple WebP (no VP8X) cannot carry EXIF; it had none to keep.
  if (turned && extended) {
    const tiff = orientationTiff(orientation!)
    out.push(concat(fromAscii('EXIF'), le32(tiff.length), tiff))
  }
  const body = out.join()
  return {
    bytes: concat(fromAscii('RIFF'), le32(body.length + 4), fromAscii('WEBP'), body),
    removed: [...removed] as RemovedKind[],
    orientation: turned && extended ? orientation : null
  }
}

/** What an animation frame may hold after its 16-byte header: the picture (alpha, then VP8 or VP8L); unknown chunks are left out. */
const FRAME_KEEP = new Set(['ALPH', 'VP8 ', 'VP8L'])

/** An ANMF chunk rebuilt with only its header and picture chunks (each padded to even). */
function animationFrame(data: Uint8Array, removed: Set<string>): Uint8Array {
  need(data, 16, 'animation frame')
  const out = new Pieces()
  out.push(data.subarray(0, 16))
  let pos = 16
  while (pos + 8 <= data.length) {
    const type = ascii(data, pos, 4)
    const size = u32le(data, pos + 4)
    if (pos + 8 + size > data.length) throw new DamagedImage('frame chunk')
    if (FRAME_KEEP.has(type)) {
      out.push(data.subarray(pos, pos + 8 + size))
      if (size & 1) out.push(Uint8Array.of(0))
    } else removed.add('other')
    pos += 8 + size + (size & 1)
  }
  const body = out.join()
  return concat(fromAscii('ANMF'), le32(body.length), body, body.length & 1 ? Uint8Array.of(0) : new Uint8Array(0))
}
