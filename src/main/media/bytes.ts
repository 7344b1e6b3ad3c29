/** Reading untrusted image bytes: every read is bounds-checked and a bad structure is one error. */

export class DamagedImage extends Error {
  constructor(what: string) {
    super(`damaged image: ${what}`)
    this.name = 'DamagedImage'
  }
}

export function need(bytes: Uint8Array, end: number, what: string): void {
  if (end > bytes.length || end < 0) throw new DamagedImage(what)
}

export const u16be = (b: Uint8Array, at: number) => (need(b, at + 2, 'u16'), (b[at]! << 8) | b[at + 1]!)
export const u32be = (b: Uint8Array, at: number) => (need(b, at + 4, 'u32'), ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!)
export const u32le = (b: Uint8Array, at: number) => (need(b, at + 4, 'u32'), ((b[at + 3]! << 24) >>> 0) + (b[at + 2]! << 16) + (b[at + 1]! << 8) + b[at]!)
export const ascii = (b: Uint8Array, at: number, n: number) => (need(b, at + n, 'text'), String.fromCharCode(...b.subarray(at, at + n)))

export function startsWith(b: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > b.length) return false
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false
  return true
}

/** More separate pieces than any real picture has. */
const MAX_PIECES = 100_000

/**
 * Collects output pieces without copying until the end. A piece that continues the last one
 * in the same buffer extends it, so a file of millions of tiny kept blocks (markers, extensions)
 * costs one view, not one object each.
 */
export class Pieces {
  private readonly parts: Uint8Array[] = []
  private size = 0
  push(part: Uint8Array): void {
    const last = this.parts[this.parts.length - 1]
    if (last !== undefined && last.buffer === part.buffer && last.byteOffset + last.length === part.byteOffset && part.length > 0) {
      this.parts[this.parts.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.length + part.length)
    } else {
      // No picture is made of this many separate pieces (a JPEG has tens, a GIF a few per frame); a file built to be is refused at once.
      if (this.parts.length >= MAX_PIECES) throw new DamagedImage('too many separate pieces')
      this.parts.push(part)
    }
    this.size += part.length
  }
  get length(): number {
    return this.size
  }
  pieces(): readonly Uint8Array[] {
    return this.parts
  }
  join(): Uint8Array {
    const out = new Uint8Array(this.size)
    let at = 0
    for (const p of this.parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  }
}

export function be16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff)
}
export function be32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
}
export function le32(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff)
}
export const fromAscii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))
