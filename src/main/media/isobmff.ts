import { DamagedImage, ascii, fromAscii, need, startsWith, u16be, u32be } from './bytes'
import { emptyTiff } from './exif'
import type { RemovedKind, Stripped } from './strip'

/**
 * HEIF-family files (AVIF, HEIC): the metadata are items of the `meta` box (an `Exif`
 * item; XMP as a `mime` item of type application/rdf+xml) whose bytes lie where `iloc`
 * says, often at the end of the file. Moving anything would mean rewriting every
 * offset, so the file keeps its layout: each metadata item's bytes are overwritten
 * with an empty EXIF block (or an empty XMP packet) padded with zeros, and top-level
 * `uuid`/`udta` boxes become `free` boxes of zeros. The coded picture, its properties
 * (the `colr` ICC profile, rotation and mirroring) and the HEIF thumbnail items, which
 * show the same picture, are untouched.
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
    if (box.type === 'uuid' || box.type === 'udta') {
      bytes.set(fromAscii('free'), box.start + 4)
      bytes.fill(0, box.body, box.end)
      removed.add('other')
    }
  }
  const children = boxesIn(bytes, meta.body + 4, meta.end)
  const iinf = children.find((b) => b.type === 'iinf')
  const iloc = children.find((b) => b.type === 'iloc')
  const idat = children.find((b) => b.type === 'idat')
  if (iinf === undefined || iloc === undefined) return { bytes, removed: [...removed] as RemovedKind[], orientation: null }
  const metadata = metadataItems(bytes, iinf)
  for (const { id, kind } of metadata) {
    for (const extent of extentsOf(bytes, iloc, id, idat)) {
      const cleared = new Uint8Array(extent.end - extent.start)
      const filler = kind === 'exif' ? exifItem() : fromAscii(EMPTY_XMP)
      if (filler.length <= cleared.length) {
        cleared.set(filler)
        if (kind === 'xmp') cleared.fill(0x20, filler.length)
      }
      // Already cleared (by Qalam, earlier): nothing to say was removed.
      if (cleared.every((b, i) => bytes[extent.start + i] === b)) continue
      bytes.set(cleared, extent.start)
      removed.add(kind)
    }
  }
  return { bytes, removed: [...removed] as RemovedKind[], orientation: null }
}

const EMPTY_XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>'

/** An Exif item: a 4-byte offset to the TIFF header, then an empty TIFF. */
function exifItem(): Uint8Array {
  const tiff = emptyTiff()
  const out = new Uint8Array(4 + tiff.length)
  out.set(tiff, 4)
  return out
}

function metadataItems(bytes: Uint8Array, iinf: Box): { id: number; kind: 'exif' | 'xmp' }[] {
  const version = bytes[iinf.body]!
  const first = iinf.body + 4 + (version === 0 ? 2 : 4)
  const found: { id: number; kind: 'exif' | 'xmp' }[] = []
  for (const infe of boxesIn(bytes, first, iinf.end)) {
    if (infe.type !== 'infe') continue
    const v = bytes[infe.body]!
    if (v < 2) continue
    let at = infe.body + 4
    const id = v === 2 ? u16be(bytes, at) : u32be(bytes, at)
    at += (v === 2 ? 2 : 4) + 2
    const type = ascii(bytes, at, 4)
    at += 4
    const skipString = (p: number) => {
      while (p < infe.end && bytes[p] !== 0) p++
      return p + 1
    }
    if (type === 'Exif') found.push({ id, kind: 'exif' })
    else if (type === 'mime') {
      const contentAt = skipString(at)
      const contentEnd = skipString(contentAt) - 1
      const content = ascii(bytes, contentAt, Math.max(0, contentEnd - contentAt))
      if (content.trim().toLowerCase() === 'application/rdf+xml') found.push({ id, kind: 'xmp' })
    }
  }
  return found
}

function extentsOf(bytes: Uint8Array, iloc: Box, wanted: number, idat: Box | undefined): { start: number; end: number }[] {
  const version = bytes[iloc.body]!
  let at = iloc.body + 4
  need(bytes, at + 2, 'iloc')
  const offsetSize = bytes[at]! >> 4
  const lengthSize = bytes[at]! & 0x0f
  const baseSize = bytes[at + 1]! >> 4
  const indexSize = version === 1 || version === 2 ? bytes[at + 1]! & 0x0f : 0
  at += 2
  const read = (size: number) => {
    const value = size === 0 ? 0 : size === 4 ? u32be(bytes, at) : size === 8 ? (u32be(bytes, at) !== 0 ? Infinity : u32be(bytes, at + 4)) : size === 2 ? u16be(bytes, at) : NaN
    if (Number.isNaN(value)) throw new DamagedImage('iloc field size')
    at += size
    return value
  }
  const count = version < 2 ? read(2) : read(4)
  const out: { start: number; end: number }[] = []
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? read(2) : read(4)
    const method = version === 1 || version === 2 ? read(2) & 0x0f : 0
    read(2) // data reference index
    const base = read(baseSize)
    const extents = read(2)
    for (let e = 0; e < extents; e++) {
      read(indexSize)
      const offset = read(offsetSize)
      let length = read(lengthSize)
      if (id !== wanted) continue
      let start: number
      if (method === 0) start = base + offset
      else if (method === 1 && idat !== undefined) start = idat.body + base + offset
      else throw new DamagedImage('metadata item stored in a way Qalam cannot clear')
      if (length === 0) length = (method === 1 && idat !== undefined ? idat.end : bytes.length) - start
      if (!(start >= 0 && start + length <= bytes.length)) throw new DamagedImage('metadata item outside the file')
      out.push({ start, end: start + length })
    }
  }
  return out
}
