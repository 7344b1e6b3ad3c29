import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { readKeyFile } from '@main/store/desk-key'
import { tempDir } from '../../support/temp'
import { draftOf, servicesIn } from '../../support/fixtures'

/** The lock: the store closed and its key let go; a passphrase desk opens only with the passphrase, after a restart too. */

let tmp: ReturnType<typeof tempDir>
let services: Services
afterEach(() => {
  services.close()
  tmp.remove()
})

describe('locking the desk', () => {
  it('a passphrase desk locks, refuses a wrong passphrase, and opens with the right one, after a restart too', () => {
    tmp = tempDir()
    services = servicesIn(tmp.dir)
    const a = services.articles.create('مادة')
    services.articles.save(draftOf(a.id, 'مادة', 'نص سري'))
    expect(() => services.setPassphrase('قصيرة')).toThrow(/at least 8/)
    expect(services.setPassphrase('عبارة مرور للمراسل الميداني')).toBe('passphrase')
    expect(readKeyFile(tmp.dir)?.protection).toBe('passphrase')
    expect(services.lock()).toMatchObject({ state: 'locked', needsPassphrase: true })
    // Locked: nothing can be read, and media cannot be opened without the key.
    expect(() => services.articles.get(a.id)).toThrow(/unavailable/)
    expect(services.media.read('0123456789abcdef0123456789abcdef.png')).toBeNull()
    expect(() => services.store.unlock('عبارة خاطئة تماماً')).toThrow(/passphrase/)
    expect(services.store.status().state).toBe('locked')
    expect(services.store.unlock('عبارة مرور للمراسل الميداني').state).toBe('ready')
    expect(services.articles.get(a.id).bodyText).toBe('نص سري')
    // A restart: the desk starts locked and asks for the passphrase.
    services.close()
    services = servicesIn(tmp.dir)
    expect(services.store.status()).toMatchObject({ state: 'locked', needsPassphrase: true })
    expect(services.store.unlock('عبارة مرور للمراسل الميداني').state).toBe('ready')
    // Back to the keyring: only with the current passphrase.
    expect(() => services.setPassphrase(null)).toThrow(/current passphrase/)
    expect(() => services.setPassphrase(null, 'عبارة خاطئة تماماً')).toThrow(/current passphrase/)
    expect(services.setPassphrase(null, 'عبارة مرور للمراسل الميداني')).toBe('os')
    services.close()
    services = servicesIn(tmp.dir)
    expect(services.store.status().state).toBe('ready')
  })

  it('a keyring desk locks too (the window hides everything) and opens without a passphrase', () => {
    tmp = tempDir()
    services = servicesIn(tmp.dir)
    expect(services.lock()).toMatchObject({ state: 'locked', needsPassphrase: false })
    expect(services.store.unlock(null).state).toBe('ready')
  })

  it('the panic wipe works from a locked desk', async () => {
    tmp = tempDir()
    services = servicesIn(tmp.dir)
    const a = services.articles.create('تُمحى')
    services.setPassphrase('عبارة مرور للمراسل الميداني')
    services.lock()
    const { status } = await services.wipe.wipe()
    expect(status.state).toBe('ready')
    expect(services.articles.list({})).toEqual([])
    expect(() => services.articles.get(a.id)).toThrow()
  })
})
