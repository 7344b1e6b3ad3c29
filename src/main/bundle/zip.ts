import { Inflate } from 'fflate'

/**
 * Reading a zip that came from outside (a `.qalam` bundle through a messenger) with
 * every size bounded before anything is inflated: the central directory is read first
 * and checked (how many entries, their declared sizes, names given twice, entries whose
 * data overlap), then each entry is inflated with a running count that stops at the size
 * it declared. A zip bomb is refused from its directory, or at the first byte too many.
 */

export type ZipProblem = 'not-a-bundle' | 'too-large' | 'tampered' | 'truncated'

export class ZipRefused extends Error {
  constructor(
    readonly problem: ZipProblem,
    detail: string
  ) {
    super(detail)
    this.name = 'ZipRefused'
  }
}

export interface ZipLimits {
  /** Entries at most (directories included). */
  entries: number
  /** Declared uncompressed size of one entry, at most. */
  fileBytes: number
  /** Declared uncompressed size of all entries together, at most. */
  totalBytes: number
}

interface Entry {
  name: string
  method: number
  compressed: number
  size: number
  dataStart: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The entries a zip's central directory lists, checked against the limits; nothing is inflated. */
function directory(bytes: Uint8Array, limits: ZipLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number) => view.getUint16(at, true)
  const u32 = (at: number) => view.getUint32(at, true)
  if (bytes.length < 22 || u32(0) !== LOCAL) throw new ZipRefused('not-a-bundle', 'not a zip file')
  // The end record is in the last 22 bytes plus at most a 64 KiB comment.
  let eocd = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0) throw new ZipRefused('truncated', 'the zip has no directory (cut short?)')
  const count = u16(eocd + 10)
  const cdSize = u32(eocd + 12)
  const cdOffset = u32(eocd + 16)
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) throw new ZipRefused('tampered', 'a zip split over several disks')
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRefused('too-large', 'a zip64 archive (larger than any bundle)')
  if (count > limits.entries) throw new ZipRefused('too-large', `${count} entries; a bundle has at most ${limits.entries}`)
  if (cdOffset + cdSize > eocd) throw new ZipRefused('truncated', 'the zip directory lies outside the file')

  const entries: Entry[] = []
  const names = new Set<string>()
  let total = 0
  let at = cdOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(at) !== CENTRAL) throw new ZipRefused('truncated', 'the zip directory is damaged')
    const flags = u16(at + 8)
    const method = u16(at + 10)
    const compressed = u32(at + 20)
    const size = u32(at + 24)
    const nameLength = u16(at + 28)
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32)
    const localOffset = u32(at + 42)
    if (next > eocd) throw new ZipRefused('truncated', 'the zip directory is damaged')
    const name = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(at + 46, at + 46 + nameLength))
    at = next
    if ((flags & 0x1) !== 0) throw new ZipRefused('tampered', `${name} is encrypted`)
    if (method !== 0 && method !== 8) throw new ZipRefused('tampered', `${name} uses a compression Qalam does not write`)
    if (names.has(name)) throw new ZipRefused('tampered', `${name} is in the zip twice`)
    names.add(name)
    if (size > limits.fileBytes) throw new ZipRefused('too-large', `${name} declares ${size} bytes`)
    total += size
    if (total > limits.totalBytes) throw new ZipRefused('too-large', `the files declare more than ${limits.totalBytes} bytes together`)
    if (method === 0 && compressed !== size) throw new ZipRefused('tampered', `${name}: stored sizes differ`)
    if (localOffset + 30 > cdOffset || u32(localOffset) !== LOCAL) throw new ZipRefused('tampered', `${name} points outside the zip's data`)
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
    if (dataStart + compressed > cdOffset) throw new ZipRefused('truncated', `${name} runs past the zip's data`)
    entries.push({ name, method, compressed, size, dataStart })
  }
  // Each entry's data is its own: two entries sharing bytes (a classic zip bomb) are refused.
  const sorted = [...entries].sort((a, b) => a.dataStart - b.dataStart)
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!
    if (sorted[i]!.dataStart < prev.dataStart + Math.max(prev.compressed, 1)) throw new ZipRefused('tampered', `${sorted[i]!.name} shares its data with ${prev.name}`)
  }
  return entries
}

/** Inflates one entry, never producing more than it declared. */
function inflateEntry(bytes: Uint8Array, entry: Entry): Uint8Array {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressed)
  if (entry.method === 0) return data.slice()
  const out = new Uint8Array(entry.size)
  let written = 0
  let overflow = false
  const inflater = new Inflate((chunk) => {
    if (overflow || written + chunk.length > entry.size) {
      overflow = true
      return
    }
    out.set(chunk, written)
    written += chunk.length
  })
  try {
    // Small steps: one step of zeros inflates at most about a thousandfold (1 KiB → 1 MiB) before the
    // count stops it, and each step's output is garbage at once (16 KiB steps grew the heap by 50 MB on Node 24).
    const step = 1024
    for (let at = 0; at < data.length && !overflow; at += step) inflater.push(data.subarray(at, Math.min(data.length, at + step)), at + step >= data.length)
  } catch (error) {
    throw new ZipRefused('truncated', `${entry.name} is damaged (${(error as Error).message})`)
  }
  if (overflow) throw new ZipRefused('tampered', `${entry.name} inflates to more than the ${entry.size} bytes it declares`)
  if (written !== entry.size) throw new ZipRefused('truncated', `${entry.name} inflates to ${written} of the ${entry.size} bytes it declares`)
  return out
}

/** Every file in the zip (directories left out), within the limits; refused whole at the first fault. */
export function readZip(bytes: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  for (const entry of directory(bytes, limits)) if (!entry.name.endsWith('/')) files.set(entry.name, inflateEntry(bytes, entry))
  return files
}
