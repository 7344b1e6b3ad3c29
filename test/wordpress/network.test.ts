import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { makeAuthority, type Authority } from '../support/certificates'
import { cameraJpeg } from '../support/images'
import { body as doc, image, paragraph as para } from '../support/lexical'
import { startConnectProxy, startSocks5, startTlsFront, watchConnections, type TestProxy } from '../support/proxies'
import { tempDir } from '../support/temp'
import { rest, syncServices, wp, write } from './helpers'

/**
 * A reporter on Tor, or behind the newsroom's proxy, syncing with the real WordPress. The site is
 * https://newsroom.invalid: a name only the proxies map (to a TLS front before the test WordPress),
 * so a connection around the proxy, or a DNS lookup of the site's name here, fails and shows in the
 * watch of every socket the process opens.
 */
const SITE = 'https://newsroom.invalid'
let tmp: ReturnType<typeof tempDir>
let authority: Authority
let front: Awaited<ReturnType<typeof startTlsFront>>
beforeAll(async () => {
  tmp = tempDir()
  authority = makeAuthority(tmp.dir, ['newsroom.invalid'])
  front = await startTlsFront(authority.key, authority.cert, wp().port)
})
afterAll(async () => {
  await front.close()
  tmp.remove()
})

const hosts = () => ({ 'newsroom.invalid:443': front.port })

async function desk(mode: 'socks5' | 'http', proxy: TestProxy) {
  const data = tempDir()
  // An upload cut by the proxy's end is a doubt: it is looked for on the site after settleMs before it is sent again.
  const services = syncServices(data.dir, { extraTrust: [authority.ca], timeoutMs: 10_000, settleMs: 1500 })
  services.settings.update({ network: { mode, host: '127.0.0.1', port: proxy.port } })
  return { data, services }
}

async function photoArticle(services: Services, siteId: string, dir: string, title: string, seed: number) {
  const source = join(dir, `photo-${seed}.jpg`)
  writeFileSync(source, await cameraJpeg(2400, 1600, { seed }))
  const media = services.media.importFile(source)
  const created = services.articles.create(title)
  write(services, created.id, { title, body: doc(para('خبر من الميدان عبر شبكة مراقَبة'), image(media.id, 'صورة من الميدان', '')) })
  services.sync.assign(created.id, siteId)
  return created.id
}

/** The site's posts with exactly this title (a search matches the others of the run too). */
const onSite = async (title: string) =>
  (
    await rest<{ id: number; title: { raw: string } }[]>(
      wp().admin,
      'GET',
      `wp/v2/posts?search=${encodeURIComponent(title)}&status=draft,pending,publish&per_page=100&context=edit`
    )
  ).filter((p) => p.title.raw === title)

describe.each([
  ['SOCKS5 (Tor)', 'socks5', startSocks5],
  ['the newsroom’s HTTP proxy', 'http', startConnectProxy]
] as const)('sync through %s', (_name, mode, start) => {
  it('adds the site and sends an article with its photo, every connection through the proxy and no DNS lookup of the site here', async () => {
    const proxy = await start(hosts())
    const { data, services } = await desk(mode, proxy)
    const watch = watchConnections()
    try {
      const site = await services.sync.addSite({ url: SITE, username: wp().author.login, appPassword: wp().author.appPassword })
      expect(site.restRoot.startsWith(`${SITE}/`)).toBe(true)
      const title = `عبر ${mode} ${Date.now()}`
      const id = await photoArticle(services, site.id, data.dir, title, 3)
      await services.sync.run()
      expect(services.sync.state(id)).toMatchObject({ state: 'synced' })
      watch.stop()
      expect(await onSite(title)).toHaveLength(1)
    } finally {
      watch.stop()
      services.close()
      await proxy.stop()
      data.remove()
    }
    expect(watch.connections.length).toBeGreaterThan(0)
    expect(watch.connections.filter((c) => c.port !== proxy.port)).toEqual([])
    expect(watch.lookups).toEqual([])
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(proxy.tunnels.filter((t) => t.kind !== 'name' || t.host !== 'newsroom.invalid')).toEqual([])
  })

  it('a proxy stopped in the middle of a sync stops it with the proxy named, leaves no direct connection, and the next sync through it lands each article once', async () => {
    let proxy = await start(hosts())
    const { data, services } = await desk(mode, proxy)
    const watch = watchConnections()
    const port = proxy.port
    try {
      const site = await services.sync.addSite({ url: SITE, username: wp().author.login, appPassword: wp().author.appPassword })
      const stamp = Date.now()
      const titles = [0, 1, 2].map((i) => `انقطاع الوسيط ${mode} ${stamp} ${i}`)
      const ids = await Promise.all(titles.map((t, i) => photoArticle(services, site.id, data.dir, t, 20 + i)))
      const running = services.sync.run()
      // Cut when the first photo is on its way up.
      while (proxy.bytes.up < 150_000) await new Promise((r) => setTimeout(r, 5))
      await proxy.stop()
      await running.catch(() => undefined)
      const states = ids.map((id) => services.sync.state(id))
      expect(states.some((s) => s.state !== 'synced')).toBe(true)
      const reasons = states.flatMap((s) => (s.error === null ? [] : [s.error.code]))
      expect(reasons.length).toBeGreaterThan(0)
      expect(reasons.every((c) => c === 'proxy_failed' || c === 'unreachable' || c === 'awaiting_site')).toBe(true)
      expect(watch.connections.filter((c) => c.port !== port)).toEqual([])
      expect(watch.lookups).toEqual([])
      // The proxy is back (on the same port): the next sync finishes, with no article twice.
      proxy = await start(hosts(), port)
      for (let i = 0; i < 6 && ids.some((id) => services.sync.state(id).state !== 'synced'); i++) {
        await services.sync.run()
        if (ids.some((id) => services.sync.state(id).state !== 'synced')) await new Promise((r) => setTimeout(r, 1000))
      }
      expect(ids.map((id) => services.sync.state(id))).toEqual(ids.map(() => expect.objectContaining({ state: 'synced' })))
      // The test's own look at the site (straight to WordPress) is not watched.
      watch.stop()
      for (const title of titles) expect(await onSite(title)).toHaveLength(1)
    } finally {
      watch.stop()
      services.close()
      await proxy.stop()
      data.remove()
    }
    expect(watch.connections.filter((c) => c.port !== port)).toEqual([])
  })
})

describe('adding a site on a slow link', () => {
  it("reads only the fields of the site's REST index it needs, not its whole ~260 kB", async () => {
    const proxy = await startConnectProxy(hosts())
    const { data, services } = await desk('http', proxy)
    try {
      await services.sync.addSite({ url: SITE, username: wp().author.login, appPassword: wp().author.appPassword })
    } finally {
      services.close()
      await proxy.stop()
      data.remove()
    }
    // The home page (for its Link header), the trimmed index and the user, TLS included: less than the whole index alone.
    const whole = (await (await fetch(`${wp().url}/?rest_route=/`)).arrayBuffer()).byteLength
    expect(whole).toBeGreaterThan(150_000)
    expect(proxy.bytes.down).toBeLessThan(whole / 2)
  })
})

describe('a desk whose proxy is down from the start', () => {
  it('stops at adding the site, says it is the proxy, and makes no connection to the site at all', async () => {
    const proxy = await startSocks5(hosts())
    await proxy.stop()
    const { data, services } = await desk('socks5', proxy)
    const watch = watchConnections()
    try {
      const error = await services.sync.addSite({ url: SITE, username: wp().author.login, appPassword: wp().author.appPassword }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'SYNC_FAILED', reason: 'proxy_failed' })
    } finally {
      watch.stop()
      services.close()
      data.remove()
    }
    expect(watch.connections).toEqual([])
    expect(watch.lookups).toEqual([])
  })
})
