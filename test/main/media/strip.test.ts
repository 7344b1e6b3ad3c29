import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DamagedImage, stripImageMetadata } from '@main/media/strip'
import { orientationTiff, readOrientation } from '@main/media/exif'
import { pngChunk, tinyPng } from '../../support/images'
import { PHOTOS_DIR, expectedPhotos, havePhotos } from '../../support/photos'

/** The container cleaners on files made here (each kind of thing they remove) and on hostile bytes. */

const ascii = (s: string) => Buffer.from(s, 'latin1')
const be16 = (n: number) => Buffer.from([n >> 8, n & 0xff])
const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), be16(payload.length + 2), payload])

/** A JPEG's structure around a made-up scan: the cleaner never decodes the picture, it copies it. */
function jpeg(...segments: Buffer[]): Buffer {
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]) // a stuffed 0xFF and a restart marker inside the data
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...segments,
    segment(0xdb, Buffer.alloc(65)),
    segment(0xc0, Buffer.alloc(15)),
    segment(0xda, Buffer.alloc(10)),
    scan,
    Buffer.from([0xff, 0xd9])
  ])
}
const exifWith = (tiff: Uint8Array) => segment(0xe1, Buffer.concat([ascii('Exif\0\0'), Buffer.from(tiff)]))

describe('JPEG', () => {
  it('drops EXIF, XMP, IPTC, MPF, comments, JFIF thumbnails and what follows the picture; keeps ICC, Adobe and the picture', () => {
    const jfif = segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 1, 0, 72, 0, 72, 2, 1]), Buffer.alloc(6, 0x77)]))
    const icc = segment(0xe2, Buffer.concat([ascii('ICC_PROFILE\0'), Buffer.from([1, 1]), ascii('profile bytes')]))
    const adobe = segment(0xee, Buffer.concat([ascii('Adobe'), Buffer.from([0, 100, 0, 0, 0, 0, 1])]))
    const input = Buffer.concat([
      jpeg(
        jfif,
        exifWith(Buffer.concat([Buffer.from(orientationTiff(1)), ascii('GPS 37.87 -122.25 Berkeley')])),
        segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Patrik</x:xmpmeta>')),
        segment(0xe2, ascii('MPF\0 second picture')),
        segment(0xed, ascii('Photoshop 3.0\0 8BIM IPTC City')),
        segment(0xfe, ascii('a comment with a name')),
        icc,
        adobe
      ),
      ascii('trailing preview image')
    ])
    const out = stripImageMetadata(input)
    const bytes = Buffer.from(out.bytes)
    for (const gone of ['Berkeley', 'Patrik', 'second picture', 'City', 'a name', 'trailing']) expect(bytes.includes(ascii(gone)), gone).toBe(false)
    expect(bytes.includes(icc)).toBe(true)
    expect(bytes.includes(adobe)).toBe(true)
    expect(bytes.includes(Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]))).toBe(true)
    // JFIF stays, without its 2×1 thumbnail.
    expect(bytes.subarray(2, 20).equals(segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 1, 0, 72, 0, 72, 0, 0])])))).toBe(true)
    expect(out.removed.sort()).toEqual(['comment', 'exif', 'iptc', 'other', 'thumbnail', 'trailer', 'xmp'])
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9])
  })

  it('keeps a turned picture turned: an EXIF block with Orientation alone', () => {
    const tiff = Buffer.concat([Buffer.from(orientationTiff(6)), ascii('SerialNumber 0K8TFBK0020618')])
    const out = stripImageMetadata(jpeg(exifWith(tiff)))
    expect(out.orientation).toBe(6)
    const bytes = Buffer.from(out.bytes)
    expect(bytes.includes(ascii('0K8TFBK'))).toBe(false)
    expect(bytes.subarray(2).indexOf(exifWith(orientationTiff(6)))).toBe(0)
    expect(readOrientation(orientationTiff(6))).toBe(6)
  })
})

describe('PNG', () => {
  it('drops text, time, EXIF and unknown chunks; keeps colour chunks, and an orientation before the data', () => {
    const png = tinyPng(3, 2)
    const iend = png.length - 12
    const ihdrEnd = 8 + 25
    const extra = [
      pngChunk('tEXt', ascii('Author\0Andreas')),
      pngChunk('iTXt', ascii('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS</x:xmpmeta>')),
      pngChunk('tIME', Buffer.from([7, 211, 12, 14, 12, 1, 44])),
      pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      pngChunk('eXIf', Buffer.concat([Buffer.from(orientationTiff(8)), ascii('Canon PowerShot')])),
      pngChunk('caBX', ascii('c2pa manifest with a name'))
    ]
    const input = Buffer.concat([png.subarray(0, ihdrEnd), ...extra, png.subarray(ihdrEnd, iend), pngChunk('tEXt', ascii('late\0text')), png.subarray(iend), ascii('junk')])
    const out = stripImageMetadata(input)
    const bytes = Buffer.from(out.bytes)
    for (const gone of ['Andreas', 'GPS', 'Canon', 'c2pa', 'late', 'junk']) expect(bytes.includes(ascii(gone)), gone).toBe(false)
    expect(bytes.includes(extra[3]!)).toBe(true)
    expect(bytes.includes(pngChunk('eXIf', Buffer.from(orientationTiff(8))))).toBe(true)
    expect(bytes.indexOf(ascii('eXIf'))).toBeLessThan(bytes.indexOf(ascii('IDAT')))
    expect(out.orientation).toBe(8)
  })
})

describe('WebP and GIF', () => {
  const riff = (...chunks: Buffer[]) => {
    const body = Buffer.concat([ascii('WEBP'), ...chunks])
    const size = Buffer.alloc(4)
    size.writeUInt32LE(body.length)
    return Buffer.concat([ascii('RIFF'), size, body])
  }
  const webpChunk = (type: string, data: Buffer) => {
    const size = Buffer.alloc(4)
    size.writeUInt32LE(data.length)
    return Buffer.concat([ascii(type), size, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)])
  }
  it('WebP: EXIF and XMP chunks go, the flags and the RIFF size follow', () => {
    const vp8x = webpChunk('VP8X', Buffer.from([0x2c, 0, 0, 0, 9, 0, 0, 9, 0, 0])) // ICC + EXIF + XMP
    const input = riff(
      vp8x,
      webpChunk('ICCP', ascii('icc')),
      webpChunk('VP8L', Buffer.alloc(21, 1)),
      webpChunk('EXIF', ascii('MM\0*GPS 45.5')),
      webpChunk('XMP ', ascii('<xmp>Milano</xmp>'))
    )
    const out = Buffer.from(stripImageMetadata(input).bytes)
    expect(out.includes(ascii('GPS'))).toBe(false)
    expect(out.includes(ascii('Milano'))).toBe(false)
    expect(out[20]).toBe(0x20) // ICC only
    expect(out.readUInt32LE(4)).toBe(out.length - 8)
    expect(out.includes(webpChunk('ICCP', ascii('icc')))).toBe(true)
  })

  it('GIF: comments and XMP extensions go, the loop extension and frames stay', () => {
    const header = Buffer.concat([ascii('GIF89a'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), Buffer.alloc(6)])
    const loop = Buffer.concat([Buffer.from([0x21, 0xff, 11]), ascii('NETSCAPE2.0'), Buffer.from([3, 1, 0, 0, 0])])
    const xmp = Buffer.concat([Buffer.from([0x21, 0xff, 11]), ascii('XMP DataXMP'), Buffer.from([5]), ascii('Berln'), Buffer.from([0])])
    const comment = Buffer.concat([Buffer.from([0x21, 0xfe, 4]), ascii('Anna'), Buffer.from([0])])
    const frame = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0])
    const out = Buffer.from(stripImageMetadata(Buffer.concat([header, loop, xmp, comment, frame, Buffer.from([0x3b])])).bytes)
    expect(out.equals(Buffer.concat([header, loop, frame, Buffer.from([0x3b])]))).toBe(true)
  })
})

describe('hostile bytes', () => {
  const seeds: Buffer[] = [tinyPng(5, 4), jpeg(exifWith(orientationTiff(3)))]
  if (havePhotos) for (const p of expectedPhotos().slice(0, 6)) seeds.push(readFileSync(join(PHOTOS_DIR, p.file)))
  it('a cut, a flipped byte or a forged length gives DamagedImage or a clean file, never a crash or a hang', () => {
    let random = 7
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31)
    let damaged = 0
    for (const seed of seeds) {
      for (let i = 0; i < 60; i++) {
        const bytes = Buffer.from(seed.subarray(0, i % 3 === 0 ? next() % seed.length : seed.length))
        for (let k = 0; k < 1 + (i % 4); k++) bytes[next() % bytes.length] = next() % 256
        try {
          const out = stripImageMetadata(bytes)
          expect(out.bytes.length).toBeLessThanOrEqual(bytes.length + 64)
        } catch (error) {
          expect(error).toBeInstanceOf(DamagedImage)
          damaged++
        }
      }
    }
    expect(damaged).toBeGreaterThan(0)
  })

  it('a forged iloc pointing outside the file, and a box of absurd size, are refused', () => {
    const sized = (type: string, body: Buffer) => {
      const b = Buffer.concat([Buffer.alloc(4), ascii(type), body])
      b.writeUInt32BE(b.length, 0)
      return b
    }
    const ftyp = sized('ftyp', ascii('avif\0\0\0\0avifmif1'))
    const infe = sized('infe', Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 1, 0, 0]), ascii('Exif'), Buffer.from([0])]))
    const iinf = sized('iinf', Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 1]), infe]))
    const iloc = sized('iloc', Buffer.from([0, 0, 0, 0, 0x44, 0x00, 0, 1, 0, 1, 0, 0, 0, 1, 0x7f, 0, 0, 0, 0, 0, 0, 16]))
    const meta = sized('meta', Buffer.concat([Buffer.alloc(4), iinf, iloc]))
    expect(() => stripImageMetadata(Buffer.concat([ftyp, meta]))).toThrow(DamagedImage)
    const huge = Buffer.concat([ftyp, Buffer.from([0x7f, 0, 0, 0]), ascii('meta')])
    expect(() => stripImageMetadata(huge)).toThrow(DamagedImage)
  })
})
