/**
 * The adversary: someone who has an old copy of `desk-key.json` (a backup, a forensic image of
 * the disk, blocks carved from it) from before the reporter set a passphrase. Before, setting the
 * passphrase re-wrapped the same key, so that copy opened the desk without the passphrase. Now
 * every change of protection makes a new key; and a crash at any step of that change leaves a
 * desk that opens, with every article and image, and without what the old key opened.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { KEY_FILE, readKeyFile, unwrap, wrapWithPassphrase } from '@main/store/desk-key'
import { beginKeyChange, NEXT_KEY_FILE, type RekeyStep } from '@main/store/rekey'
import { draftOf, servicesIn, testPlatform } from '../support/fixtures'
import { testSecrets } from '../support/secrets'
import { tinyPng } from '../support/images'
import { tempDir } from '../support/temp'

const PASSPHRASE = 'عبارة مرور للمراسل الميداني'
let tmp: ReturnType<typeof tempDir>
let open: Services[] = []
afterEach(() => {
  for (const s of open) s.close()
  open = []
  tmp?.remove()
})
const desk = (more: Parameters<typeof servicesIn>[2] = {}, storage: 'os' | 'plain' | 'unavailable' = 'os') => {
  const s = servicesIn(tmp.dir, testPlatform({ secrets: testSecrets(storage) }), more)
  open.push(s)
  return s
}
const closeAll = () => {
  for (const s of open) s.close()
  open = []
}

/** A desk with an article and an image, as a reporter leaves it. */
function written(storage: 'os' | 'plain' | 'unavailable' = 'os'): { articleId: string; imageId: string } {
  const s = desk({}, storage)
  const a = s.articles.create('مصادر التحقيق')
  s.articles.save(draftOf(a.id, 'مصادر التحقيق', 'التقيت المصدر قرب الجسر'))
  const image = s.media.importBytes(tinyPng(), 'photo.png')
  closeAll()
  return { articleId: a.id, imageId: image.id }
}

describe('the desk key changes with its protection', () => {
  it('an old copy of the key file opens nothing once a passphrase is set; the desk opens with the passphrase, every article and image with it', () => {
    tmp = tempDir()
    const { articleId, imageId } = written()
    const oldCopy = join(tmp.dir, '..', `old-key-${Date.now()}.json`)
    copyFileSync(join(tmp.dir, KEY_FILE), oldCopy)
    const s = desk()
    expect(s.setPassphrase(PASSPHRASE)).toBe('passphrase')
    expect(s.articles.get(articleId).bodyText).toContain('المصدر')
    expect(s.media.read(imageId)).not.toBeNull()
    // One sealed file per image: what the old key sealed is gone.
    expect(readdirSync(join(tmp.dir, 'media')).filter((n) => n.endsWith('.qm'))).toHaveLength(1)
    closeAll()
    // The attacker puts the old key file back: the keyring opens it, but it is not the store's key any more.
    const kept = readFileSync(join(tmp.dir, KEY_FILE))
    copyFileSync(oldCopy, join(tmp.dir, KEY_FILE))
    const attacker = desk()
    expect(attacker.store.status().state).toBe('failed')
    closeAll()
    writeFileSync(join(tmp.dir, KEY_FILE), kept)
    const reporter = desk()
    expect(reporter.store.status()).toMatchObject({ state: 'locked', needsPassphrase: true })
    expect(reporter.store.unlock(PASSPHRASE).state).toBe('ready')
    expect(reporter.articles.get(articleId).bodyText).toContain('المصدر')
    expect(reporter.media.read(imageId)).not.toBeNull()
  })

  it('changing or removing a passphrase takes the current one; a key left without a keyring’s protection only when the reporter accepts it', () => {
    tmp = tempDir()
    written('plain')
    const s = desk({}, 'plain')
    expect(s.keyProtection()).toBe('obfuscated')
    expect(s.setPassphrase(PASSPHRASE)).toBe('passphrase')
    expect(() => s.setPassphrase('عبارة أخرى طويلة بما يكفي')).toThrow(/current passphrase/)
    expect(s.setPassphrase('عبارة أخرى طويلة بما يكفي', PASSPHRASE)).toBe('passphrase')
    expect(() => s.setPassphrase(null, 'عبارة أخرى طويلة بما يكفي')).toThrow(/no keyring/)
    expect(s.setPassphrase(null, 'عبارة أخرى طويلة بما يكفي', true)).toBe('obfuscated')
  })

  const steps: RekeyStep[] = ['journal', 'media', 'store-copy', 'store-swap', 'key-overwrite', 'key-file', 'done']
  for (const at of steps) {
    it(`a crash at «${at}» while setting a passphrase leaves a desk that opens with every article and image, and nothing the old key opens`, () => {
      tmp = tempDir()
      const { articleId, imageId } = written()
      const oldKeyFile = readFileSync(join(tmp.dir, KEY_FILE))
      const crashing = desk({
        keyChangeStep: (step) => {
          if (step === at) throw new Error(`crash at ${step}`)
        }
      })
      expect(() => crashing.setPassphrase(PASSPHRASE)).toThrow(`crash at ${at}`)
      crashing.store.abandon()
      open = []
      // The next start: the change is finished (the store had the new key) or undone (it had not).
      const after = desk()
      let state = after.store.status()
      const finished = state.state === 'locked'
      if (finished) state = after.store.unlock(PASSPHRASE)
      expect(state.state).toBe('ready')
      expect(after.articles.get(articleId).bodyText).toContain('المصدر')
      expect(after.media.read(imageId)).not.toBeNull()
      expect(existsSync(join(tmp.dir, NEXT_KEY_FILE))).toBe(false)
      expect(readdirSync(join(tmp.dir, 'media')).filter((n) => n.endsWith('.qm'))).toHaveLength(1)
      expect(finished).toBe(['store-swap', 'key-overwrite', 'key-file', 'done'].includes(at))
      if (finished) {
        // The old key file (as a backup kept it) no longer opens the store.
        closeAll()
        writeFileSync(join(tmp.dir, KEY_FILE), oldKeyFile)
        expect(desk().store.status().state).toBe('failed')
      }
    })
  }

  it('a crash that leaves the journal and a half-made store copy before the swap is undone at the next start: the old protection opens the desk, nothing new is left', () => {
    tmp = tempDir()
    const { articleId, imageId } = written()
    const s = desk()
    const oldKey = unwrap(readKeyFile(tmp.dir)!, testSecrets('os'), null)!
    beginKeyChange({ dataDir: tmp.dir, oldKey, wrap: (k) => wrapWithPassphrase(k, PASSPHRASE), resealMedia: (k) => void s.media.resealAll(k) })
    writeFileSync(join(tmp.dir, 'qalam.db.rekeying'), 'half a copy')
    s.store.abandon()
    open = []
    expect(readdirSync(join(tmp.dir, 'media')).filter((n) => n.endsWith('.qm'))).toHaveLength(2)
    const after = desk()
    expect(after.store.status().state).toBe('ready')
    expect(after.keyProtection()).toBe('os')
    expect(after.articles.get(articleId).bodyText).toContain('المصدر')
    expect(after.media.read(imageId)).not.toBeNull()
    expect(existsSync(join(tmp.dir, NEXT_KEY_FILE))).toBe(false)
    expect(existsSync(join(tmp.dir, 'qalam.db.rekeying'))).toBe(false)
    expect(readdirSync(join(tmp.dir, 'media')).filter((n) => n.endsWith('.qm'))).toHaveLength(1)
  })
})
