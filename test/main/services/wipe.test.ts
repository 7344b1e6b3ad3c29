import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { applyKey } from '@main/store/connection'
import { KEY_FILE } from '@main/store/desk-key'
import { tempDir } from '../../support/temp'
import { draftOf, servicesIn } from '../../support/fixtures'
import { tinyPng } from '../../support/images'
import { deskKeyOf } from '../../support/store'

let tmp: ReturnType<typeof tempDir>
let outside: ReturnType<typeof tempDir>
let services: Services
afterEach(() => {
  services.close()
  tmp.remove()
  outside.remove()
})

const WORDS = ['المصدرالسري', 'Khalil-0799-source', 'مخزن-الميناء']

function holding(dir: string, needles: Buffer[]): string[] {
  const found: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else for (const n of needles) if (readFileSync(path).includes(n)) found.push(name)
    }
  }
  walk(dir)
  return found
}

describe('the panic wipe', () => {
  it('destroys the key first, then everything Qalam keeps, and leaves an empty desk with a new key', async () => {
    tmp = tempDir()
    outside = tempDir()
    services = servicesIn(tmp.dir)
    const a = services.articles.create(WORDS[0]!)
    services.articles.save(draftOf(a.id, WORDS[0]!, `${WORDS[1]} ${WORDS[2]}`))
    services.notes.save(a.id, WORDS[1]!)
    services.review.comment({ articleId: a.id, id: 'c1', body: WORDS[2]! })
    const png = join(outside.dir, 'p.png')
    writeFileSync(png, tinyPng(20, 20))
    services.media.importFile(png)
    writeFileSync(join(tmp.dir, 'window-state.json'), '{}')
    // What an SSD may keep of the old store after it is deleted: a copy of its blocks.
    services.store.connection().pragma('wal_checkpoint(TRUNCATE)')
    copyFileSync(join(tmp.dir, 'qalam.db'), join(outside.dir, 'remnant.db'))
    const oldKeyFile = readFileSync(join(tmp.dir, KEY_FILE))
    const oldKey = deskKeyOf(tmp.dir)

    const result = await services.wipe.wipe()
    expect(result.status.state).toBe('ready')
    expect(services.articles.list({})).toEqual([])
    expect(existsSync(join(tmp.dir, 'media'))).toBe(false)
    expect(existsSync(join(tmp.dir, 'window-state.json'))).toBe(false)
    // No word of the old desk in any file, and nothing of the old wrapped key either.
    expect(holding(tmp.dir, [...WORDS.flatMap((w) => [Buffer.from(w), Buffer.from(w, 'utf16le')]), oldKeyFile.subarray(40, 80)])).toEqual([])
    // A new key: the old store's blocks cannot be opened with what is left on this machine.
    const newKey = deskKeyOf(tmp.dir)
    expect(newKey.equals(oldKey)).toBe(false)
    const remnant = new Database(join(outside.dir, 'remnant.db'))
    applyKey(remnant, newKey)
    expect(() => remnant.pragma('user_version')).toThrow(/not a database/)
    remnant.close()
    // (The old key would have opened it: the check can fail.)
    const withOld = new Database(join(outside.dir, 'remnant.db'))
    applyKey(withOld, oldKey)
    expect(withOld.prepare('SELECT title FROM articles').get()).toEqual({ title: WORDS[0] })
    withOld.close()
    // The desk works as after installing.
    const b = services.articles.create('بداية جديدة')
    expect(services.articles.get(b.id).title).toBe('بداية جديدة')
  })

  it('is refused unless asked for in so many words', async () => {
    tmp = tempDir()
    outside = tempDir()
    services = servicesIn(tmp.dir)
    const { createDispatcher } = await import('@main/ipc/dispatch')
    const { createHandlers } = await import('@main/ipc/handlers')
    const dispatch = createDispatcher(createHandlers(services), () => {})
    const a = services.articles.create('باقية')
    expect(await dispatch('store:wipe', {}, { trusted: true })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    expect(await dispatch('store:wipe', { confirm: 'yes' }, { trusted: true })).toMatchObject({ ok: false })
    expect(await dispatch('store:wipe', { confirm: 'wipe everything' }, { trusted: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(services.articles.get(a.id).title).toBe('باقية')
  })
})
