import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createServices, type Services } from '@main/services'
import { DEFAULT_WEB_SIZE, sizedForWeb } from '@main/media/resize'
import { countWords } from '@shared/arabic/count'
import { EMPTY_META } from '@shared/domain/article'
import { newsParagraphs } from '../support/arabic-text'
import { makeAuthority } from '../support/certificates'
import { testPlatform } from '../support/fixtures'
import { body as doc, image, paragraph as para, textOf } from '../support/lexical'
import { PHOTOS_DIR, havePhotos } from '../support/photos'
import { startSocks5, startTlsFront, watchConnections } from '../support/proxies'
import { mulberry32 } from '../support/random'
import { testSecrets } from '../support/secrets'
import { startShapedLink, type LinkShape } from '../support/shaped-link'
import { tempDir } from '../support/temp'
import type { WordPress } from '../support/wordpress'

/**
 * `npm run bench -- network`: a reporter's bad link (256 kbit/s up, 1 Mbit/s down, 600 ms round
 * trip, 2 % of connections reset, and one forced reset in the middle of the first photo's upload)
 * between Qalam and the real WordPress. A new 1,500-word article with four phone and camera
 * originals from ../shared/fixtures/photos is synced, straight and through SOCKS5 (Tor), and the
 * bytes on the wire, the bytes wasted on attempts that did not land, duplicates and the wall time
 * against the ideal are reported.
 */
export const BAD_LINK = { upBytesPerS: 32_000, downBytesPerS: 125_000, rttMs: 600, resetRate: 0.02 } as const

/**
 * Two phone and two camera originals: the iPhone 7 and iPhone 11 Pro HEICs (4032×3024, as the
 * phones saved them; Qalam makes each a JPEG when it is added), a Nikon WebP (3648×2736) and a
 * Canon JPEG. The Pixel and iPhone 4 JPEGs there are not originals (shrunk to 1012 and 1296 px).
 */
export const NETWORK_PHOTOS = [
  'heic-apple-iphone7-gps.heic',
  'heic-apple-iphone11pro-gps-exif-at-eof.heic',
  'webp-nikon-coolpix-p7000-xmp-thumb.webp',
  'jpeg-canon-eos600d-gps-serial-xmp-iptc.jpg'
]

export interface NetworkRun {
  route: 'direct' | 'socks5'
  completed: boolean
  syncRuns: number
  wallMs: number
  idealMs: number
  up: number
  down: number
  originals: number
  /** What the photos weigh as sent (resized where libvips could read them). */
  photosSent: number
  wasted: number
  resets: number
  connections: number
  requests: number
  posts: number
  /** Images in the post's content that are attachments on the site. */
  shown: number
  /** Attachments made during the sync (fewer than the images when an upload was matched to one already there). */
  media: number
  /** Connections the process opened that were not to the link (through SOCKS5 only). */
  direct: number
  lookups: number
}

function deskServices(dir: string, extraTrust: string[]): Services {
  // Qalam's own timeouts and retries; only the wait before a doubt is looked for is shortened (2 min → 10 s).
  return createServices({ dataDir: dir, platform: testPlatform({ secrets: testSecrets('os') }), mediaBaseUrl: 'http://127.0.0.1/media/', extraTrust, sync: { settleMs: 10_000 } })
}

const countMedia = (wp: WordPress) => Number(wp.php("echo (int) wp_count_posts('attachment')->inherit;").trim())

async function oneRun(wp: WordPress, route: NetworkRun['route'], seed: number): Promise<NetworkRun> {
  const data = tempDir('qalam-bench-network-')
  const closers: (() => Promise<void>)[] = []
  const authority = makeAuthority(data.dir, ['newsroom.invalid'])
  let siteUrl = wp.url
  let linkTarget = { host: '127.0.0.1', port: wp.port }
  if (route === 'socks5') {
    const front = await startTlsFront(authority.key, authority.cert, wp.port)
    const socks = await startSocks5({ 'newsroom.invalid:443': front.port })
    closers.push(front.close, socks.stop)
    siteUrl = 'https://newsroom.invalid'
    linkTarget = { host: '127.0.0.1', port: socks.port }
  }
  const random = mulberry32(seed)
  const shape: LinkShape = { ...BAD_LINK, random }
  const link = await startShapedLink(linkTarget, shape)
  closers.push(link.close)
  if (route === 'direct') siteUrl = `http://127.0.0.1:${link.port}`
  const services = deskServices(data.dir, [authority.ca])
  services.settings.update({ network: route === 'socks5' ? { mode: 'socks5', host: '127.0.0.1', port: link.port } : { mode: 'none', host: '', port: 0 } })
  try {
    // Adding the site is not part of the figure: a random reset there is tried again, as the reporter would click again.
    let site: Awaited<ReturnType<typeof services.sync.addSite>> | undefined
    for (let attempt = 0; site === undefined; attempt++) {
      try {
        site = await services.sync.addSite({ url: siteUrl, username: wp.author.login, appPassword: wp.author.appPassword })
      } catch (error) {
        if (attempt >= 3) throw error
      }
    }
    const images = await Promise.all(NETWORK_PHOTOS.map((file) => services.media.importPhotoFile(join(PHOTOS_DIR, file))))
    const originals = NETWORK_PHOTOS.reduce((sum, file) => sum + statSync(join(PHOTOS_DIR, file)).size, 0)
    const paragraphs = newsParagraphs(1500, seed)
    // A photo after the first paragraph and then evenly through the text.
    const every = Math.ceil(paragraphs.length / images.length)
    const blocks = paragraphs.flatMap((p, i) => (i % every === 0 && images[i / every] !== undefined ? [para(p), image(images[i / every]!.id, 'صورة من الميدان', '')] : [para(p)]))
    const title = `خبر على اتصال سيئ ${route} ${Date.now()}`
    const created = services.articles.create(title)
    const body = doc(...blocks)
    const text = textOf(body)
    services.articles.save({ id: created.id, title, standfirst: '', body, bodyText: text, wordCount: countWords(text), meta: EMPTY_META, caret: null })
    services.sync.assign(created.id, site.id)
    const mediaBefore = countMedia(wp)
    // The link's counts from here: adding the site is not part of the figure.
    const before = { up: link.bytes.up, down: link.bytes.down, wasted: link.wastedUp, resets: link.resets, connections: link.connections }
    // One forced drop, in the middle of the photos: the connection carrying the 300,000th byte of the sync is cut there.
    shape.cutAtTotalUp = link.bytes.up + 300_000
    const watch = watchConnections()
    const t0 = performance.now()
    let runs = 0
    let requests = 0
    for (; runs < 8 && services.sync.state(created.id).state !== 'synced'; runs++) {
      if (runs > 0) await new Promise((r) => setTimeout(r, 2000))
      await services.sync.run().catch(() => undefined)
      requests += services.sync.engine.lastRequests
    }
    const wallMs = performance.now() - t0
    watch.stop()
    // What the photos weigh as Qalam sends them (the same sizing the sync did).
    const photosSent = (await Promise.all(images.map(async (m) => (await sizedForWeb(services.media.read(m.id)!, m.mime, DEFAULT_WEB_SIZE)).bytes.length))).reduce(
      (a, b) => a + b,
      0
    )
    const up = link.bytes.up - before.up
    const down = link.bytes.down - before.down
    const connections = link.connections - before.connections
    const remote = services.sync.state(created.id).remoteId
    const posts = Number(wp.php(`echo count(get_posts(array('title' => ${JSON.stringify(title)}, 'post_status' => 'any', 'numberposts' => -1)));`).trim())
    // The images the post shows, each an attachment that exists on the site (one a lost upload was adopted into counts too).
    const shown =
      remote === null
        ? 0
        : Number(
            wp
              .php(
                `preg_match_all('/wp-image-(\\d+)/', get_post(${remote})->post_content, $m); echo count(array_filter(array_unique($m[1]), function ($id) { return get_post((int) $id) !== null; }));`
              )
              .trim()
          )
    return {
      route,
      completed: services.sync.state(created.id).state === 'synced',
      syncRuns: runs,
      wallMs,
      idealMs: (up / BAD_LINK.upBytesPerS + down / BAD_LINK.downBytesPerS) * 1000 + (requests + connections) * BAD_LINK.rttMs,
      up,
      down,
      originals,
      photosSent,
      wasted: link.wastedUp - before.wasted,
      resets: link.resets - before.resets,
      connections,
      requests,
      posts: remote === null ? 0 : posts,
      shown,
      media: countMedia(wp) - mediaBefore,
      direct: watch.connections.filter((c) => c.port !== link.port).length,
      lookups: watch.lookups.length
    }
  } finally {
    services.close()
    // The next run starts from a site without these photos (a cut upload is otherwise matched to one already there).
    wp.php("foreach (get_posts(array('post_type' => array('post', 'attachment'), 'post_status' => 'any', 'numberposts' => -1)) as $p) { wp_delete_post($p->ID, true); } echo 'ok';")
    for (const close of closers.reverse()) await close().catch(() => undefined)
    data.remove()
  }
}

export async function benchNetwork(wp: WordPress, seed = 26): Promise<NetworkRun[] | null> {
  if (!havePhotos) return null
  return [await oneRun(wp, 'direct', seed), await oneRun(wp, 'socks5', seed + 1)]
}
