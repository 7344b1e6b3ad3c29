import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stripImageMetadata } from '@main/media/strip'
import { CHROMIUM, CHROMIUM_ARGS } from './host'
import { tempDir } from '../support/temp'
import { PHOTOS_DIR, expectedPhotos, havePhotos } from '../support/photos'

/**
 * Cleaning a photo must not touch its picture: the original and the cleaned file are
 * decoded by the same decoder in the same page (Chromium, which shows them in Qalam; for
 * HEIC, libheif's heif-convert, then Chromium reads both PNGs) and their pixels compared.
 */

const haveHeifConvert = (() => {
  try {
    execFileSync('heif-convert', [], { stdio: 'pipe' })
    return true
  } catch (error) {
    // heif-convert without arguments prints its usage and exits 1: it is there.
    if ((error as { status?: number }).status !== undefined && (error as { status?: number }).status !== 127) return true
    console.warn('[photos] heif-convert is not installed (bash scripts/test-deps.sh installs it): the HEIC pixel check is skipped')
    return false
  }
})()

let browser: Browser
let page: Page
let tmp: ReturnType<typeof tempDir>
beforeAll(async () => {
  tmp = tempDir()
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  page = await browser.newPage()
})
afterAll(async () => {
  await browser?.close()
  tmp.remove()
})

/**
 * Both files decoded by Chromium in one page (no colour conversion, no premultiplying),
 * their sizes and every RGBA byte compared there: how many bytes differ.
 */
async function compare(a: Uint8Array, b: Uint8Array, mime: string): Promise<{ width: number; height: number; sameSize: boolean; differing: number }> {
  return page.evaluate(
    async ({ a, b, mime }) => {
      const pixels = async (base64: string) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const bitmap = await createImageBitmap(new Blob([data], { type: mime }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' })
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
        const context = canvas.getContext('2d')!
        context.drawImage(bitmap, 0, 0)
        return { width: bitmap.width, height: bitmap.height, data: context.getImageData(0, 0, bitmap.width, bitmap.height).data }
      }
      const [x, y] = [await pixels(a), await pixels(b)]
      let differing = 0
      for (let i = 0; i < x.data.length; i++) if (x.data[i] !== y.data[i]) differing++
      return { width: x.width, height: x.height, sameSize: x.width === y.width && x.height === y.height && x.data.length === y.data.length, differing }
    },
    { a: Buffer.from(a).toString('base64'), b: Buffer.from(b).toString('base64'), mime }
  )
}

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic' } as const

describe.skipIf(!havePhotos)('a cleaned photo shows the same picture', () => {
  const photos = expectedPhotos()
  it.each(photos.filter((p) => p.format !== 'heic').map((p) => [p.file, p] as const))('%s decodes to the same pixels', async (file, photo) => {
    const original = readFileSync(join(PHOTOS_DIR, file))
    const cleaned = stripImageMetadata(original).bytes
    const result = await compare(original, cleaned, MIME[photo.format])
    expect(result.width).toBeGreaterThan(0)
    expect(result.sameSize).toBe(true)
    expect(result.differing).toBe(0)
  })

  it('a re-encoded copy is caught by the same check (it can fail)', async () => {
    const photo = photos.find((p) => p.format === 'jpeg')!
    const original = readFileSync(join(PHOTOS_DIR, photo.file))
    const reencoded = await page.evaluate(async (base64) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([data], { type: 'image/jpeg' }))
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0)
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
      const bytes = new Uint8Array(await blob.arrayBuffer())
      let text = ''
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return btoa(text)
    }, original.toString('base64'))
    expect((await compare(original, Buffer.from(reencoded, 'base64'), 'image/jpeg')).differing).toBeGreaterThan(0)
  })

  it.skipIf(!haveHeifConvert).each(photos.filter((p) => p.format === 'heic').map((p) => [p.file] as const))('%s decodes to the same pixels (libheif)', async (file) => {
    const original = join(PHOTOS_DIR, file)
    const cleaned = join(tmp.dir, `clean-${file}`)
    writeFileSync(cleaned, stripImageMetadata(readFileSync(original)).bytes)
    const png = (from: string, to: string) => {
      execFileSync('heif-convert', [from, to], { stdio: 'pipe' })
      return readFileSync(to)
    }
    const result = await compare(png(original, join(tmp.dir, `${file}-a.png`)), png(cleaned, join(tmp.dir, `${file}-b.png`)), 'image/png')
    expect(result.width).toBeGreaterThan(1000)
    expect(result.sameSize).toBe(true)
    expect(result.differing).toBe(0)
  })
})
