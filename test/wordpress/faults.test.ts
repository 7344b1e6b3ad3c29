import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy, faultFirst, passAll, type FaultProxy, type ProxyRequest } from '../support/fault-proxy'
import { runFaultScenario } from '../support/fault-scenario'
import { article, rest, syncServices, wp, write } from './helpers'
import sharp from 'sharp'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { sizedForWeb, DEFAULT_WEB_SIZE } from '@main/media/resize'
import { body as doc, image, paragraph as para } from '../support/lexical'
import { cameraJpeg } from '../support/images'
import { tempDir } from '../support/temp'

let proxy: FaultProxy
beforeAll(async () => {
  proxy = await startFaultProxy(wp().url)
})
afterAll(() => proxy.close())

let n = 0
const token = () => `qf${Date.now().toString(36)}n${n++}`
const creates = (r: ProxyRequest) => r.method === 'POST' && (r.url.includes('batch') || /wp(%2F|\/)v2(%2F|\/)posts(\?|&|$)/.test(r.url))
const uploads = (r: ProxyRequest) => r.method === 'POST' && /wp(%2F|\/)v2(%2F|\/)media/.test(r.url)
const reads = (r: ProxyRequest) => r.method === 'GET'
const updates = (r: ProxyRequest) => r.method === 'POST' && /wp(%2F|\/)v2(%2F|\/)posts(%2F|\/)\d+/.test(r.url)

const converged = {
  duplicatePosts: 0,
  missingPosts: 0,
  duplicateMedia: 0,
  lostLocalEdits: 0,
  staleOnSite: 0
}

describe('sync through a connection that fails', () => {
  it('creates each post once when the answer to the create is lost after the site made it', async () => {
    // The first batch of creates is carried out and its answer lost; the next run must find those posts, not make them again.
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'drop-response' }, creates), { token: token() })
    expect(result.faults).toBe(1)
    expect(result).toMatchObject(converged)
  })

  it('uploads an image once when the answer to the upload is lost', async () => {
    const result = await runFaultScenario(wp(), proxy, faultFirst(2, { kind: 'drop-response' }, uploads), { token: token() })
    expect(result.faults).toBeGreaterThanOrEqual(1)
    expect(result).toMatchObject(converged)
  })

  it('creates each post once when the create times out and the site carries it out late', async () => {
    // The batch reaches the site 2.5 s after it was sent, a second after Qalam stopped waiting (1.5 s):
    // the next syncs look for it instead of sending again, and adopt the posts once they appear.
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'delay', ms: 2_500 }, creates), { token: token(), settleMs: 6_000 })
    expect(result.faults).toBe(1)
    expect(result.waitedForSite).toBeGreaterThan(0)
    expect(result.removedCopies).toBe(0)
    expect(result).toMatchObject(converged)
  })

  it('moves to the trash the copies a create makes when it lands after Qalam sent again', async () => {
    // Landing 8 s late, after a wait of only 0.3 s: Qalam has sent the three text-only posts again (they go first, in one batch), then
    // the late batch makes three more. The article with the image goes in its own request after its upload, which is not delayed.
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'delay', ms: 8_000 }, creates), { token: token(), settleMs: 300 })
    expect(result.removedCopies).toBe(3)
    expect(result).toMatchObject(converged)
  })

  it('uploads an image once when the upload times out and the site carries it out late', async () => {
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'delay', ms: 2_500 }, uploads), { token: token(), settleMs: 6_000 })
    expect(result.faults).toBe(1)
    expect(result.waitedForSite).toBeGreaterThan(0)
    expect(result).toMatchObject(converged)
  })

  it('deletes the copy an upload makes when it lands after Qalam uploaded the image again', async () => {
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'delay', ms: 8_000 }, uploads), { token: token(), settleMs: 300 })
    expect(result.removedCopies).toBe(1)
    expect(result).toMatchObject(converged)
  })

  it('lets no newer update be overtaken by an earlier one that lands late', async () => {
    // One article, written between syncs. Its first update reaches the site 2.5 s after it was sent; Qalam repeated it at 1.5 s
    // and went on. The next update waits for the late one: sent before it, the reporter's newer text would be replaced by the older.
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'delay', ms: 2_500 }, updates), { token: token(), articles: 1, settleMs: 4_000 })
    expect(result.faults).toBe(1)
    expect(result.waitedForSite).toBeGreaterThan(0)
    expect(result).toMatchObject(converged)
  })

  it('rides out resets, 500, 502 and 429 on reads and writes by retrying', async () => {
    let i = 0
    const kinds = [{ kind: 'reset' }, { kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 429 }] as const
    const result = await runFaultScenario(wp(), proxy, (r) => (i < 8 && (reads(r) || uploads(r) || creates(r)) ? kinds[i++ % kinds.length]! : { kind: 'pass' }), { token: token() })
    expect(result.faults).toBe(8)
    expect(result).toMatchObject(converged)
  })

  it('loses nothing while the site is down, and catches up when it is back', async () => {
    const result = await runFaultScenario(wp(), proxy, () => ({ kind: 'reset' }), { token: token(), faultyRuns: 2 })
    expect(result.faults).toBeGreaterThan(2)
    expect(result).toMatchObject(converged)
  })
})

describe('cancelling a sync', () => {
  it('stops between requests, keeps what was done, and the next sync finishes without duplicates', async () => {
    const data = tempDir()
    const services = syncServices(data.dir)
    try {
      proxy.setSchedule(() => ({ kind: 'pass' }))
      const site = await services.sync.addSite({ url: proxy.url, username: wp().author.login, appPassword: wp().author.appPassword })
      const title = token()
      const ids = Array.from({ length: 3 }, (_, i) => article(services, site.id, `${title} ${i}`, ['نص']))
      // Every request is slow, so the cancel lands while the run is under way.
      proxy.setSchedule(() => ({ kind: 'delay', ms: 400 }))
      const running = services.sync.run()
      await new Promise((r) => setTimeout(r, 150))
      expect(services.sync.progress().running).toBe(true)
      services.sync.cancel()
      const result = await running
      expect(result.cancelled).toBe(true)
      expect(result.running).toBe(false)
      proxy.setSchedule(() => ({ kind: 'pass' }))
      const again = await services.sync.run()
      expect(again.failures).toEqual([])
      expect(ids.map((id) => services.sync.state(id).state)).toEqual(['synced', 'synced', 'synced'])
      const posts = await rest<unknown[]>(wp().admin, 'GET', `wp/v2/posts?search=${encodeURIComponent(title)}&status=draft&per_page=100`)
      expect(posts).toHaveLength(3)
    } finally {
      services.close()
      data.remove()
    }
  })

  it('sends a smaller copy when the site refuses a photo as too large (413), and says so in words when even the smallest is refused', async () => {
    const data = tempDir()
    const services = syncServices(data.dir)
    try {
      const source = join(data.dir, 'camera.jpg')
      writeFileSync(source, await cameraJpeg(3600, 2400))
      const media = services.media.importFile(source)
      const at1600 = (await sizedForWeb(services.media.read(media.id)!, 'image/jpeg', { ...DEFAULT_WEB_SIZE, maxSide: 1600 })).bytes.length
      // The site takes uploads up to the size of the 1,600 px copy: the 2,048 px one is refused, the 1,600 px one lands.
      let limit = at1600 + 1024
      proxy.setSchedule((r) => (uploads(r) && r.bytes > limit ? { kind: 'status', status: 413, code: 'rest_upload_file_too_big' } : { kind: 'pass' }))
      const site = await services.sync.addSite({ url: proxy.url, username: wp().author.login, appPassword: wp().author.appPassword })
      const created = services.articles.create('صورة لموقع بحدّ رفع صغير')
      write(services, created.id, { body: doc(para('نص'), image(media.id, 'بديل', '')) })
      services.sync.assign(created.id, site.id)
      await services.sync.run()
      expect(services.sync.state(created.id).state).toBe('synced')
      const refused = proxy.log.filter((l) => uploads(l.request) && l.fault === 'status')
      expect(refused).toHaveLength(1)
      // A second photo on a site that takes nothing that big: refused in words, nothing uploaded.
      limit = 10_000
      const other = services.articles.create('صورة أخرى')
      writeFileSync(source, await cameraJpeg(3600, 2400, { seed: 11 }))
      const second = services.media.importFile(source)
      write(services, other.id, { body: doc(para('نص'), image(second.id, 'بديل', '')) })
      services.sync.assign(other.id, site.id)
      await services.sync.run()
      expect(services.sync.state(other.id)).toMatchObject({ state: 'error', error: { code: 'file_too_large' } })
    } finally {
      proxy.setSchedule(passAll)
      services.close()
      data.remove()
    }
  })

  it('sends the articles whose text needs no upload first, so they land while a photo is still on its way', async () => {
    const data = tempDir()
    const services = syncServices(data.dir)
    try {
      proxy.setSchedule(passAll)
      const site = await services.sync.addSite({ url: proxy.url, username: wp().author.login, appPassword: wp().author.appPassword })
      const source = join(data.dir, 'photo.jpg')
      writeFileSync(
        source,
        await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#8a1c1c' } })
          .jpeg()
          .toBuffer()
      )
      const media = services.media.importFile(source)
      // The one with the photo first in the list, as the reporter wrote them.
      const withPhoto = services.articles.create('مع صورة')
      write(services, withPhoto.id, { body: doc(para('نص'), image(media.id, 'بديل', '')) })
      services.sync.assign(withPhoto.id, site.id)
      const textOnly = services.articles.create('نص فقط')
      write(services, textOnly.id, { body: doc(para('خبر عاجل بلا صور')) })
      services.sync.assign(textOnly.id, site.id)
      const before = proxy.log.length
      await services.sync.run()
      const log = proxy.log.slice(before).map((l) => l.request)
      const firstCreate = log.findIndex(creates)
      const firstUpload = log.findIndex(uploads)
      expect(firstCreate).toBeGreaterThanOrEqual(0)
      expect(firstUpload).toBeGreaterThan(firstCreate)
      expect(services.sync.state(textOnly.id).state).toBe('synced')
      expect(services.sync.state(withPhoto.id).state).toBe('synced')
    } finally {
      services.close()
      data.remove()
    }
  })
})

describe("WordPress's own check of an upload's hash (what lets Qalam send a cut upload again at once)", () => {
  it('refuses a body that is not what its Content-MD5 says (a cut photo), and makes no attachment of it', async () => {
    const photo = await cameraJpeg(900, 600, { seed: 77 })
    const name = `${token()}.jpg`
    const half = photo.subarray(0, Math.floor(photo.length / 2))
    const send = (bytes: Uint8Array) =>
      fetch(`${wp().url}/?rest_route=/wp/v2/media`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${wp().author.login}:${wp().author.appPassword}`).toString('base64')}`,
          'content-type': 'image/jpeg',
          'content-disposition': `attachment; filename="${name}"`,
          'content-md5': createHash('md5').update(photo).digest('hex')
        },
        body: new Blob([new Uint8Array(bytes)])
      })
    const cut = await send(half)
    expect(cut.status).toBe(412)
    expect(((await cut.json()) as { code: string }).code).toBe('rest_upload_hash_mismatch')
    expect(await rest<unknown[]>(wp().admin, 'GET', `wp/v2/media?search=${name.replace('.jpg', '')}`)).toEqual([])
    const whole = await send(photo)
    expect(whole.status).toBe(201)
  })
})
