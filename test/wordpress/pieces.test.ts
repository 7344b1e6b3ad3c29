import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import type { FetchLike } from '@main/sync/wordpress/client'
import { PIECE_BYTES } from '@main/sync/pieces'
import { DEFAULT_WEB_SIZE, sizedForWeb } from '@main/media/resize'
import * as sitesRepo from '@main/store/repositories/sites'
import { cameraJpeg } from '../support/images'
import { body as doc, image, paragraph as para } from '../support/lexical'
import { startShapedLink, type LinkShape, type ShapedLink } from '../support/shaped-link'
import { tempDir } from '../support/temp'
import type { WpUser } from '../support/wordpress'
import { addSite, restOn, syncServices, wp, wpBridge, write } from './helpers'

/**
 * Photos sent to the companion plugin in pieces (wordpress-plugin/qalam-bridge/uploads.php and
 * src/main/sync/pieces.ts), against the real WordPress: a cut costs the piece it cut, a lost
 * answer to "finish" does not make a second attachment, and the plugin holds a hostile client to
 * its bounds.
 */

let tmp: ReturnType<typeof tempDir>
beforeAll(() => {
  tmp = tempDir()
})
afterAll(() => tmp.remove())

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex')

interface Media {
  id: number
  source_url: string
  alt_text: string
  author: number
  caption: { raw: string }
}

/** The site's attachments named by a fingerprint, as the admin sees them. */
const attachments = (url: string, search: string) => restOn<Media[]>(url, wpBridge().admin, 'GET', `wp/v2/media?search=${search}&context=edit&per_page=100`)

/** An attachment's file as the site keeps it (Debian's WordPress keeps uploads under /var/lib, which php -S does not serve). */
async function fileOnSite(sourceUrl: string): Promise<Uint8Array> {
  const path = new URL(sourceUrl).pathname
  const debian = join('/var/lib/wordpress', path)
  if (wpBridge().version.startsWith('6.1') && existsSync(debian)) return readFileSync(debian)
  return new Uint8Array(await (await fetch(sourceUrl)).arrayBuffer())
}

/** A desk with a 2.4-megapixel camera photo in an article assigned to the bridged site (through `link` when given). */
async function photoArticle(services: Services, seed: number, siteUrl = wpBridge().url) {
  const site = await services.sync.addSite({ url: siteUrl, username: wpBridge().author.login, appPassword: wpBridge().author.appPassword })
  const source = join(tmp.dir, `photo-${seed}.jpg`)
  writeFileSync(source, await cameraJpeg(2400, 1600, { seed, quality: 95 }))
  const media = services.media.importFile(source)
  const created = services.articles.create(`صورة على قطع ${seed}`)
  write(services, created.id, { body: doc(para('خبر من الميدان'), image(media.id, 'وصف الصورة', 'تعليق الصورة')) })
  services.sync.assign(created.id, site.id)
  const sent = (await sizedForWeb(services.media.read(media.id)!, media.mime, DEFAULT_WEB_SIZE)).bytes
  return { site, articleId: created.id, media, sent, fingerprint: `qalam-${media.id.split('.')[0]}` }
}

/** Counts the requests a desk makes, by method and route. */
function counting(): { fetch: FetchLike; seen: string[] } {
  const seen: string[] = []
  return {
    seen,
    fetch: (input, init) => {
      const url = new URL(String(input))
      seen.push(`${init?.method ?? 'GET'} ${(url.searchParams.get('rest_route') ?? url.pathname).replace(/^\/wp-json/, '')}`)
      return fetch(input, init)
    }
  }
}

describe('a photo sent to the companion plugin in pieces', () => {
  it('arrives whole, as the attachment core would make (bytes, alt text, caption, author), in pieces of 256 KB', async () => {
    const data = tempDir()
    const requests = counting()
    const services = syncServices(data.dir, { fetch: requests.fetch })
    try {
      const { articleId, sent, fingerprint } = await photoArticle(services, 1)
      expect(sent.length).toBeGreaterThan(PIECE_BYTES)
      await services.sync.run()
      expect(services.sync.state(articleId).state).toBe('synced')
      const pieces = requests.seen.filter((r) => r.startsWith('PUT /qalam/v1/uploads/'))
      expect(pieces).toHaveLength(Math.ceil(sent.length / PIECE_BYTES))
      expect(requests.seen.filter((r) => r.startsWith('POST /wp/v2/media'))).toEqual([])
      const [made, ...more] = await attachments(wpBridge().url, fingerprint)
      expect(more).toEqual([])
      expect(made!.alt_text).toBe('وصف الصورة')
      expect(made!.caption.raw).toBe('تعليق الصورة')
      expect(made!.author).toBe(wpBridge().author.id)
      expect(md5(await fileOnSite(made!.source_url))).toBe(md5(sent))
    } finally {
      services.close()
      data.remove()
    }
  })

  it('a cut in the middle of a piece costs that piece: the rest is not sent again, the sync ends in the same run, one attachment', async () => {
    const shape: LinkShape = { upBytesPerS: 4_000_000, downBytesPerS: 4_000_000, rttMs: 20, resetRate: 0, random: Math.random }
    const link: ShapedLink = await startShapedLink({ host: '127.0.0.1', port: wpBridge().port }, shape)
    const data = tempDir()
    const services = syncServices(data.dir, { settleMs: 60_000 })
    try {
      const siteUrl = `http://127.0.0.1:${link.port}`
      const { articleId, sent, fingerprint } = await photoArticle(services, 2, siteUrl)
      // Cut in the second piece: the first stays on the site.
      const before = link.bytes.up
      shape.cutAtTotalUp = before + PIECE_BYTES + PIECE_BYTES / 2
      const t0 = performance.now()
      await services.sync.run()
      const wall = performance.now() - t0
      expect(link.resets).toBe(1)
      expect(services.sync.state(articleId).state).toBe('synced')
      // No doubt to wait out (settleMs is a minute here): the run went on at once.
      expect(wall).toBeLessThan(30_000)
      const up = link.bytes.up - before
      // Sent: the photo once, what the cut piece had carried, and the requests' own text.
      expect(up - sent.length).toBeLessThan(PIECE_BYTES + 60_000)
      expect(link.wastedUp).toBeLessThanOrEqual(PIECE_BYTES + 4096)
      const made = await attachments(wpBridge().url, fingerprint)
      expect(made).toHaveLength(1)
      expect(md5(await fileOnSite(made[0]!.source_url))).toBe(md5(sent))
    } finally {
      services.close()
      data.remove()
      await link.close()
    }
  })

  it('a lost answer to "finish" is asked again and gives the same attachment, not a second', async () => {
    const data = tempDir()
    let lost = 0
    // The site finishes the upload and the answer never comes back (the link drops it), once.
    const dropFinish: FetchLike = async (input, init) => {
      const response = await fetch(input, init)
      if (String(input).includes('%2Ffinish') || String(input).includes('/finish')) {
        if (lost++ === 0) {
          await response.arrayBuffer()
          throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
        }
      }
      return response
    }
    const services = syncServices(data.dir, { fetch: dropFinish, settleMs: 60_000 })
    try {
      const { articleId, fingerprint } = await photoArticle(services, 3)
      await services.sync.run()
      expect(lost).toBe(2)
      expect(services.sync.state(articleId).state).toBe('synced')
      expect(await attachments(wpBridge().url, fingerprint)).toHaveLength(1)
    } finally {
      services.close()
      data.remove()
    }
  })

  it('a site whose plugin has no uploads (an older Qalam Bridge) gets the photo whole, as before', async () => {
    const data = tempDir()
    const requests = counting()
    const services = syncServices(data.dir, { fetch: requests.fetch })
    try {
      const site = await addSite(services, 'author', wp().url)
      // The site without the plugin, taken for one with an older plugin: its uploads route is missing.
      sitesRepo.setSiteBridge(services.store.connection(), site.id, true)
      const source = join(tmp.dir, 'photo-4.jpg')
      writeFileSync(source, await cameraJpeg(1200, 800, { seed: 4 }))
      const media = services.media.importFile(source)
      const created = services.articles.create('صورة إلى موقع قديم')
      write(services, created.id, { body: doc(para('خبر'), image(media.id, '', '')) })
      services.sync.assign(created.id, site.id)
      await services.sync.run()
      expect(services.sync.state(created.id).state).toBe('synced')
      expect(requests.seen.filter((r) => r.startsWith('PUT /qalam/v1/uploads/'))).toHaveLength(1)
      expect(requests.seen.filter((r) => r === 'POST /wp/v2/media')).toHaveLength(1)
    } finally {
      services.close()
      data.remove()
    }
  })
})

describe('the plugin holds a client to its bounds', () => {
  const route = (id: string) => `qalam/v1/uploads/${id}`
  /** A raw call as the given user: its status and answer. */
  async function call(user: WpUser, method: string, path: string, body?: Uint8Array | object, headers: Record<string, string> = {}) {
    const [p, q] = path.split('?')
    const raw = body instanceof Uint8Array
    const response = await fetch(`${wpBridge().url}/?rest_route=/${p}${q === undefined ? '' : `&${q}`}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}`,
        'content-type': raw ? 'application/octet-stream' : 'application/json',
        ...headers
      },
      body: body === undefined ? undefined : raw ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body)
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }
  const piece = (user: WpUser, id: string, whole: Uint8Array, first: number, last: number, hash = md5(whole.subarray(first, last + 1))) =>
    call(user, 'PUT', route(id), whole.subarray(first, last + 1), {
      'content-range': `bytes ${first}-${last}/${whole.length}`,
      'content-md5': hash,
      'x-qalam-upload-md5': md5(whole)
    })

  it('refuses a piece that is not what was sent, one past what arrived, a file over the site’s limit, and a subscriber', async () => {
    const author = wpBridge().author
    const photo = await cameraJpeg(600, 400, { seed: 5 })
    const id = randomUUID()
    expect((await piece(author, id, photo, 0, 999, md5(new Uint8Array(1000)))).status).toBe(412)
    expect((await piece(author, id, photo, 0, 999)).json).toMatchObject({ received: 1000, total: photo.length })
    // Sent again (a lost answer): acknowledged, not appended.
    expect((await piece(author, id, photo, 0, 999)).json).toMatchObject({ received: 1000 })
    const skipped = await piece(author, id, photo, 2000, 2999)
    expect([skipped.status, skipped.json.code]).toEqual([409, 'qalam_upload_offset'])
    expect((await call(author, 'GET', route(id))).json).toMatchObject({ received: 1000 })
    // Another user does not see this user's upload.
    expect((await call(wpBridge().editor, 'GET', route(id))).json).toMatchObject({ received: 0 })
    // A finish before all of it arrived, or with another hash: refused, and nothing made.
    const early = await call(author, 'POST', `${route(id)}/finish`, { md5: md5(photo), filename: 'early.jpg' })
    expect([early.status, early.json.code]).toEqual([409, 'qalam_upload_incomplete'])
    expect((await piece(author, id, photo, 1000, photo.length - 1)).json).toMatchObject({ received: photo.length })
    const forged = await call(author, 'POST', `${route(id)}/finish`, { md5: md5(new Uint8Array(3)), filename: 'forged.jpg' })
    expect(forged.status).toBe(412)
    expect((await call(author, 'GET', route(id))).json).toMatchObject({ received: 0 })
    // A whole file larger than the site takes in one upload (PHP's upload_max_filesize under php -S: 2 MB).
    const huge = new Uint8Array(64 * 1024 * 1024)
    const tooBig = await call(author, 'PUT', route(randomUUID()), huge.subarray(0, 1000), {
      'content-range': `bytes 0-999/${huge.length}`,
      'content-md5': md5(huge.subarray(0, 1000)),
      'x-qalam-upload-md5': md5(huge)
    })
    expect([tooBig.status, tooBig.json.code]).toEqual([413, 'rest_upload_file_too_big'])
    expect((await piece(wpBridge().subscriber, randomUUID(), photo, 0, 999)).status).toBe(403)
    // A malformed range, or a piece longer than its range says.
    expect((await call(author, 'PUT', route(randomUUID()), photo.subarray(0, 10), { 'content-range': 'bytes=0-9', 'x-qalam-upload-md5': md5(photo) })).status).toBe(400)
    expect(await piece(author, randomUUID(), photo, 0, 9, md5(photo.subarray(0, 10))).then((r) => r.status)).toBe(200)
  })

  it('makes no attachment of a file that is not a picture, whatever it is named', async () => {
    const author = wpBridge().author
    const script = new TextEncoder().encode('<?php echo "owned"; ?>' + ' '.repeat(2000))
    const id = randomUUID()
    expect((await piece(author, id, script, 0, script.length - 1)).json).toMatchObject({ received: script.length })
    const finished = await call(author, 'POST', `${route(id)}/finish`, { md5: md5(script), filename: 'qalam-script.jpg' })
    expect(finished.status).toBe(400)
    expect(await attachments(wpBridge().url, 'qalam-script')).toEqual([])
  })
})
