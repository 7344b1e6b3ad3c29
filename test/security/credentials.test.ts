/**
 * The adversary: a network in the middle, or a site (or its pages) that tries to get the
 * application password sent somewhere else, in clear, or to swamp the main process.
 */
import { describe, expect, it } from 'vitest'
import { loopbackServers } from '../support/http'
import { discoverSite, MAX_RESPONSE_BYTES, normalizeSiteUrl, WpClient, WpError, type FetchLike } from '@main/sync/wordpress/client'
import { servicesIn, testPlatform } from '../support/fixtures'
import { tempDir } from '../support/temp'

const serve = loopbackServers()

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof WpError) return error.code
    throw error
  }
  throw new Error('expected a refusal')
}

/** A fetch that records every request (and whether it carried the password) and answers like a WordPress home page. */
function recordingFetch(answer: (url: string) => Response): { fetch: FetchLike; sent: { url: string; password: boolean }[] } {
  const sent: { url: string; password: boolean }[] = []
  return {
    sent,
    fetch: async (input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>
      sent.push({ url: input, password: headers.authorization !== undefined })
      return answer(input)
    }
  }
}

const INDEX = { name: 'News', namespaces: ['wp/v2'], authentication: { 'application-passwords': {} } }

describe('credentials never leave in clear or to another host', () => {
  it('refuses a plain http: site that is not this computer, before any request', async () => {
    expect(() => normalizeSiteUrl('http://news.example.com')).toThrow(expect.objectContaining({ code: 'insecure_address' }))
    expect(() => normalizeSiteUrl('http://10.0.0.5/')).toThrow(expect.objectContaining({ code: 'insecure_address' }))
    expect(normalizeSiteUrl('http://localhost:8080')).toBe('http://localhost:8080')
    expect(normalizeSiteUrl('http://[::1]:8080')).toBe('http://[::1]:8080')
    // A name under .localhost is looked up through DNS by Node: a resolver can send it anywhere, the password in clear.
    for (const url of ['http://wp.localhost', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io']) {
      expect(() => normalizeSiteUrl(url), url).toThrow(expect.objectContaining({ code: 'insecure_address' }))
    }

    const data = tempDir()
    const { fetch, sent } = recordingFetch(() => new Response('{}'))
    const services = servicesIn(data.dir, testPlatform(), { sync: { fetch } })
    try {
      const refused = await services.sync.addSite({ url: 'http://news.example.com', username: 'reporter', appPassword: 'abcd efgh ijkl mnop qrst uvwx' }).catch((e: unknown) => e)
      expect(refused).toMatchObject({ reason: 'insecure_address' })
      expect(sent).toEqual([])
    } finally {
      services.close()
      data.remove()
    }
  })

  it('refuses a REST root the home page announces on another host, or on http:, and never sends the password there', async () => {
    for (const link of ['<https://collector.example.net/wp-json/>; rel="https://api.w.org/"', '<http://news.example.com/wp-json/>; rel="https://api.w.org/"']) {
      const { fetch, sent } = recordingFetch((url) =>
        url === 'https://news.example.com/'
          ? new Response('<html></html>', { headers: { link } })
          : new Response(JSON.stringify(INDEX), { headers: { 'content-type': 'application/json' } })
      )
      expect(await codeOf(discoverSite('https://news.example.com', { fetch }))).toBe('foreign_rest_root')
      expect(sent.map((s) => s.url)).toEqual(['https://news.example.com/'])
      expect(sent.some((s) => s.password)).toBe(false)
    }
  })

  it('never sends the password to another origin, whatever the stored REST root or the route', async () => {
    const { fetch, sent } = recordingFetch(() => new Response('{}'))
    const plain = new WpClient({ restRoot: 'http://news.example.com/wp-json/', username: 'u', password: 'p', fetch, retries: 0 })
    expect(await codeOf(plain.get('wp/v2/users/me'))).toBe('insecure_address')
    const client = new WpClient({ restRoot: 'https://news.example.com/wp-json/', username: 'u', password: 'p', fetch, retries: 0 })
    expect(await codeOf(client.once('GET', 'https://collector.example.net/wp-json/wp/v2/posts'))).toBe('foreign_rest_root')
    expect(sent).toEqual([])
  })

  it('does not follow a redirect with the password: the request fails and nothing reaches the other host', async () => {
    let collected = 0
    const collector = await serve((req, res) => {
      if (req.headers.authorization !== undefined) collected++
      res.end('{}')
    })
    const site = await serve((_req, res) => {
      res.writeHead(307, { location: `${collector}/wp-json/wp/v2/users/me` })
      res.end()
    })
    const client = new WpClient({ restRoot: `${site}/wp-json/`, username: 'u', password: 'p', retries: 0 })
    expect(await codeOf(client.get('wp/v2/users/me'))).toBe('redirected')
    expect(collected).toBe(0)
  })

  it('stops reading an answer past the cap, streamed: an endless body is an error, not an out-of-memory', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(1024 * 1024, 0x20)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      res.on('close', () => res.destroy())
      pump()
    })
    const client = new WpClient({ restRoot: `${site}/wp-json/`, username: 'u', password: 'p', retries: 0, maxResponseBytes: 8 * 2 ** 20 })
    const before = process.memoryUsage().rss
    expect(await codeOf(client.get('wp/v2/posts'))).toBe('too_large')
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20)
    expect(MAX_RESPONSE_BYTES).toBe(50 * 2 ** 20)

    const liar = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 ** 40) })
      res.end()
    })
    expect(await codeOf(new WpClient({ restRoot: `${liar}/wp-json/`, retries: 0 }).get('wp/v2/posts'))).toBe('too_large')
  })
})
