import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import exifr from 'exifr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { stripImageMetadata } from '@main/media/strip'
import { AppError } from '@main/errors'
import { tempDir } from '../../support/temp'
import { servicesIn } from '../../support/fixtures'
import { PHOTOS_DIR, encodings, expectedPhotos, exiftoolIcc, exiftoolTags, haveExiftool, havePhotos, identifyingTags } from '../../support/photos'

/**
 * Real phone, camera and drone photos (../shared/fixtures/photos) through the path the app
 * uses to take an image in; what is stored is read back with readers nobody here wrote
 * (exifr, and ExifTool from Debian). The pixels are compared in Chromium (test/e2e/photo-pixels.test.ts).
 */

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

const photos = expectedPhotos()
const showable = photos.filter((p) => p.format !== 'heic')
const heic = photos.filter((p) => p.format === 'heic')

/** The file as Qalam stored it, with what the import said it removed. */
function stored(file: string) {
  const item = services.media.importFile(join(PHOTOS_DIR, file))
  // Sealed at rest: the readers below get the picture as Qalam serves and uploads it.
  const bytes = services.media.read(item.id)!
  const path = join(tmp.dir, `served-${item.id}`)
  writeFileSync(path, bytes)
  return { item, path, bytes }
}

describe.skipIf(!havePhotos)('real photos taken in', () => {
  it.each(showable.map((p) => [p.file, p] as const))('%s keeps no location, camera, owner, time or thumbnail', async (_file, photo) => {
    const original = readFileSync(join(PHOTOS_DIR, photo.file))
    const { item, bytes } = stored(photo.file)
    expect(item.removed.length).toBeGreaterThan(0)
    // The id is the cleaned content's: the original's bytes are nowhere in the store.
    expect(item.id.slice(0, 32)).toBe(createHash('sha256').update(bytes).digest('hex').slice(0, 32))
    expect(bytes.equals(original)).toBe(false)
    // exifr (an independent parser; it reads JPEG, PNG and HEIF, not WebP, which ExifTool checks below): nothing from GPS, EXIF, XMP, IPTC; no thumbnail.
    if (photo.format !== 'webp') {
      const all = (await exifr.parse(bytes, {
        tiff: true,
        exif: true,
        gps: true,
        ifd1: true,
        interop: true,
        xmp: true,
        iptc: true,
        icc: false,
        ihdr: false,
        makerNote: true,
        userComment: true,
        mergeOutput: true
      })) as Record<string, unknown> | undefined
      expect(Object.keys(all ?? {}).filter((k) => k !== 'Orientation')).toEqual([])
      expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined()
      expect(await exifr.thumbnail(bytes)).toBeUndefined()
      expect((await exifr.orientation(bytes)) ?? 1).toBe(photo.exifOrientation ?? 1)
    }
    // The strings the fixtures name, as ASCII and as UTF-16 (Windows XP* tags), are gone.
    for (const text of [...photo.asciiMustNotSurvive, ...photo.serials, ...photo.locationText])
      for (const form of encodings(text)) expect(bytes.includes(form), `${text} survived`).toBe(false)
    // The orientation is the one thing kept (it says how to turn the picture, not who or where).
    expect(stripImageMetadata(bytes).orientation ?? 1).toBe(photo.exifOrientation ?? 1)
  })

  it.skipIf(!haveExiftool).each(showable.map((p) => [p.file, p] as const))('%s: ExifTool finds nothing identifying, and the same ICC profile', (_file, photo) => {
    const source = join(PHOTOS_DIR, photo.file)
    const { path } = stored(photo.file)
    // The check can fail: every original has something to find.
    expect(identifyingTags(exiftoolTags(source)).length).toBeGreaterThan(0)
    expect(identifyingTags(exiftoolTags(path))).toEqual([])
    const icc = exiftoolIcc(source)
    expect(icc.length > 0).toBe(photo.iccProfile !== null)
    expect(exiftoolIcc(path).equals(icc)).toBe(true)
  })

  it.each(photos.map((p) => [p.file] as const))('%s: cleaning a cleaned file changes nothing (the same photo is the same image)', (file) => {
    const once = stripImageMetadata(readFileSync(join(PHOTOS_DIR, file))).bytes
    const twice = stripImageMetadata(once)
    expect(Buffer.from(twice.bytes).equals(Buffer.from(once))).toBe(true)
    expect(twice.removed.filter((r) => r !== 'trailer')).toEqual([])
  })

  it('importFile, the door that does not convert, refuses HEIC by name and stores nothing (importPhotoFile converts: heic.test.ts)', () => {
    for (const photo of heic) {
      const error = (() => {
        try {
          services.media.importFile(join(PHOTOS_DIR, photo.file))
        } catch (e) {
          return e as AppError
        }
        return null
      })()
      expect(error?.reason).toBe('heic-image')
      expect(error?.message).toMatch(/HEIC/)
    }
  })

  it.skipIf(!haveExiftool).each(heic.map((p) => [p.file, p] as const))('%s: the HEIF container is cleaned in place (the code AVIF goes through)', (file, photo) => {
    const source = join(PHOTOS_DIR, file)
    const out = join(tmp.dir, `clean-${file}`)
    const result = stripImageMetadata(readFileSync(source))
    writeFileSync(out, result.bytes)
    expect(result.removed).toContain('exif')
    expect(identifyingTags(exiftoolTags(source)).length).toBeGreaterThan(0)
    expect(identifyingTags(exiftoolTags(out))).toEqual([])
    for (const text of photo.asciiMustNotSurvive) expect(Buffer.from(result.bytes).includes(Buffer.from(text))).toBe(false)
    expect(exiftoolIcc(out).equals(exiftoolIcc(source))).toBe(true)
  })
})
