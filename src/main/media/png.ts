import { crc32 } from 'node:zlib'
import { DamagedImage, Pieces, ascii, be32, fromAscii, need, u32be } from './bytes'
import { onlyOrientation, orientationTiff, readOrientation } from './exif'
import { concat } from './jpeg'
import type { RemovedKind, Stripped } from './strip'

/** Chunks that draw the picture or say how to colour it; everything else (text, time, EXIF, XMP, C2PA…) is left out. */
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'cICP', 'mDCv', 'cLLi', 'acTL', 'fcTL', 'fdAT'])

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** PNG without text chunks (tEXt, zTXt, iTXt: XMP, camera, dates), tIME, eXIf and unknown chunks; chunks kept are copied whole. */
export function stripPng(bytes: Uint8Array): Stripped {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new DamagedImage('no PNG signature')
  const out = new Pieces()
  out.push(bytes.subarray(0, 8))
  const removed = new Set<string>()
  let orientation: number | null = null
  let pos = 8
  let ended = false
  let sawData = false
  while (pos < bytes.length) {
    const length = u32be(bytes, pos)
    const type = ascii(bytes, pos + 4, 4)
    const end = pos + 12 + length
    need(bytes, end, 'chunk')
    const chunk = bytes.subarray(pos, end)
    pos = end
    if (type === 'IDAT' && !sawData) {
      sawData = true
      // Orientation goes before the picture's data, where decoders read it.
      if (orientation !== null && orientation !== 1) out.push(chunkOf('eXIf', orientationTiff(orientation)))
    }
    if (KEEP.has(type)) out.push(chunk)
    else {
      if (type === 'eXIf') orientation ??= sawData ? null : readOrientation(chunk.subarray(8, 8 + length))
      if (!(type === 'eXIf' && onlyOrientation(chunk.subarray(8, 8 + length))))
        removed.add(type === 'eXIf' ? 'exif' : type === 'iTXt' || type === 'tEXt' || type === 'zTXt' ? 'text' : type === 'tIME' ? 'time' : 'other')
    }
    if (type === 'IEND') {
      ended = true
      break
    }
  }
  if (!ended || !sawData) throw new DamagedImage('the picture is cut short')
  if (pos < bytes.length) removed.add('trailer')
  const turned = orientation !== null && orientation !== 1
  return { bytes: out.join(), removed: [...removed] as RemovedKind[], orientation: turned ? orientation : null }
}

function chunkOf(type: string, data: Uint8Array): Uint8Array {
  const typed = concat(fromAscii(type), data)
  return concat(be32(data.length), typed, be32(crc32(typed)))
}
