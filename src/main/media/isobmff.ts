import { DamagedImage, ascii, fromAscii, need, startsWith, u16be, u32be } from './bytes'
import { emptyTiff } from './exif'
import type { RemovedKind, Stripped } from './strip'

/**
 * HEIF-family files (AVIF, HEIC): the metadata are items of the `meta` box (an `Exif`
 * item; XMP and other `mime` items, whatever parameters their type carries; items of the
 * older `infe` versions with a content type) whose bytes lie where `iloc` says, often at the
 * end of the file. Moving anything would mean rewriting every offset, so the file keeps its
 * layout: each metadata item's bytes are overwritten with an empty EXIF block (or an empty
 * XMP packet) padded with zeros, and thumbnail items (`thmb` in `iref`, which may show the
 * picture before it was cropped) with zeros. Top-level `uuid`/`udta` boxes, and `udta`,
 * `meta` and `uuid` anywhere in an image sequence's `moov`, become `free` boxes of zeros.
 * The coded picture and its properties (the `colr` ICC profile, rotation and mirroring) are
 * untouched. Every count is held to the bytes that carry it.
 */

interface Box {
  type: string
  start: number
  /** Where the box's content starts (after size, type, and a 64-bit size when there is one). */
  body: number
  end: number
}

function boxesIn(bytes: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = []
  let pos = from
  while (pos + 8 <= to) {
    let size = u32be(bytes, pos)
    const type = ascii(bytes, pos + 4, 4)
    let body = pos + 8
    if (size === 1) {
      const high = u32be(bytes, pos + 8)
      if (high !== 0) throw new DamagedImage('box too large')
      size = u32be(bytes, pos + 12)
      body = pos + 16
    } else if (size === 0) size = to - pos
    if (size < body - pos || pos + size > to) throw new DamagedImage(`box ${type}`)
    boxes.push({ type, start: pos, body, end: pos + size })
    pos += size
    if (boxes.length > 10_000) throw new DamagedImage('too many boxes')
  }
  return boxes
}

export function isHeif(bytes: Uint8Array): boolean {
  return startsWith(bytes, 4, 'ftyp')
}

/** The brands that name the file's kind: avif, or heic and its relatives. */
export function heifBrand(bytes: Uint8Array): 'avif' | 'heic' | null {
  if (!isHeif(bytes)) return null
  const size = u32be(bytes, 0)
  if (size < 16 || size > 4096 || size > bytes.length) return null
  // The major brand, then the compatible ones (the minor version between them is not a brand).
  const brands = [ascii(bytes, 8, 4)]
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, 4))
  if (brands.some((b) => b === 'avif' || b === 'avis')) return 'avif'
  if (brands.some((b) => ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(b))) return 'heic'
  return null
}

export function stripHeif(input: Uint8Array): Stripped {
  const bytes = input.slice()
  const top = boxesIn(bytes, 0, bytes.length)
  if (top[0]?.type !== 'ftyp') throw new DamagedImage('no ftyp')
  const removed = new Set<string>()
  const meta = top.find((b) => b.type === 'meta')
  if (meta === undefined) throw new DamagedImage('no meta box')
  for (const box of top) {
    if (box.type === 'uuid' || box.type === 'udta') freeBox(bytes, box, removed)
    // An image sequence (AVIS, HEIF sequences) carries its own user data and metadata inside its tracks.
    if (box.type === 'moov') freeMetadataIn(bytes, box, removed, 0)
  }
  const children = boxesIn(bytes, meta.body + 4, meta.end)
  const iinf = children.find((b) => b.type === 'iinf')
  const iloc = children.find((b) => b.type === 'iloc')
  const idat = children.find((b) => b.type === 'idat')
  const iref = children.find((b) => b.type === 'iref')
  if (iinf === undefined || iloc === undefined) return { bytes, removed: [...removed] as RemovedKind[], orientation: null }
  // Metadata items, and thumbnails (which may show the picture before it was cropped).
  const metadata = [...metadataItems(bytes, iinf), ...(iref === undefined ? [] : thumbnailItems(bytes, iref))]
  const located = locations(bytes, iloc, idat)
  const seen = new Set<string>()
  let cleared = 0
  for (const { id, kind } of metadata) {
    for (const extent of extentsOf(located, id, bytes)) {
      // The same bytes named by many items are cleared once; items that together name more than the file are not a photo.
      const key = `${extent.start}:${extent.end}`
      if (seen.has(key)) continue
      seen.add(key)
      cleared += extent.end - extent.start
      if (cleared > bytes.length) throw new DamagedImage('metadata items overlap')
      const length = extent.end - extent.start
      const fits = kind === 'exif' ? EXIF_ITEM : kind === 'xmp' ? EMPTY_XMP_BYTES : new Uint8Array(0)
      const filler = fits.length <= length ? fits : new Uint8Array(0)
      const pad = kind === 'xmp' && filler.length > 0 ? 0x20 : 0
      // Already cleared (by Qalam, earlier): nothing to say was removed.
      let same = true
      for (let i = 0; i < length && same; i++) same = bytes[extent.start + i] === (i < filler.length ? filler[i] : pad)
      if (same) continue
      bytes.set(filler, extent.start)
      bytes.fill(pad, extent.start + filler.length, extent.end)
      removed.add(kind)
    }
  }
  return { bytes, removed: [...removed] as RemovedKind[], orientation: null }
}

const EMPTY_XMP_BYTES = fromAscii('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')

/** An Exif item: a 4-byte offset to the TIFF header, then an empty TIFF. */
const EXIF_ITEM = (() => {
  const tiff = emptyTiff()
  const out = new Uint8Array(4 + tiff.length)
  out.set(tiff, 4)
  return out
})()

type ItemKind = 'exif' | 'xmp' | 'other' | 'thumbnail'

/** A box turned into a `free` box of zeros (the file keeps its layout). */
function freeBox(bytes: Uint8Array, box: Box, removed: Set<string>): void {
  bytes.set(fromAscii('free'), box.start + 4)
  bytes.fill(0, box.body, box.end)
  removed.add('other')
}

/** Containers of a movie box that can hold user data or metadata further down. */
const MOVIE_CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex'])

function freeMetadataIn(bytes: Uint8Array, container: Box, removed: Set<string>, depth: number): void {
  if (depth > 8) throw new DamagedImage('boxes nested too deep')
  for (const child of boxesIn(bytes, container.body, container.end)) {
    if (child.type === 'udta' || child.type === 'meta' || child.type === 'uuid') freeBox(bytes, child, removed)
    else if (MOVIE_CONTAINERS.has(child.type)) freeMetadataIn(bytes, child, removed, depth + 1)
  }
}

/** Items that say something about the picture rather than draw it: Exif, any `mime` item (XMP among them), items of older `infe` versions with a content type. */
function metadataItems(bytes: Uint8Array, iinf: Box): { id: number; kind: ItemKind }[] {
  const version = bytes[iinf.body]!
  const first = iinf.body + 4 + (version === 0 ? 2 : 4)
  const found: { id: number; kind: ItemKind }[] = []
  const stringEnd = (p: number, end: number) => {
    while (p < end && bytes[p] !== 0) p++
    return p
  }
  const mimeKind = (at: number, end: number): ItemKind => {
    const typeEnd = stringEnd(at, end)
    const content = ascii(bytes, at, Math.max(0, typeEnd - at))
    // «application/rdf+xml; charset=utf-8» is XMP too: the type is what comes before any parameters.
    return content.split(';')[0]!.trim().toLowerCase() === 'application/rdf+xml' ? 'xmp' : 'other'
  }
  for (const infe of boxesIn(bytes, first, iinf.end)) {
    if (infe.type !== 'infe') continue
    const v = bytes[infe.body]!
    if (v < 2) {
      // Versions 0 and 1: item id, protection index, name, content type (and encoding): no item type, so any content type is metadata.
      const id = u16be(bytes, infe.body + 4)
      const nameEnd = stringEnd(infe.body + 8, infe.end)
      if (nameEnd + 1 < infe.end && bytes[nameEnd + 1] !== 0) found.push({ id, kind: mimeKind(nameEnd + 1, infe.end) })
      continue
    }
    let at = infe.body + 4
    const id = v === 2 ? u16be(bytes, at) : u32be(bytes, at)
    at += (v === 2 ? 2 : 4) + 2
    const type = ascii(bytes, at, 4)
    at += 4
    if (type === 'Exif') found.push({ id, kind: 'exif' })
    else if (type === 'mime') found.push({ id, kind: mimeKind(stringEnd(at, infe.end) + 1, infe.end) })
  }
  return found
}

/** Thumbnail items: those an `iref` box says are a `thmb` of another item. */
function thumbnailItems(bytes: Uint8Array, iref: Box): { id: number; kind: ItemKind }[] {
  const wide = bytes[iref.body] === 1
  const found: { id: number; kind: ItemKind }[] = []
  for (const ref of boxesIn(bytes, iref.body + 4, iref.end)) {
    if (ref.type !== 'thmb') continue
    need(bytes, ref.body + (wide ? 4 : 2), 'iref')
    found.push({ id: wide ? u32be(bytes, ref.body) : u16be(bytes, ref.body), kind: 'thumbnail' })
  }
  return found
}

/**
 * Every item's extents from `iloc`, read once. Each count is held to the bytes that are left
 * (a field of size 0 takes none, so 65,535 items of 65,535 empty extents cost nothing to declare).
 */
function locations(bytes: Uint8Array, iloc: Box, idat: Box | undefined): Map<number, { start: number; end: number; method: number }[]> {
  const version = bytes[iloc.body]!
  let at = iloc.body + 4
  need(bytes, Math.min(iloc.end, at + 2), 'iloc')
  if (at + 2 > iloc.end) throw new DamagedImage('iloc')
  const offsetSize = bytes[at]! >> 4
  const lengthSize = bytes[at]! & 0x0f
  const baseSize = bytes[at + 1]! >> 4
  const indexSize = version === 1 || version === 2 ? bytes[at + 1]! & 0x0f : 0
  for (const size of [offsetSize, lengthSize, baseSize, indexSize]) if (size !== 0 && size !== 4 && size !== 8) throw new DamagedImage('iloc field size')
  at += 2
  const read = (size: number) => {
    if (at + size > iloc.end) throw new DamagedImage('iloc entry outside its box')
    const value = size === 0 ? 0 : size === 4 ? u32be(bytes, at) : u32be(bytes, at) !== 0 ? Infinity : u32be(bytes, at + 4)
    at += size
    return value
  }
  const idSize = version < 2 ? 2 : 4
  const readId = () => {
    if (at + idSize > iloc.end) throw new DamagedImage('iloc entry outside its box')
    const value = idSize === 2 ? u16be(bytes, at) : u32be(bytes, at)
    at += idSize
    return value
  }
  const count = readId()
  const itemBytes = idSize + (version === 1 || version === 2 ? 2 : 0) + 2 + baseSize + 2
  if (count * itemBytes > iloc.end - at) throw new DamagedImage('iloc declares more items than it holds')
  const extentBytes = indexSize + offsetSize + lengthSize
  const out = new Map<number, { start: number; end: number; method: number }[]>()
  for (let i = 0; i < count; i++) {
    const id = readId()
    const method = version === 1 || version === 2 ? readU16() & 0x0f : 0
    readU16() // data reference index
    const base = read(baseSize)
    const extents = readU16()
    if (extentBytes === 0 ? extents > 1 : extents * extentBytes > iloc.end - at) throw new DamagedImage('iloc declares more extents than it holds')
    const list = out.get(id) ?? []
    for (let e = 0; e < extents; e++) {
      read(indexSize)
      const offset = read(offsetSize)
      let length = read(lengthSize)
      let start: number
      if (method === 0) start = base + offset
      else if (method === 1 && idat !== undefined) start = idat.body + base + offset
      else {
        list.push({ start: -1, end: -1, method })
        continue
      }
      if (length === 0) length = (method === 1 && idat !== undefined ? idat.end : bytes.length) - start
      list.push({ start, end: start + length, method })
    }
    out.set(id, list)
  }
  return out

  function readU16(): number {
    if (at + 2 > iloc.end) throw new DamagedImage('iloc entry outside its box')
    const value = u16be(bytes, at)
    at += 2
    return value
  }
}

/** Where an item's bytes lie, checked to be inside the file. */
function extentsOf(located: ReturnType<typeof locations>, wanted: number, bytes: Uint8Array): { start: number; end: number }[] {
  return (located.get(wanted) ?? []).map((e) => {
    if (e.start < 0) throw new DamagedImage('metadata item stored in a way Qalam cannot clear')
    if (!(e.start >= 0 && e.end <= bytes.length && e.end >= e.start)) throw new DamagedImage('metadata item outside the file')
    return e
  })
}

/**
 * The ICC profile a HEIF picture is to be shown in (a `colr` property of type `prof` or
 * `rICC`, as iPhones write Display P3), for a copy made from its decoded pixels; null when it
 * has none (an `nclx` colour description only) or the file holds none we can find.
 */
export function heifIccProfile(bytes: Uint8Array): Uint8Array | null {
  const top = boxesIn(bytes, 0, bytes.length)
  const meta = top.find((b) => b.type === 'meta')
  if (meta === undefined) return null
  const iprp = boxesIn(bytes, meta.body + 4, meta.end).find((b) => b.type === 'iprp')
  const ipco = iprp === undefined ? undefined : boxesIn(bytes, iprp.body, iprp.end).find((b) => b.type === 'ipco')
  if (ipco === undefined) return null
  for (const colr of boxesIn(bytes, ipco.body, ipco.end)) {
    if (colr.type !== 'colr' || colr.end - colr.body < 4 + 128) continue
    const kind = ascii(bytes, colr.body, 4)
    if (kind === 'prof' || kind === 'rICC') return bytes.slice(colr.body + 4, colr.end)
  }
  return null
}
