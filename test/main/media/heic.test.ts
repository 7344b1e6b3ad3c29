import { createRequire } from 'node:module'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'
import { convertHeic } from '@main/media/heic'
import { heifIccProfile } from '@main/media/isobmff'
import { DEFAULT_WEB_SIZE, sizedForWeb } from '@main/media/resize'
import { tempDir } from '../../support/temp'
import { servicesIn } from '../../support/fixtures'
import { PHOTOS_DIR, encodings, expectedPhotos, exiftoolTags, haveExiftool, havePhotos, identifyingTags } from '../../support/photos'

/**
 * iPhone photos (HEIC) taken in: made into a JPEG the desk can show and send, with the photo's
 * own colours and none of its metadata. The iPhone 7 and iPhone 11 Pro originals of
 * ../shared/fixtures/photos, read back with readers nobody here wrote (exifr, ExifTool, libvips),
 * and their pixels compared with libheif's own decoding of the original.
 */

const heics = expectedPhotos().filter((p) => p.format === 'heic')

let tmp: ReturnType<typeof tempDir>
let services: Services
beforeAll(() => {
  tmp = tempDir()
  services = servicesIn(tmp.dir)
})
afterAll(() => {
  services.close()
  tmp.remove()
})

/** libheif's own decoding of the original (RGBA), as a reference the JPEG is held to. */
async function reference(bytes: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const require_ = createRequire(__filename)
  const wasmBinary = readFileSync(require_.resolve('libheif-js/libheif-wasm/libheif.wasm'))
  const libheif = require_('libheif-js/libheif-wasm/libheif.js')({ wasmBinary })
  const image = new libheif.HeifDecoder().decode(bytes)[0]
  const width: number = image.get_width()
  const height: number = image.get_height()
  const data = new Uint8ClampedArray(width * height * 4)
  await new Promise((resolve) => image.display({ data, width, height }, resolve))
  return { width, height, data }
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work
  } catch (error) {
    return error as AppError
  }
  throw new Error('not refused')
}

describe.skipIf(!havePhotos)('iPhone photos (HEIC)', () => {
  it.each(heics.map((p) => [p.file, p] as const))(
    '%s becomes a JPEG of the same picture, in its colour profile, with nothing identifying',
    async (file, photo) => {
      const original = readFileSync(join(PHOTOS_DIR, file))
      const item = await services.media.importPhotoFile(join(PHOTOS_DIR, file))
      expect(item.mime).toBe('image/jpeg')
      expect(item.id).toMatch(/\.jpg$/)
      expect(item.originalName).toBe(file)
      expect(item.removed).toContain('exif')
      const bytes = services.media.read(item.id)!
      const meta = await sharp(bytes).metadata()
      expect(meta.format).toBe('jpeg')
      // The same picture: libheif's decoding of the original (its rotation applied) against libvips's of the JPEG.
      const ref = await reference(original)
      expect([meta.width, meta.height]).toEqual([ref.width, ref.height])
      expect(Math.max(ref.width, ref.height)).toBe(4032)
      // Read as stored, not turned into sRGB: the pixels are the photo's own (Display P3) values.
      const decoded = await sharp(bytes, { ignoreIcc: true }).raw().toBuffer()
      let squared = 0
      for (let p = 0, q = 0; p < ref.data.length; p += 4, q += 3) for (let c = 0; c < 3; c++) squared += (ref.data[p + c]! - decoded[q + c]!) ** 2
      const psnr = 10 * Math.log10(255 ** 2 / (squared / ((ref.data.length / 4) * 3)))
      expect(psnr).toBeGreaterThan(42)
      // Its colours: the HEIC's Display P3 profile, byte for byte.
      const icc = heifIccProfile(original)
      expect(icc).not.toBeNull()
      expect(Buffer.from(meta.icc!).equals(Buffer.from(icc!))).toBe(true)
      // Nothing of the EXIF, XMP, GPS or MakerNote, for exifr and in the bytes.
      expect(await exifr.gps(original).catch(() => undefined)).toBeDefined()
      expect(await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: false, makerNote: true, mergeOutput: true })).toBeUndefined()
      for (const text of [...photo.asciiMustNotSurvive, ...photo.serials, ...photo.locationText])
        for (const form of encodings(text)) expect(bytes.includes(form), `${text} survived`).toBe(false)
      if (haveExiftool) {
        const path = join(tmp.dir, `served-${item.id}`)
        writeFileSync(path, bytes)
        expect(identifyingTags(exiftoolTags(join(PHOTOS_DIR, file))).length).toBeGreaterThan(0)
        expect(identifyingTags(exiftoolTags(path))).toEqual([])
      }
      // Sized for the web from the JPEG like any photo: the longest side 2,048.
      const sized = await sizedForWeb(bytes, item.mime, DEFAULT_WEB_SIZE)
      expect(Math.max(sized.width, sized.height)).toBe(2048)
      expect(sized.bytes.length).toBeLessThan(original.length)
    },
    60_000
  )

  it('the same photo added twice is one image', async () => {
    const file = join(PHOTOS_DIR, heics[0]!.file)
    const first = await services.media.importPhotoFile(file)
    const second = await services.media.importPasted('IMG_0042.HEIC', readFileSync(file).toString('base64'))
    expect(second.id).toBe(first.id)
  }, 60_000)

  it('a cut, a forged or an oversized HEIC is refused in words, and nothing is stored', async () => {
    const original = readFileSync(join(PHOTOS_DIR, heics[0]!.file))
    const stored = () => readdirSync(services.media.dir).length
    const before = stored()
    // Cut in the middle of its picture.
    const cut = await refusal(services.media.importPasted('cut.heic', original.subarray(0, original.length / 2).toString('base64')))
    expect(cut.reason).toBe('damaged-image')
    // A HEIC's header on bytes that are no picture.
    const forged = Buffer.concat([original.subarray(0, 32), Buffer.alloc(4096, 0x41)])
    expect((await refusal(services.media.importPasted('forged.heic', forged.toString('base64')))).reason).toBe('damaged-image')
    // Every size property saying 20,000 × 20,000 (400 megapixels): refused before anything is decoded.
    const bomb = Buffer.from(original)
    for (let at = bomb.indexOf('ispe'); at >= 0; at = bomb.indexOf('ispe', at + 4)) {
      bomb.writeUInt32BE(20_000, at + 8)
      bomb.writeUInt32BE(20_000, at + 12)
    }
    expect((await refusal(services.media.importPasted('bomb.heic', bomb.toString('base64')))).reason).toBe('image-too-large')
    expect(stored()).toBe(before)
  }, 60_000)

  it('a photo that outlasts its deadline is refused, and its worker is ended', async () => {
    const original = readFileSync(join(PHOTOS_DIR, heics[0]!.file))
    const error = await refusal(convertHeic(original, 'slow.heic', { deadlineMs: 50 }))
    expect(error.reason).toBe('damaged-image')
    expect(error.message).toMatch(/too long/)
    // The next photo converts as usual.
    expect((await convertHeic(original, 'next.heic')).jpeg.length).toBeGreaterThan(100_000)
  }, 60_000)
})
