/**
 * Property tests (fast-check) over every container the cleaner reads: real camera photos and
 * small made ones, with bytes changed, runs of bytes repeated and the file cut short, as a
 * hostile sender would make them. Whatever comes in, the cleaner answers quickly with a cleaned
 * image or a refusal of a damaged one, never another error; what it gives back is no bigger
 * than what came in (but for the orientation it may add), and cleaning it again changes nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DamagedImage, stripImageMetadata } from '@main/media/strip'
import { cleanImage } from '@main/media/clean'
import { AppError } from '@main/errors'
import { tinyPng } from '../support/images'
import { PHOTOS_DIR } from '../support/photos'

const photo = (name: string): Buffer | null => (existsSync(join(PHOTOS_DIR, name)) ? readFileSync(join(PHOTOS_DIR, name)) : null)
if (!existsSync(PHOTOS_DIR)) console.warn(`[image-fuzz] ${PHOTOS_DIR} is absent: fuzzing the made images only`)

const gif = Buffer.concat([
  Buffer.from('GIF89a', 'latin1'),
  Buffer.from([2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]),
  Buffer.from([0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00]),
  Buffer.from([0x21, 0xfe, 0x03, 0x61, 0x62, 0x63, 0x00]),
  Buffer.from([0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00]),
  Buffer.from([0x3b])
])

const seeds: Record<string, Buffer[]> = {
  png: [tinyPng(), photo('png-exif-gps-text-xmp-1x1.png')].filter((b): b is Buffer => b !== null),
  jpeg: [photo('jpeg-dji-hasselblad-l1d20c-gps-serial-bigthumb.jpg'), photo('jpeg-nikon-d2x-gps-iptc-location-text.jpg')].filter((b): b is Buffer => b !== null),
  gif: [gif],
  webp: [photo('webp-htc-desire-gps-icc.webp')].filter((b): b is Buffer => b !== null),
  heif: [photo('heic-apple-iphone11pro-gps-exif-at-eof.heic')].filter((b): b is Buffer => b !== null)
}

/** A hostile variant of `seed`: bytes set (mostly in the headers, where the structure is), a run repeated, the file cut. */
const variant = (seed: Buffer) =>
  fc
    .record({
      edits: fc.array(
        fc.tuple(fc.oneof(fc.nat({ max: Math.min(seed.length - 1, 4096) }), fc.nat({ max: seed.length - 1 })), fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0xfe, 0xd0, 0xda, 0x21)),
        { maxLength: 12 }
      ),
      repeat: fc.option(fc.tuple(fc.nat({ max: seed.length - 1 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 2, max: 2000 }))),
      cut: fc.option(fc.nat({ max: seed.length }))
    })
    .map(({ edits, repeat, cut }) => {
      let bytes = Buffer.from(seed)
      for (const [at, value] of edits) bytes[at] = value
      if (repeat !== null) {
        const [at, length, times] = repeat
        const run = bytes.subarray(at, Math.min(bytes.length, at + length))
        bytes = Buffer.concat([bytes.subarray(0, at), ...new Array<Buffer>(times).fill(run), bytes.subarray(at)])
      }
      return cut === null ? bytes : bytes.subarray(0, Math.max(1, cut))
    })

describe('the image cleaner under fuzzing', () => {
  for (const [container, list] of Object.entries(seeds)) {
    it(`${container}: a cleaned image or a refusal, quickly; the result no bigger and stable when cleaned again`, () => {
      expect(list.length, `${container} has a seed`).toBeGreaterThan(0)
      for (const seed of list) {
        fc.assert(
          fc.property(variant(seed), (bytes) => {
            const t0 = performance.now()
            let cleaned: Uint8Array
            try {
              cleaned = stripImageMetadata(bytes).bytes
            } catch (error) {
              if (!(error instanceof DamagedImage)) throw error
              return
            } finally {
              expect(performance.now() - t0).toBeLessThan(1000)
            }
            expect(cleaned.length).toBeLessThanOrEqual(bytes.length + 64)
            expect(Buffer.from(stripImageMetadata(cleaned).bytes).equals(Buffer.from(cleaned))).toBe(true)
          }),
          { numRuns: container === 'heif' ? 150 : 250, seed: 20261207 }
        )
      }
    })
  }

  it('heif: item locations made up field by field (sizes, counts, extents) are read in bounded time', () => {
    const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff])
    const box = (type: string, ...body: Buffer[]) => {
      const b = Buffer.concat([Buffer.alloc(4), Buffer.from(type, 'latin1'), ...body])
      b.writeUInt32BE(b.length, 0)
      return b
    }
    const ftyp = box('ftyp', Buffer.from('avif\0\0\0\0avifmif1', 'latin1'))
    const fieldSize = () => fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.constantFrom(2, 3, 4, 8), weight: 1 })
    const iloc = fc
      .record({
        version: fc.constantFrom(0, 1, 2),
        // Zero-width fields, the hostile case, weighted up.
        sizes: fc.tuple(fieldSize(), fieldSize(), fieldSize(), fieldSize()),
        count: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(0xffff)),
        items: fc.array(
          fc.record({ id: fc.integer({ min: 1, max: 40 }), extents: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(0xffff)), tail: fc.uint8Array({ maxLength: 24 }) }),
          {
            maxLength: 200
          }
        ),
        exifItems: fc.integer({ min: 0, max: 200 })
      })
      .map(({ version, sizes, count, items, exifItems }) => {
        const [offset, length, base, index] = sizes
        const head = Buffer.from([version, 0, 0, 0, (offset << 4) | length, (base << 4) | index])
        const idField = (n: number) => (version < 2 ? u16(n) : Buffer.from([0, 0, (n >> 8) & 0xff, n & 0xff]))
        const body = items.map((it) => Buffer.concat([idField(it.id), version > 0 ? u16(0) : Buffer.alloc(0), u16(0), Buffer.alloc(base), u16(it.extents), Buffer.from(it.tail)]))
        const infes = Array.from({ length: exifItems }, (_, i) => box('infe', Buffer.from([2, 0, 0, 0]), u16(i + 1), u16(0), Buffer.from('Exif\0', 'latin1')))
        const iinf = box('iinf', Buffer.from([0, 0, 0, 0]), u16(infes.length), ...infes)
        return Buffer.concat([ftyp, box('meta', Buffer.alloc(4), iinf, box('iloc', head, idField(count), ...body)), Buffer.alloc(512)])
      })
    fc.assert(
      fc.property(iloc, (bytes) => {
        const t0 = performance.now()
        try {
          stripImageMetadata(bytes)
        } catch (error) {
          if (!(error instanceof DamagedImage)) throw error
        }
        expect(performance.now() - t0).toBeLessThan(500)
      }),
      { numRuns: 300, seed: 20261207 }
    )
  })

  it('through the cleaner’s own thread: the same variants get an image or a refusal in words', () => {
    const all = Object.values(seeds).flat()
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: all.length - 1 }).chain((i) => variant(all[i]!)),
        (bytes) => {
          try {
            cleanImage(bytes, 'fuzzed')
          } catch (error) {
            expect(error).toBeInstanceOf(AppError)
            expect(['damaged-image', 'not-image', 'heic-image']).toContain((error as AppError).reason)
          }
        }
      ),
      { numRuns: 60, seed: 20261207 }
    )
  })
})
