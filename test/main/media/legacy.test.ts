import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { localHash, localSnapshot } from '@main/sync/snapshots'
import { snapshotHash } from '@main/document/local-form'
import { tempDir } from '../../support/temp'
import { servicesIn } from '../../support/fixtures'
import { writeBody } from '../../support/desks'
import { body, image, paragraph } from '../../support/lexical'
import { PHOTOS_DIR, expectedPhotos, havePhotos } from '../../support/photos'
import { tinyPng } from '../../support/images'

/**
 * Images an earlier Qalam stored with their GPS: the first start of this version cleans
 * them (migration 0160 marks them), renames them everywhere, and deletes the old files.
 */

let tmp: ReturnType<typeof tempDir> | null = null
let open: Services[] = []
afterEach(() => {
  for (const s of open) s.close()
  open = []
  tmp?.remove()
})
const start = (dir: string) => {
  const s = servicesIn(dir)
  open.push(s)
  return s
}

describe.skipIf(!havePhotos)('images stored by an earlier version', () => {
  const photo = expectedPhotos().find((p) => p.file.startsWith('jpeg-canon-eos600d'))!
  const raw = havePhotos ? readFileSync(join(PHOTOS_DIR, photo.file)) : Buffer.alloc(0)
  const rawId = `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}.jpg`

  /** A store as an earlier version left it: the photo as it came, named by its raw bytes, in an article, a version, an upload and a sync base. */
  function earlierStore(): { dir: string; articleId: string } {
    tmp = tempDir()
    const s = start(tmp.dir)
    const db = s.store.connection()
    mkdirSync(join(tmp.dir, 'media'), { recursive: true })
    writeFileSync(join(tmp.dir, 'media', rawId), raw)
    db.prepare(`INSERT INTO media (id, mime, bytes, sha256, original_name, created_at, cleaned) VALUES (?, 'image/jpeg', ?, ?, 'IMG_5910.jpg', 1, 0)`).run(
      rawId,
      raw.length,
      createHash('sha256').update(raw).digest('hex')
    )
    const article = s.articles.create('صور من الميناء')
    writeBody(s, article.id, body(paragraph('فقرة أولى.'), image(rawId, 'الميناء', 'صورة المرفأ')))
    const current = s.articles.get(article.id)
    s.articles.save({ ...current, meta: { ...current.meta, featuredImage: rawId }, caret: null })
    s.revisions.createManual(article.id)
    db.prepare(
      `INSERT INTO sites (id, url, rest_root, name, username, user_id, display_name, capabilities, secret, secret_storage, created_at)
       VALUES ('s1', 'http://127.0.0.1:1', 'http://127.0.0.1:1/wp-json/', 'موقع', 'u', 1, 'U', '{}', x'00', 'plain', 1)`
    ).run()
    db.prepare(`INSERT INTO media_uploads (media_id, site_id, remote_id, source_url, uploaded_at) VALUES (?, 's1', 77, 'http://127.0.0.1:1/a.jpg', 1)`).run(rawId)
    const base = localSnapshot(db, s.articles.get(article.id))
    db.prepare(`INSERT INTO article_sync (article_id, site_id, remote_id, base_hash, base, state) VALUES (?, 's1', 5, ?, ?, 'synced')`).run(
      article.id,
      snapshotHash(base),
      JSON.stringify(base)
    )
    s.close()
    open = []
    return { dir: tmp.dir, articleId: article.id }
  }

  it('are cleaned at the first start, renamed everywhere, and the GPS-tagged file is gone', () => {
    const { dir, articleId } = earlierStore()
    const s = start(dir)
    const db = s.store.connection()
    const article = s.articles.get(articleId)
    const cleanId = article.meta.featuredImage
    expect(cleanId).not.toBe(rawId)
    expect(article.body).toContain(cleanId)
    expect(article.body).not.toContain(rawId)
    expect(existsSync(join(dir, 'media', rawId))).toBe(false)
    const stored = s.media.read(cleanId)!
    // Only the sealed copy is left in the folder: no file is named by the picture or holds it plain.
    expect(readdirSync(join(dir, 'media')).every((f) => f.endsWith('.qm'))).toBe(true)
    for (const text of photo.asciiMustNotSurvive) expect(stored.includes(Buffer.from(text, 'latin1')), text).toBe(false)
    // The version, the upload and the sync base follow: the article does not look changed, and the site's attachment is still its image.
    for (const r of s.revisions.list(articleId)) {
      const v = s.revisions.get(r.id)
      expect(v.body).not.toContain(rawId)
      expect(v.meta.featuredImage).toBe(cleanId)
    }
    expect(db.prepare('SELECT media_id, remote_id FROM media_uploads').all()).toEqual([{ media_id: cleanId, remote_id: 77 }])
    const link = db.prepare('SELECT base_hash FROM article_sync WHERE article_id = ?').get(articleId) as { base_hash: string }
    expect(localHash(db, article)).toBe(link.base_hash)
    expect(db.prepare('SELECT count(*) AS n FROM media WHERE cleaned = 0').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM media_discard').get()).toEqual({ n: 0 })
    // Every later start finds nothing to do.
    expect(s.media.cleanEarlierImages()).toEqual({ cleaned: 0, failed: 0 })
  })

  it('a crash after the rename and before the deletion is finished at the next start', () => {
    const { dir } = earlierStore()
    const s = start(dir)
    // As if the old file had survived the crash, with its deletion noted.
    writeFileSync(join(dir, 'media', rawId), raw)
    s.store.connection().prepare('INSERT INTO media_discard (file) VALUES (?)').run(rawId)
    s.close()
    open = []
    start(dir)
    expect(existsSync(join(dir, 'media', rawId))).toBe(false)
  })

  it('an earlier image that cannot be read is counted and left for the next start, and the rest goes on', () => {
    const { dir, articleId } = earlierStore()
    writeFileSync(join(dir, 'media', rawId), Buffer.from('not a picture any more'))
    const s = start(dir)
    expect(s.articles.get(articleId).meta.featuredImage).toBe(rawId)
    expect(s.media.cleanEarlierImages()).toEqual({ cleaned: 0, failed: 1 })
  })
})

describe('plain images stored by an earlier version', () => {
  it('an image with nothing to clean is sealed all the same, and its plain file deleted', () => {
    tmp = tempDir()
    const first = start(tmp.dir)
    const png = tinyPng(12, 9)
    const id = `${createHash('sha256').update(png).digest('hex').slice(0, 32)}.png`
    mkdirSync(join(tmp.dir, 'media'), { recursive: true })
    writeFileSync(join(tmp.dir, 'media', id), png)
    first.store
      .connection()
      .prepare(`INSERT INTO media (id, mime, bytes, sha256, original_name, created_at, cleaned) VALUES (?, 'image/png', ?, ?, 'a.png', 1, 0)`)
      .run(id, png.length, createHash('sha256').update(png).digest('hex'))
    first.close()
    open = []
    const s = start(tmp.dir)
    expect(s.media.read(id)?.equals(png)).toBe(true)
    expect(existsSync(join(tmp.dir, 'media', id))).toBe(false)
    expect(readdirSync(join(tmp.dir, 'media')).every((f) => f.endsWith('.qm'))).toBe(true)
  })
})
