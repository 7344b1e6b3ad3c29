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
 *  - JPGn (0xF0–0xFD) and reserved markers, which no decoder of the picture needs, dropped.
 * Kept: the segments that make the picture, the ICC profile (APP2), Adobe's colour transform
 * (APP14) and, when the picture is turned, an EXIF block holding Orientation alone. Kept
 * segments are views into the file, joined where they follow each other.
 */
export function stripJpeg(bytes: Uint8Array): Stripped {
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8)) throw new DamagedImage('no JPEG start')
  const removed = new Set<string>()
  let orientation: number | null = null
  // The JFIF header when it comes first (the EXIF block goes right after it), then the rest kept, as views where they are copied whole.
  let jfifFirst: Uint8Array | null = null
  const kept = new Pieces()
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
      // A view, not a copy: a file of nothing but restart markers must not cost an object per marker.
      kept.push(bytes.subarray(pos - 2, pos))
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
        const rebuilt = concat(Uint8Array.of(0xff, 0xe0), be16(jfif.length + 2), jfif)
        if (kept.length === 0 && jfifFirst === null) jfifFirst = rebuilt
        else kept.push(rebuilt)
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
    if (PICTURE_MARKERS.has(marker)) {
      kept.push(segment)
      continue
    }
    // APPn, comments, JPGn (0xF0–0xFD) and reserved markers: nothing a decoder of baseline or progressive JPEG needs.
    removed.add(marker === 0xed ? 'iptc' : marker === 0xfe ? 'comment' : 'other')
  }
  if (!ended || scans === 0) throw new DamagedImage('the picture is cut short')
  if (pos < bytes.length) removed.add('trailer')
  const turned = orientation !== null && orientation !== 1
  const out = new Pieces()
  out.push(Uint8Array.of(0xff, 0xd8))
  if (jfifFirst !== null) out.push(jfifFirst)
  // EXIF's place is right after the start (after JFIF when there is one).
  if (turned) out.push(exifSegment(orientation!))
  for (const piece of kept.pieces()) out.push(piece)
  out.push(Uint8Array.of(0xff, 0xd9))
  return { bytes: out.join(), removed: [...removed] as RemovedKind[], orientation: turned ? orientation : null }
}

/** The segments that make the picture: frames (SOFn), Huffman and arithmetic tables, quantisation tables, DNL, DRI, DHP, EXP. */
const PICTURE_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xdb, 0xdc, 0xdd, 0xde, 0xdf])

function exifSegment(orientation: number): Uint8Array {
  const body = concat(fromAscii('Exif\0\0'), orientationTiff(orientation))
  return concat(Uint8Array.of(0xff, 0xe1), be16(body.length + 2), body)
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const p = new Pieces()
  for (const part of parts) p.push(part)
  return p.join()
}

/** What one APP2 segment holds of an ICC profile: 65,535 less the length and the `ICC_PROFILE\0`, sequence and count bytes. */
const ICC_CHUNK = 65_519

/**
 * A JPEG with an ICC profile put in (APP2 `ICC_PROFILE` segments, split as the ICC spec says),
 * right after the start and a JFIF header: for a copy encoded from pixels that are in that
 * profile's colours (an iPhone's Display P3), which an encoder given raw pixels cannot tag.
 */
export function attachIccProfile(jpeg: Uint8Array, icc: Uint8Array): Uint8Array {
  if (!(jpeg[0] === 0xff && jpeg[1] === 0xd8)) throw new DamagedImage('no JPEG start')
  const count = Math.ceil(icc.length / ICC_CHUNK)
  if (count === 0 || count > 255) throw new DamagedImage('ICC profile size')
  let at = 2
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + u16be(jpeg, 4)
  const segments: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const chunk = icc.subarray(i * ICC_CHUNK, (i + 1) * ICC_CHUNK)
    segments.push(concat(Uint8Array.of(0xff, 0xe2), be16(chunk.length + 16), fromAscii('ICC_PROFILE\0'), Uint8Array.of(i + 1, count), chunk))
  }
  return concat(jpeg.subarray(0, at), ...segments, jpeg.subarray(at))
}
