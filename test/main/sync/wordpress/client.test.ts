import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { loopbackServers } from '../../../support/http'
import { servicesIn } from '../../../support/fixtures'
import { tempDir } from '../../../support/temp'
import { AppError } from '@main/errors'
import { classifyResponse, discoverSite, normalizeSiteUrl, restUrl, WpClient, WpError } from '@main/sync/wordpress/client'

const serve = loopbackServers()

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof WpError) return error.code
    throw error
  }
  throw new Error('expected a failure')
}

describe('REST addresses', () => {
  it('joins routes for pretty permalinks and for ?rest_route=', () => {
    expect(restUrl('https://s.example/wp-json/', 'wp/v2/posts', { per_page: 100, include: [1, 2] })).toBe('https://s.example/wp-json/wp/v2/posts?per_page=100&include=1%2C2')
    expect(restUrl('https://s.example/?rest_route=/', '/wp/v2/posts/5', { context: 'edit' })).toBe('https://s.example/?rest_route=%2Fwp%2Fv2%2Fposts%2F5&context=edit')
  })

  it('normalises what a user types, and refuses what is not a web address', () => {
    expect(normalizeSiteUrl(' news.example.com/ ')).toBe('https://news.example.com')
    expect(normalizeSiteUrl('http://127.0.0.1:8080/blog/')).toBe('http://127.0.0.1:8080/blog')
    expect(() => normalizeSiteUrl('ftp://x')).toThrow(WpError)
    expect(() => normalizeSiteUrl('file:///etc/passwd')).toThrow(WpError)
  })

  it('words WordPress’s answers: 401 is the password, 403 a missing capability, 5xx and 429 can heal', () => {
    expect(classifyResponse(401, 'incorrect_password', '').code).toBe('wrong_password')
    expect(classifyResponse(401, 'rest_forbidden_context', '').code).toBe('wrong_password')
    expect(classifyResponse(403, 'rest_cannot_create', '').code).toBe('missing_capability')
    expect(classifyResponse(401, 'application_passwords_disabled', '').code).toBe('app_passwords_unavailable')
    expect(classifyResponse(503, null, '').code).toBe('server_error')
    expect(classifyResponse(429, null, '').code).toBe('rate_limited')
    expect(classifyResponse(400, 'rest_invalid_param', '').code).toBe('rejected')
  })
})

describe('requests', () => {
  it('retries a read after 503 and 429, and gives up on a 400 at once', async () => {
    let calls = 0
    const url = await serve((req, res) => {
      calls++
      if (req.url?.includes('bad')) return json(res, 400, { code: 'rest_invalid_param', message: 'no' })
      if (calls === 1) return json(res, 503, {})
      if (calls === 2) return json(res, 429, {}, { 'retry-after': '0' })
      json(res, 200, [{ id: 1 }])
    })
    const client = new WpClient({ restRoot: `${url}/wp-json/`, backoffMs: 5 })
    expect((await client.get('wp/v2/posts')).data).toEqual([{ id: 1 }])
    expect(calls).toBe(3)
    expect(await reasonOf(client.get('wp/v2/bad'))).toBe('rejected')
    expect(calls).toBe(4)
  })

  it('does not repeat a create the server may have carried out', async () => {
    let calls = 0
    const url = await serve((_req, res) => {
      calls++
      json(res, 500, {})
    })
    const client = new WpClient({ restRoot: `${url}/wp-json/`, backoffMs: 5 })
    expect(await reasonOf(client.request('POST', 'wp/v2/posts', { json: {}, idempotent: false }))).toBe('server_error')
    expect(calls).toBe(1)
  })

  it('times out a site that never answers', async () => {
    const url = await serve(() => undefined)
    const client = new WpClient({ restRoot: `${url}/wp-json/`, timeoutMs: 200, retries: 1, backoffMs: 5 })
    expect(await reasonOf(client.get('wp/v2/posts'))).toBe('timeout')
  })

  it('stops at once when the user cancels', async () => {
    const url = await serve(() => undefined)
    const controller = new AbortController()
    const client = new WpClient({ restRoot: `${url}/wp-json/`, signal: controller.signal, timeoutMs: 10_000 })
    setTimeout(() => controller.abort(), 50)
    expect(await reasonOf(client.get('wp/v2/posts'))).toBe('cancelled')
  })
})

describe('finding a site', () => {
  it('follows the Link header, and falls back to ?rest_route= when there is none', async () => {
    const withLink = await serve((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { link: '</wp-json/>; rel="https://api.w.org/"', 'content-type': 'text/html' })
        return res.end('<html></html>')
      }
      json(res, 200, { name: 'جريدة', namespaces: ['wp/v2'], authentication: { 'application-passwords': {} } })
    })
    expect(await discoverSite(withLink)).toMatchObject({ name: 'جريدة', restRoot: `${withLink}/wp-json/`, applicationPasswords: true })
    const noLink = await serve((req, res) => {
      if (req.url?.startsWith('/?rest_route=')) return json(res, 200, { name: 'بلا روابط', namespaces: ['wp/v2'], authentication: {} })
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html></html>')
    })
    expect(await discoverSite(noLink)).toMatchObject({ name: 'بلا روابط', restRoot: `${noLink}/?rest_route=/`, applicationPasswords: false })
  })

  it('tells a site that is not WordPress from one whose REST API is off', async () => {
    const plain = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html><body>مدونة عادية</body></html>')
    })
    expect(await reasonOf(discoverSite(plain))).toBe('not_wordpress')
    const restOff = await serve((req, res) => {
      if (req.url?.startsWith('/?rest_route=')) return json(res, 404, { code: 'rest_no_route', message: 'off' })
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<link rel="stylesheet" href="/wp-content/themes/x/style.css">')
    })
    expect(await reasonOf(discoverSite(restOff))).toBe('rest_disabled')
    const disabledByPlugin = await serve((req, res) => {
      if (req.url?.startsWith('/?rest_route=')) return json(res, 401, { code: 'rest_disabled', message: 'The REST API is disabled on this site.' })
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html></html>')
    })
    expect(await reasonOf(discoverSite(disabledByPlugin))).toBe('rest_disabled')
  })

  it('says so when nothing answers at the address, or the site hangs', async () => {
    expect(await reasonOf(discoverSite('http://127.0.0.1:9'))).toBe('wrong_address')
    const hang = await serve(() => undefined)
    expect(await reasonOf(discoverSite(hang, { timeoutMs: 200 }))).toBe('timeout')
  })
})

describe('signing in where application passwords are off', () => {
  it('says so instead of blaming the password', async () => {
    // A production site on plain HTTP: the index offers no application passwords, and the header is ignored.
    const url = await serve((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { link: '</wp-json/>; rel="https://api.w.org/"' })
        return res.end('')
      }
      if (req.url?.split('?')[0] === '/wp-json/') return json(res, 200, { name: 'موقع', namespaces: ['wp/v2'], authentication: {} })
      json(res, 401, { code: 'rest_not_logged_in', message: 'You are not currently logged in.' })
    })
    const data = tempDir()
    const services = servicesIn(data.dir)
    try {
      const error = await services.sync.addSite({ url, username: 'a', appPassword: 'b' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as InstanceType<typeof AppError>).reason).toBe('app_passwords_unavailable')
      expect(services.sync.sites()).toEqual([])
    } finally {
      services.close()
      data.remove()
    }
  })
})
