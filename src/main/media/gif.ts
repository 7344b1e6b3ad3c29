import { DamagedImage, Pieces, need, startsWith } from './bytes'
import type { RemovedKind, Stripped } from './strip'

/** Application extensions that change how a GIF plays (looping); other ones (XMP, …) and comments are left out. */
const PLAYBACK = ['NETSCAPE2.0', 'ANIMEXTS1.0']

/** GIF without comments, plain-text and metadata extensions: the frames are copied as they are. */
export function stripGif(bytes: Uint8Array): Stripped {
  if (!(startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a'))) throw new DamagedImage('no GIF header')
  need(bytes, 13, 'screen descriptor')
  const out = new Pieces()
  const removed = new Set<string>()
  const table = (flags: number) => (flags & 0x80 ? 3 * (1 << ((flags & 0x07) + 1)) : 0)
  let pos = 13 + table(bytes[10]!)
  need(bytes, pos, 'colour table')
  out.push(bytes.subarray(0, pos))
  /** Sub-blocks up to their terminator: returns the position after it. */
  const blocks = (at: number) => {
    let p = at
    for (;;) {
      need(bytes, p + 1, 'sub-block')
      const n = bytes[p]!
      p += 1 + n
      if (n === 0) return p
    }
  }
  let ended = false
  let frames = 0
  while (pos < bytes.length) {
    const kind = bytes[pos]!
    if (kind === 0x3b) {
      ended = true
      out.push(Uint8Array.of(0x3b))
      pos++
      break
    }
    if (kind === 0x2c) {
      need(bytes, pos + 10, 'image descriptor')
      const start = pos
      pos += 10 + table(bytes[pos + 9]!) + 1 // descriptor, local table, LZW code size
      pos = blocks(pos)
      out.push(bytes.subarray(start, pos))
      frames++
      continue
    }
    if (kind !== 0x21) throw new DamagedImage('unknown GIF block')
    need(bytes, pos + 2, 'extension')
    const label = bytes[pos + 1]!
    const start = pos
    pos = blocks(pos + 2)
    const keep = label === 0xf9 || (label === 0xff && PLAYBACK.some((id) => startsWith(bytes, start + 3, id)))
    if (keep) out.push(bytes.subarray(start, pos))
    else removed.add(label === 0xfe ? 'comment' : label === 0xff ? 'xmp' : 'other')
  }
  if (!ended || frames === 0) throw new DamagedImage('the picture is cut short')
  if (pos < bytes.length) removed.add('trailer')
  return { bytes: out.join(), removed: [...removed] as RemovedKind[], orientation: null }
}
