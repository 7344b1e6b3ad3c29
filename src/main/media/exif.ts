import { need } from './bytes'

/**
 * The one EXIF tag Qalam keeps: Orientation (it says how to turn the picture and
 * nothing about who took it or where). Read from a TIFF structure, and written as a
 * TIFF holding that tag alone.
 */

/** The Orientation (1–8) in IFD0 of a TIFF structure, or null when absent or unreadable. */
export function readOrientation(tiff: Uint8Array): number | null {
  try {
    need(tiff, 8, 'tiff header')
    const little = tiff[0] === 0x49 && tiff[1] === 0x49
    if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null
    const u16 = (at: number) => (need(tiff, at + 2, 'tiff'), little ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!)
    const u32 = (at: number) => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2))
    if (u16(2) !== 42) return null
    const ifd = u32(4)
    const count = u16(ifd)
    for (let i = 0; i < Math.min(count, 1000); i++) {
      const entry = ifd + 2 + i * 12
      if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
        const value = u16(entry + 8)
        return value >= 1 && value <= 8 ? value : null
      }
    }
    return null
  } catch {
    return null
  }
}

/** A big-endian TIFF with IFD0 holding only Orientation (26 bytes). */
export function orientationTiff(orientation: number): Uint8Array {
  return Uint8Array.of(
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08,
    0x00,
    0x01,
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation & 0xff,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00
  )
}

/** A TIFF with an empty IFD0 (14 bytes): where an EXIF block must stay but say nothing. */
export function emptyTiff(): Uint8Array {
  return Uint8Array.of(0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00)
}

/** Whether a TIFF structure says nothing but an orientation (what Qalam itself writes). */
export function onlyOrientation(tiff: Uint8Array): boolean {
  const orientation = readOrientation(tiff)
  const ours = orientation === null ? emptyTiff() : orientationTiff(orientation)
  return tiff.length === ours.length && ours.every((b, i) => tiff[i] === b)
}
