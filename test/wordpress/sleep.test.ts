import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cameraJpeg } from '../support/images'
import { body as doc, image, paragraph as para } from '../support/lexical'
import { mulberry32 } from '../support/random'
import { startShapedLink } from '../support/shaped-link'
import { tempDir } from '../support/temp'
import { rest, syncServices, wp, write } from './helpers'

/**
 * A laptop's lid closed in the middle of a sync: the network stops dead both ways for longer than
 * every timeout (the connections stay open, nothing moves), then comes back. The sync stops
 * cleanly or carries on; the next syncs finish it; nothing is on the site twice and nothing is lost.
 */
describe('sleep in the middle of a sync', () => {
  it('a network frozen mid-upload for longer than the timeouts ends with each article and photo on the site once', async () => {
    const data = tempDir()
    const started = Date.now()
    // 1.6 Mbit/s up so the photo is still going out when the lid closes; a 1.5 s idle timeout against a 5 s sleep.
    const link = await startShapedLink({ host: '127.0.0.1', port: wp().port }, { upBytesPerS: 200_000, downBytesPerS: 1_000_000, rttMs: 40, resetRate: 0, random: mulberry32(5) })
    const services = syncServices(data.dir, { timeoutMs: 1500, settleMs: 2000, retries: 2 })
    try {
      const site = await services.sync.addSite({ url: `http://127.0.0.1:${link.port}`, username: wp().author.login, appPassword: wp().author.appPassword })
      const stamp = Date.now()
      const titles = [`نوم في منتصف المزامنة ${stamp} أ`, `نوم في منتصف المزامنة ${stamp} ب`]
      const source = join(data.dir, 'photo.jpg')
      writeFileSync(source, await cameraJpeg(1800, 1200, { seed: 41, quality: 95 }))
      const photo = services.media.importFile(source)
      const ids = titles.map((title, i) => {
        const created = services.articles.create(title)
        write(services, created.id, { title, body: i === 0 ? doc(para('خبر مع صورة'), image(photo.id, 'صورة', '')) : doc(para('خبر نصي')) })
        services.sync.assign(created.id, site.id)
        return created.id
      })
      const before = link.bytes.up
      const running = services.sync.run().catch((e: unknown) => e)
      while (link.bytes.up - before < 120_000) await new Promise((r) => setTimeout(r, 5))
      // The lid closes while the photo is going out.
      expect(link.bytes.up - before).toBeLessThan(photo.bytes)
      link.hold()
      await new Promise((r) => setTimeout(r, 5000))
      link.release()
      await running
      for (let i = 0; i < 8 && ids.some((id) => services.sync.state(id).state !== 'synced'); i++) {
        await new Promise((r) => setTimeout(r, 1000))
        await services.sync.run().catch(() => undefined)
      }
      expect(ids.map((id) => services.sync.state(id))).toEqual(ids.map(() => expect.objectContaining({ state: 'synced' })))
      for (const title of titles) {
        const posts = await rest<{ title: { raw: string } }[]>(wp().admin, 'GET', `wp/v2/posts?search=${encodeURIComponent(title)}&status=draft&per_page=100&context=edit`)
        expect(posts.filter((p) => p.title.raw === title)).toHaveLength(1)
      }
      // The photo once: the post shows one image, and it is the only one uploaded since the test began (no stray copy from the cut attempt).
      const post = await rest<{ content: { raw: string } }>(wp().admin, 'GET', `wp/v2/posts/${services.sync.state(ids[0]!).remoteId!}?context=edit`)
      const shown = [...new Set([...post.content.raw.matchAll(/wp-image-(\d+)/g)].map((m) => Number(m[1])))]
      expect(shown).toHaveLength(1)
      const uploaded = await rest<{ id: number }[]>(wp().admin, 'GET', `wp/v2/media?after=${encodeURIComponent(new Date(started - 2000).toISOString())}&per_page=100`)
      expect(uploaded.map((m) => m.id)).toEqual(shown)
    } finally {
      services.close()
      await link.close()
      data.remove()
    }
  })
})
