import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { openDatabase, isPlainStore } from '@main/store/connection'
import { DeskKeyError, KEY_FILE, openDeskKey, readKeyFile, unwrap, wrapWithPassphrase } from '@main/store/desk-key'
import * as articlesRepo from '@main/store/repositories/articles'
import { tempDir } from '../../support/temp'
import { draftOf, servicesIn, testPlatform } from '../../support/fixtures'
import { testSecrets } from '../../support/secrets'

/**
 * The store at rest: what a seized laptop's disk shows. Every file under the data folder
 * is scanned for words of the articles (as UTF-8 and UTF-16) while the app runs (the WAL
 * holds the latest saves) and after it closes.
 */

let tmp: ReturnType<typeof tempDir> | null = null
const running: Services[] = []
afterEach(() => {
  for (const s of running.splice(0)) s.close()
  tmp?.remove()
  tmp = null
})
const start = (dir: string, storage: 'os' | 'plain' | 'unavailable' = 'os') => {
  const s = servicesIn(dir, testPlatform({ secrets: testSecrets(storage) }))
  running.push(s)
  return s
}

const SECRETS = ['المصدرالسري', 'سمير-في-الميناء', 'Khalil-0799-source', 'قاعدة-التهريب']

/** Files under the folder that hold any of the words, in UTF-8 or UTF-16LE. */
function filesHolding(dir: string, words: string[]): string[] {
  const found: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else {
        const bytes = readFileSync(path)
        for (const w of words) if (bytes.includes(Buffer.from(w, 'utf8')) || bytes.includes(Buffer.from(w, 'utf16le'))) found.push(`${name}: ${w}`)
      }
    }
  }
  walk(dir)
  return found
}

/** An article, a comment, a dictionary word and the search index, all holding the secret words. */
function writeSecrets(s: Services): string {
  const a = s.articles.create(SECRETS[0]!)
  s.articles.save(draftOf(a.id, SECRETS[0]!, `قال ${SECRETS[1]} إن ${SECRETS[2]} شاهد ${SECRETS[3]}.`))
  s.review.comment({ articleId: a.id, id: 'c1', body: `تحقق من ${SECRETS[1]}` })
  s.proofing.addWord(SECRETS[3]!)
  s.search.indexPending()
  expect(s.search.search(SECRETS[3]!).map((h) => h.id)).toEqual([a.id])
  return a.id
}

describe('an encrypted desk', () => {
  it('keeps no word of the articles readable in the database, its WAL or anywhere in the data folder, running or closed', () => {
    tmp = tempDir()
    const s = start(tmp.dir)
    writeSecrets(s)
    expect(isPlainStore(join(tmp.dir, 'qalam.db'))).toBe(false)
    expect(existsSync(join(tmp.dir, 'qalam.db-wal'))).toBe(true)
    expect(filesHolding(tmp.dir, SECRETS)).toEqual([])
    s.close()
    running.length = 0
    expect(filesHolding(tmp.dir, SECRETS)).toEqual([])
    // The check can fail: the same words in a plain store are found.
    const plain = openDatabase(join(tmp.dir, 'plain.db'))
    articlesRepo.insertArticle(plain, { ...draftOf('p', SECRETS[0]!, SECRETS[2]!), status: 'draft', createdAt: 1, updatedAt: 1, saveCount: 0, trashedAt: null })
    plain.close()
    expect(filesHolding(tmp.dir, SECRETS).length).toBeGreaterThan(0)
  })

  it('wraps the key with the system keyring; the key file holds no key, and the desk opens again', () => {
    tmp = tempDir()
    const s = start(tmp.dir)
    const id = writeSecrets(s)
    expect(s.keyProtection()).toBe('os')
    const key = openDeskKey(tmp.dir, testSecrets())!.key
    expect(readFileSync(join(tmp.dir, KEY_FILE), 'utf8')).not.toContain(key.toString('hex'))
    s.close()
    running.length = 0
    expect(start(tmp.dir).articles.get(id).title).toBe(SECRETS[0])
  })

  it('says how well the key is kept where the keyring is only obfuscation, or missing', () => {
    tmp = tempDir()
    expect(start(join(tmp.dir, 'a'), 'plain').keyProtection()).toBe('obfuscated')
    const bare = start(join(tmp.dir, 'b'), 'unavailable')
    expect(bare.keyProtection()).toBe('none')
    const id = bare.articles.create('مادة').id
    bare.close()
    running.length = 0
    // A keyring installed since takes the key over: the key file no longer holds it bare.
    const later = start(join(tmp.dir, 'b'), 'os')
    expect(later.keyProtection()).toBe('os')
    expect(later.articles.get(id).title).toBe('مادة')
    expect(readKeyFile(join(tmp.dir, 'b'))?.protection).toBe('os')
  })

  it("encrypts an earlier version's plain store in place, and the plain words are gone from the folder", () => {
    tmp = tempDir()
    const plain = openDatabase(join(tmp.dir, 'qalam.db'))
    articlesRepo.insertArticle(plain, { ...draftOf('old', SECRETS[0]!, `${SECRETS[1]} ${SECRETS[2]}`), status: 'draft', createdAt: 1, updatedAt: 1, saveCount: 0, trashedAt: null })
    plain.close()
    expect(filesHolding(tmp.dir, SECRETS).length).toBeGreaterThan(0)
    const s = start(tmp.dir)
    expect(s.articles.get('old').bodyText).toContain(SECRETS[2])
    expect(isPlainStore(join(tmp.dir, 'qalam.db'))).toBe(false)
    s.close()
    running.length = 0
    expect(filesHolding(tmp.dir, SECRETS)).toEqual([])
    expect(readdirSync(tmp.dir).filter((f) => f.includes('encrypting'))).toEqual([])
  })

  it('a crash halfway through the encryption loses nothing: the plain store is still there, and the next start finishes', () => {
    tmp = tempDir()
    const plain = openDatabase(join(tmp.dir, 'qalam.db'))
    articlesRepo.insertArticle(plain, { ...draftOf('old', 'قديم', 'نص قديم'), status: 'draft', createdAt: 1, updatedAt: 1, saveCount: 0, trashedAt: null })
    plain.close()
    // What a crash leaves: a half-written encrypted copy beside the untouched plain store.
    writeFileSync(join(tmp.dir, 'qalam.db.encrypting'), Buffer.alloc(8192, 7))
    const s = start(tmp.dir)
    expect(s.articles.get('old').bodyText).toBe('نص قديم')
    expect(existsSync(join(tmp.dir, 'qalam.db.encrypting'))).toBe(false)
  })

  it('a key file that is damaged, planted or that the keyring cannot open: the store is not opened, nor changed, and can be set aside', () => {
    tmp = tempDir()
    const first = start(tmp.dir)
    const id = writeSecrets(first)
    first.close()
    running.length = 0
    const db = readFileSync(join(tmp.dir, 'qalam.db'))
    for (const bad of [
      '{"format":1,"protection":"os","sealed":"AAAA"}',
      'not json',
      '{"format":1,"protection":"none","key":"zz"}',
      JSON.stringify({ format: 1, protection: 'none', key: '00'.repeat(32) })
    ]) {
      writeFileSync(join(tmp.dir, KEY_FILE), bad)
      const s = start(tmp.dir)
      const status = s.store.status()
      expect(status.state).toBe('failed')
      if (status.state === 'failed') expect(['key-unavailable', 'not-a-database']).toContain(status.reason)
      s.close()
      running.length = 0
      expect(readFileSync(join(tmp.dir, 'qalam.db')).equals(db)).toBe(true)
    }
    writeFileSync(join(tmp.dir, KEY_FILE), 'not json')
    const s = start(tmp.dir)
    const fresh = s.store.startFresh()
    expect(fresh.state).toBe('ready')
    expect(() => s.articles.get(id)).toThrow()
    expect(readdirSync(tmp.dir).some((f) => f.endsWith('.key.json'))).toBe(true)
  })

  it('a passphrase wraps the key (scrypt, AES-GCM); the wrong one is told apart from a damaged file', () => {
    tmp = tempDir()
    const key = Buffer.alloc(32, 9)
    const file = wrapWithPassphrase(key, 'جملة مرور طويلة للمراسلة')
    expect(JSON.stringify(file)).not.toContain(key.toString('hex'))
    expect(unwrap(file, testSecrets(), 'جملة مرور طويلة للمراسلة')!.equals(key)).toBe(true)
    expect(unwrap(file, testSecrets(), null)).toBeNull()
    expect(() => unwrap(file, testSecrets(), 'جملة أخرى')).toThrow(DeskKeyError)
    writeFileSync(join(tmp.dir, KEY_FILE), JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 30 } }))
    expect(() => readKeyFile(tmp!.dir)).toThrow(DeskKeyError)
  })
})
