import { DamagedImage, Pieces, be16, fromAscii, need, startsWith, u16be } from './bytes'
import { onlyOrientation, orientationTiff, readOrientation } from './exif'
import type { RemovedKind, Stripped } from './strip'

/**
 * JPEG without what identifies: segments are copied as they are (the compressed picture
 * is never touched, so the decoded pixels are the same) except
 *  - APP1 (EXIF with GPS, serials, dates, MakerNotes and the thumbnail; XMP), APP13
 *    (Photoshop/IPTC), APP2 other than the ICC profile (MPF, FlashPix), APP3–APP12 and
 *    APP15, and comments, which are dropped;
 *  - APP0 JFIF, kept without its own thumbnail; APP0 JFXX (a thumbnail) dropped;
 *  - anything after the end of the picture (MPF's extra images, trailers), dropped.
 * Kept: the ICC profile (APP2), Adobe's colour transform (APP14) and, when the picture
 * is turned, an EXIF block holding Orientation alone.
 */
export function stripJpeg(bytes: Uint8Array): Stripped {
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8)) throw new DamagedImage('no JPEG start')
  const out = new Pieces()
  const removed = new Set<string>()
  let orientation: number | null = null
  const kept: Uint8Array[] = []
  let pos = 2
  let ended = false
  let scans = 0
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw new DamagedImage('expected a marker')
    while (bytes[pos] === 0xff) pos++ // fill bytes
    need(bytes, pos + 1, 'marker')
    const marker = bytes[pos]!
    pos++
    if (marker === 0xd9) {
      ended = true
      break
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(Uint8Array.of(0xff, marker))
      continue
    }
    const length = u16be(bytes, pos)
    if (length < 2) throw new DamagedImage('segment length')
    need(bytes, pos + length, 'segment')
    const start = pos - 2
    const payload = bytes.subarray(pos + 2, pos + length)
    const segment = bytes.subarray(start, pos + length)
    pos += length
    if (marker === 0xda) {
      // A scan: its header, then entropy-coded data up to the next marker that is not a restart or a stuffed 0xFF.
      let end = pos
      while (end < bytes.length - 1 && !(bytes[end] === 0xff && bytes[end + 1] !== 0x00 && !(bytes[end + 1]! >= 0xd0 && bytes[end + 1]! <= 0xd7))) end++
      kept.push(bytes.subarray(start, end))
      pos = end
      scans++
      continue
    }
    if (marker === 0xe0) {
      if (startsWith(payload, 0, 'JFIF\0') && payload.length >= 14) {
        // Version, units and density kept; the thumbnail's size set to 0 and its pixels left out.
        const jfif = payload.slice(0, 14)
        if (payload.length > 14 || jfif[12] !== 0 || jfif[13] !== 0) removed.add('thumbnail')
        jfif[12] = 0
        jfif[13] = 0
        kept.push(concat(Uint8Array.of(0xff, 0xe0), be16(jfif.length + 2), jfif))
      } else removed.add('thumbnail')
      continue
    }
    if (marker === 0xe1) {
      if (startsWith(payload, 0, 'Exif\0')) {
        orientation ??= readOrientation(payload.subarray(6))
        if (!onlyOrientation(payload.subarray(6))) removed.add('exif')
      } else removed.add(startsWith(payload, 0, 'http://ns.adobe.com/') ? 'xmp' : 'other')
      continue
    }
    if (marker === 0xe2 && startsWith(payload, 0, 'ICC_PROFILE\0')) {
      kept.push(segment)
      continue
    }
    if (marker === 0xee && startsWith(payload, 0, 'Adobe')) {
      kept.push(segment)
      continue
    }
    if ((marker >= 0xe2 && marker <= 0xef) || marker === 0xfe) {
      removed.add(marker === 0xed ? 'iptc' : marker === 0xfe ? 'comment' : 'other')
      continue
    }
    kept.push(segment)
  }
  if (!ended || scans === 0) throw new DamagedImage('the picture is cut short')
  if (pos < bytes.length) removed.add('trailer')
  out.push(Uint8Array.of(0xff, 0xd8))
  const turned = orientation !== null && orientation !== 1
  // EXIF's place is right after the start (after JFIF when there is one).
  const exifAfter = kept[0] !== undefined && kept[0][1] === 0xe0 ? 1 : 0
  kept.forEach((k, i) => {
    if (i === exifAfter && turned) out.push(exifSegment(orientation!))
    out.push(k)
  })
  if (kept.length === exifAfter && turned) out.push(exifSegment(orientation!))
  out.push(Uint8Array.of(0xff, 0xd9))
  return { bytes: out.join(), removed: [...removed] as RemovedKind[], orientation: turned ? orientation : null }
}

function exifSegment(orientation: number): Uint8Array {
  const body = concat(fromAscii('Exif\0\0'), orientationTiff(orientation))
  return concat(Uint8Array.of(0xff, 0xe1), be16(body.length + 2), body)
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const p = new Pieces()
  for (const part of parts) p.push(part)
  return p.join()
}
