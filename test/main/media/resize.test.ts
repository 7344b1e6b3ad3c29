import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { cleanImage } from '@main/media/clean'
import { DEFAULT_WEB_SIZE, sizedForWeb } from '@main/media/resize'
import { PHOTOS_DIR } from '../../support/photos'
import { cameraJpeg } from '../../support/images'

/** A camera-sized JPEG (4,000 × 3,000), turned by its EXIF orientation, cleaned as every image is. */
const cleanedCameraJpeg = async () => Buffer.from(cleanImage(await cameraJpeg(4000, 3000, { orientation: 6, quality: 92 }), 'camera.jpg').bytes)

describe('photos sized for the web before they go to the site', () => {
  it('a camera photo goes at 2,048 px on its long side, turned as it was taken, a fraction of its bytes, with no metadata', async () => {
    const original = await cleanedCameraJpeg()
    const sized = await sizedForWeb(original, 'image/jpeg', DEFAULT_WEB_SIZE)
    expect(sized.resized).toBe(true)
    // Portrait once turned (orientation 6): 1,536 × 2,048.
    expect([sized.width, sized.height]).toEqual([1536, 2048])
    expect(sized.bytes.length / original.length).toBeLessThan(0.45)
    const meta = await sharp(sized.bytes).metadata()
    expect([meta.width, meta.height]).toEqual([1536, 2048])
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
  })

  it('a real camera WebP (3,648 × 2,736, orientation 6) the same way', async (ctx) => {
    const file = join(PHOTOS_DIR, 'webp-nikon-coolpix-p7000-xmp-thumb.webp')
    if (!existsSync(file)) return ctx.skip()
    const original = Buffer.from(cleanImage(readFileSync(file), 'nikon.webp').bytes)
    const sized = await sizedForWeb(original, 'image/webp', DEFAULT_WEB_SIZE)
    expect(Math.max(sized.width, sized.height)).toBe(2048)
    expect(sized.height).toBeGreaterThan(sized.width)
    expect(sized.bytes.length).toBeLessThan(original.length)
  })

  it("a real camera JPEG within the size (1,394 × 930, saved at a camera's quality) goes as a copy at the newsroom's quality, the same size, a fraction of its bytes", async (ctx) => {
    const file = join(PHOTOS_DIR, 'jpeg-canon-eos600d-gps-serial-xmp-iptc.jpg')
    if (!existsSync(file)) return ctx.skip()
    const original = Buffer.from(cleanImage(readFileSync(file), 'canon.jpg').bytes)
    const sized = await sizedForWeb(original, 'image/jpeg', DEFAULT_WEB_SIZE)
    expect(sized.resized).toBe(true)
    expect([sized.width, sized.height]).toEqual([1394, 930])
    expect(sized.bytes.length / original.length).toBeLessThan(2 / 3)
    const meta = await sharp(sized.bytes).metadata()
    expect([meta.width, meta.height, meta.exif, meta.xmp, meta.iptc]).toEqual([1394, 930, undefined, undefined, undefined])
  })

  it('never upscales, sends a GIF as it is, and sends the original at full size when the newsroom says so', async () => {
    const small = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a1c1c' } })
      .jpeg()
      .toBuffer()
    const kept = await sizedForWeb(small, 'image/jpeg', DEFAULT_WEB_SIZE)
    expect([kept.width, kept.height]).toEqual([800, 600])
    expect((await sharp(kept.bytes).metadata()).width).toBe(800)
    // A picture saved for the web already (quality 75) goes as it is: a copy would save little.
    const web = await cameraJpeg(1200, 800, { quality: 75 })
    expect((await sizedForWeb(web, 'image/jpeg', DEFAULT_WEB_SIZE)).bytes).toBe(web)
    const big = await cleanedCameraJpeg()
    expect((await sizedForWeb(big, 'image/jpeg', { ...DEFAULT_WEB_SIZE, maxSide: 0 })).bytes).toBe(big)
    const gif = await sharp({ create: { width: 3000, height: 100, channels: 3, background: '#000' } })
      .gif()
      .toBuffer()
    expect((await sizedForWeb(gif, 'image/gif', DEFAULT_WEB_SIZE)).resized).toBe(false)
    // Bytes libvips cannot read go as they are.
    const junk = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 1, 2, 3])
    expect((await sizedForWeb(junk, 'image/jpeg', DEFAULT_WEB_SIZE)).bytes).toBe(junk)
  })
})
