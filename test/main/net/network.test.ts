import { spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Network } from '@main/net/network'
import { routeFromPac } from '@main/net/routes'
import { WpClient, WpError } from '@main/sync/wordpress/client'
import type { NetworkSetting } from '@shared/domain/network'
import { makeAuthority, type Authority } from '../../support/certificates'
import { startConnectProxy, startSocks5, watchConnections, type TestProxy } from '../../support/proxies'
import { tempDir } from '../../support/temp'

/**
 * A reporter behind a newsroom's proxy, or on Tor: every request goes through the proxy, the site
 * is named to the proxy and never looked up here, and a proxy that is down stops the request
 * instead of letting it go around. The site is `newsroom.invalid`, a name only the proxies know:
 * a direct connection or a local DNS lookup cannot reach it and shows in the watch.
 */
const SITE = 'https://newsroom.invalid'
let tmp: ReturnType<typeof tempDir>
let authority: Authority
let site: Server
let sitePort = 0
let siteConnections = 0
let uploadSeen = 0

beforeAll(async () => {
  tmp = tempDir()
  authority = makeAuthority(tmp.dir, ['newsroom.invalid'])
  site = createServer({ key: authority.key, cert: authority.cert }, (req, res) => {
    let got = 0
    req.on('data', (d: Buffer) => {
      got += d.length
      uploadSeen = got
    })
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ host: req.headers.host, got, auth: req.headers.authorization !== undefined }))
    })
  })
  site.on('secureConnection', () => siteConnections++)
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok))
  sitePort = (site.address() as AddressInfo).port
})
afterAll(async () => {
  site.closeAllConnections()
  await new Promise((ok) => site.close(ok))
  tmp.remove()
})

const hosts = () => ({ 'newsroom.invalid:443': sitePort })

function client(setting: NetworkSetting, extra: Partial<ConstructorParameters<typeof Network>[0]> = {}) {
  const network = new Network({ setting: () => setting, extraTrust: [authority.ca], ...extra })
  const wp = new WpClient({ restRoot: `${SITE}/`, username: 'reporter', password: 'abcd efgh ijkl mnop', fetch: network.fetch, retries: 2, backoffMs: 1, timeoutMs: 3000 })
  return { network, wp }
}

async function failure(work: Promise<unknown>): Promise<WpError> {
  try {
    await work
  } catch (error) {
    if (error instanceof WpError) return error
    throw error
  }
  throw new Error('the request went through')
}

describe.each([
  ['SOCKS5 (Tor)', 'socks5', startSocks5],
  ['an HTTP proxy', 'http', startConnectProxy]
] as const)('through %s', (_name, mode, start) => {
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await start(hosts())
  })
  afterAll(() => proxy.stop())

  it('reaches the site by name, with the password sent inside TLS, and makes no other connection and no DNS lookup', async () => {
    const { network, wp } = client({ mode, host: '127.0.0.1', port: proxy.port })
    const watch = watchConnections()
    try {
      const answer = await wp.request<{ host: string; auth: boolean }>('GET', 'wp/v2/posts')
      expect(answer.data).toEqual({ host: 'newsroom.invalid', got: 0, auth: true })
      // An upload goes the same way, whole.
      const photo = new Uint8Array(300_000).fill(3)
      expect((await wp.request<{ got: number }>('POST', 'wp/v2/media', { body: photo })).data.got).toBe(photo.length)
    } finally {
      watch.stop()
      await network.close()
    }
    expect(proxy.tunnels.every((t) => t.kind === 'name' && t.host === 'newsroom.invalid' && t.port === 443)).toBe(true)
    expect(watch.connections.length).toBeGreaterThan(0)
    expect(watch.connections.filter((c) => c.port !== proxy.port)).toEqual([])
    expect(watch.lookups).toEqual([])
    // The proxy carried TLS: the photo's bytes went through it, encrypted.
    expect(proxy.bytes.up).toBeGreaterThan(300_000)
  })

  it('stops when the proxy is down, says it is the proxy, and never goes around it', async () => {
    const down = await start(hosts())
    await down.stop()
    const { network, wp } = client({ mode, host: '127.0.0.1', port: down.port })
    const before = siteConnections
    const watch = watchConnections()
    const error = await failure(wp.request('GET', 'wp/v2/posts'))
    watch.stop()
    await network.close()
    expect(error.code).toBe('proxy_failed')
    expect(error.message).toContain(`127.0.0.1:${down.port}`)
    // One attempt, not retried in a loop, and the only connection tried was to the proxy.
    expect(wp.requests).toBe(1)
    expect(watch.connections.filter((c) => c.port !== down.port)).toEqual([])
    expect(watch.lookups).toEqual([])
    expect(siteConnections).toBe(before)
  })

  it('a proxy that dies in the middle of an upload leaves no direct connection: what follows fails at the proxy', async () => {
    const dying = await start(hosts())
    const { network, wp } = client({ mode, host: '127.0.0.1', port: dying.port })
    const watch = watchConnections()
    uploadSeen = 0
    const big = new Uint8Array(40 * 2 ** 20).fill(5)
    const upload = failure(wp.request('POST', 'wp/v2/media', { body: big, idempotent: true }))
    while (uploadSeen < 2 ** 20) await new Promise((r) => setTimeout(r, 5))
    await dying.stop()
    const error = await upload
    watch.stop()
    await network.close()
    expect(['proxy_failed', 'unreachable']).toContain(error.code)
    expect(watch.connections.filter((c) => c.port !== dying.port)).toEqual([])
    expect(watch.lookups).toEqual([])
  })

  it('a site certificate the system does not trust is refused through the proxy as on a direct link', async () => {
    const { network, wp } = client({ mode, host: '127.0.0.1', port: proxy.port }, { extraTrust: [] })
    const error = await failure(wp.request('GET', 'wp/v2/posts'))
    await network.close()
    expect(error.code).toBe('certificate')
  })
})

describe('the system setting', () => {
  it("follows the system's answer for the URL (a PAC file naming SOCKS5), and only its first entry", async () => {
    const proxy = await startSocks5(hosts())
    const asked: string[] = []
    const { network, wp } = client(
      { mode: 'system', host: '', port: 0 },
      {
        resolveSystem: async (url) => {
          asked.push(url)
          return `SOCKS5 127.0.0.1:${proxy.port}; DIRECT`
        }
      }
    )
    expect((await wp.request<{ host: string }>('GET', 'wp/v2/posts')).data.host).toBe('newsroom.invalid')
    await proxy.stop()
    // The fallback "DIRECT" is never taken: the proxy is down, so the request stops.
    expect((await failure(wp.request('GET', 'wp/v2/posts'))).code).toBe('proxy_failed')
    await network.close()
    expect(asked[0]).toContain('newsroom.invalid')
  })

  it('reads PAC answers', () => {
    expect(routeFromPac('DIRECT')).toEqual({ kind: 'direct' })
    expect(routeFromPac('PROXY proxy.newsroom:3128; DIRECT')).toEqual({ kind: 'http', host: 'proxy.newsroom', port: 3128, tls: false })
    expect(routeFromPac('HTTPS [::1]:8443')).toEqual({ kind: 'http', host: '::1', port: 8443, tls: true })
    expect(routeFromPac('SOCKS 127.0.0.1:9150')).toEqual({ kind: 'socks5', host: '127.0.0.1', port: 9150 })
    for (const bad of ['', 'PROXY', 'PROXY host', 'QUIC x:1', 'PROXY h:99999', 'PROXY h:1 junk']) expect(() => routeFromPac(bad)).toThrow()
  })

  it('nothing connects while the setting cannot be read (a locked desk)', async () => {
    const network = new Network({ setting: () => null })
    const wp = new WpClient({ restRoot: `${SITE}/`, fetch: network.fetch, retries: 2, backoffMs: 1 })
    const watch = watchConnections()
    const error = await failure(wp.request('GET', 'wp/v2/posts'))
    watch.stop()
    expect(error.code).toBe('proxy_failed')
    expect(watch.connections).toEqual([])
  })

  it("trusts a newsroom's own authority put in the system's certificate store", () => {
    // The system store is read from where the system keeps it (SSL_CERT_FILE here, as OpenSSL reads it on Linux): a fresh process.
    const script = `import { trustedCertificates } from './src/main/net/network.ts'
const ca = process.env.QALAM_TEST_CA
process.stdout.write(trustedCertificates().some((c) => c.trim() === ca.trim()) ? 'trusted' : 'not trusted')`
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '../../..'),
        env: { ...process.env, QALAM_TEST_CA: authority.ca, ...env },
        encoding: 'utf8'
      })
    const withCa = run({ SSL_CERT_FILE: authority.caFile })
    expect(withCa.stderr).not.toMatch(/Error/)
    expect(withCa.stdout).toBe('trusted')
    expect(run({}).stdout).toBe('not trusted')
  })
})
