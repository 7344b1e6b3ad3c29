import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { signInstaller } from '../../../scripts/sign-update'
import { newerVersion, verifySignedInstaller } from '@main/updates/signed-installer'
import { PUBLISHER_KEY_PEM } from '@main/updates/publisher-key'
import { CHECK_EVERY_MS, FIRST_CHECK_MS, OFFLINE_RETRY_MS, problemOf, UpdateService, type UpdateDeps } from '@main/services/updates'
import type { UpdaterPort } from '@main/updates/port'
import { signatureUrl } from '@main/platform/updater'
import { settingsPatchSchema } from '@shared/ipc/settings-schema'
import { updatesContract } from '@shared/ipc/updates-contract'
import { tempDir } from '../../support/temp'

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
}

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.remove())

describe('an installer from a file', () => {
  const publisher = keyPair()
  const installer = (name = 'Qalam-Setup-1.2.0.exe', bytes = randomBytes(3 * 1024 * 1024)) => {
    const path = join(tmp.dir, name)
    writeFileSync(path, bytes)
    return path
  }
  const check = (path: string, publicKeyPem = publisher.publicPem, currentVersion = '1.1.0') => verifySignedInstaller(path, { publicKeyPem, currentVersion })

  it('is accepted with the publisher’s signature, as a private copy that is what gets run', async () => {
    const path = installer()
    await signInstaller(path, publisher.privatePem, '1.2.0')
    const result = await check(path)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.version).toBe('1.2.0')
    expect(result.copy).not.toBe(path)
    expect(readFileSync(result.copy).equals(readFileSync(path))).toBe(true)
    result.remove()
  })

  it('is refused unsigned, tampered, signed by another key, with another file’s signature, or older than what runs', async () => {
    expect(await check(installer('unsigned.exe'))).toEqual({ ok: false, problem: 'unsigned' })

    const tampered = installer('Qalam-Setup-1.2.0.exe')
    await signInstaller(tampered, publisher.privatePem, '1.2.0')
    const bytes = readFileSync(tampered)
    bytes[1_000_000] = bytes[1_000_000]! ^ 0x01
    writeFileSync(tampered, bytes)
    expect(await check(tampered)).toEqual({ ok: false, problem: 'bad-signature' })

    const forged = installer('Qalam-Setup-1.3.0.exe')
    await signInstaller(forged, keyPair().privatePem, '1.3.0')
    expect(await check(forged)).toEqual({ ok: false, problem: 'bad-signature' })

    // A real signature for one installer, put beside another file of the same bytes under a new name.
    mkdirSync(join(tmp.dir, 'other'))
    const signed = installer('other/Qalam-Setup-1.4.0.exe', randomBytes(1024))
    await signInstaller(signed, publisher.privatePem, '1.4.0')
    const renamed = join(tmp.dir, 'other/Qalam-Setup-9.9.9.exe')
    renameSync(signed, renamed)
    renameSync(`${signed}.sig`, `${renamed}.sig`)
    expect(await check(renamed)).toEqual({ ok: false, problem: 'wrong-file' })

    // A genuinely signed old version: a downgrade to a version with known holes is refused.
    const old = installer('Qalam-Setup-1.0.5.exe', randomBytes(1024))
    await signInstaller(old, publisher.privatePem, '1.0.5')
    expect(await check(old)).toEqual({ ok: false, problem: 'not-newer' })
    expect(await check(old, publisher.publicPem, '1.0.4')).toMatchObject({ ok: true, version: '1.0.5' })
  })

  it('holds against hostile signature files and paths: oversized, malformed, a folder, a link, too big', async () => {
    const path = installer('Qalam-Setup-1.2.0.exe', randomBytes(2048))
    writeFileSync(`${path}.sig`, 'x'.repeat(10_000))
    expect(await check(path)).toEqual({ ok: false, problem: 'bad-signature' })
    writeFileSync(`${path}.sig`, '{"format":"qalam-update-1","file":"Qalam-Setup-1.2.0.exe","version":"1.2.0","sha512":"00","signature":"AA=="}')
    expect(await check(path)).toEqual({ ok: false, problem: 'bad-signature' })
    writeFileSync(`${path}.sig`, 'not json')
    expect(await check(path)).toEqual({ ok: false, problem: 'bad-signature' })
    expect(await check(tmp.dir)).toEqual({ ok: false, problem: 'unreadable' })
    const link = join(tmp.dir, 'link.exe')
    symlinkSync(path, link)
    expect(await check(link)).toEqual({ ok: false, problem: 'unreadable' })
    await signInstaller(path, publisher.privatePem, '1.2.0')
    expect(await verifySignedInstaller(path, { publicKeyPem: publisher.publicPem, currentVersion: '1.1.0', maxBytes: 1024 })).toEqual({ ok: false, problem: 'too-large' })
  })

  it('compares versions part by part, and the key built into the app is an Ed25519 public key', () => {
    expect(newerVersion('1.10.0', '1.9.3')).toBe(true)
    expect(newerVersion('1.2.0', '1.2.0')).toBe(false)
    expect(newerVersion('2.0.0', '10.0.0')).toBe(false)
    expect(newerVersion('0.2.0', '0.1.0-beta.1')).toBe(true)
    expect(PUBLISHER_KEY_PEM).toMatch(/^-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA/)
  })
})

class FakeUpdater implements UpdaterPort {
  feeds: (string | null)[] = []
  checks = 0
  offer: string | null = '1.3.0'
  onQuit = false
  installedNow = false
  private progress: ((p: number) => void)[] = []
  private downloaded: ((v: string, file: string) => void)[] = []
  private errors: ((e: Error) => void)[] = []
  setFeed = (url: string | null) => void this.feeds.push(url)
  check = async () => (this.checks++, this.offer)
  onProgress = (l: (p: number) => void) => void this.progress.push(l)
  onDownloaded = (l: (v: string, file: string) => void) => void this.downloaded.push(l)
  /** The .sig beside the downloaded file, as the feed would serve it. */
  signatureFor = async (file: string) => (existsSync(`${file}.sig`) ? readFileSync(`${file}.sig`) : null)
  onError = (l: (e: Error) => void) => void this.errors.push(l)
  installOnQuit = (on: boolean) => void (this.onQuit = on)
  quitAndInstall = () => void (this.installedNow = true)
  emitProgress = (p: number) => this.progress.forEach((l) => l(p))
  emitDownloaded = (v: string, file: string) => this.downloaded.forEach((l) => l(v, file))
  emitError = (e: Error) => this.errors.forEach((l) => l(e))
}

describe('the update service', () => {
  afterEach(() => vi.useRealTimers())
  const service = (updater: FakeUpdater | null, more: Partial<UpdateDeps> = {}) =>
    new UpdateService({
      updater,
      isOnline: () => true,
      clock: { now: () => Date.now() },
      appVersion: '1.2.0',
      publicKeyPem: PUBLISHER_KEY_PEM,
      server: () => null,
      confirmServer: async () => false,
      saveServer: () => undefined,
      pickInstaller: async () => null,
      openInstaller: async () => undefined,
      ...more
    })

  it('checks soon after start and daily, and while offline every hour until there is a connection', async () => {
    vi.useFakeTimers()
    let online = false
    const updater = new FakeUpdater()
    updater.offer = null
    const updates = service(updater, { isOnline: () => online })
    updates.start()
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MS)
    expect(updater.checks).toBe(0)
    await vi.advanceTimersByTimeAsync(OFFLINE_RETRY_MS)
    expect(updater.checks).toBe(0)
    online = true
    await vi.advanceTimersByTimeAsync(OFFLINE_RETRY_MS)
    expect(updater.checks).toBe(1)
    expect(updates.status()).toMatchObject({ kind: 'none' })
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS - 1)
    expect(updater.checks).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(updater.checks).toBe(2)
    updates.stop()
  })

  /** A downloaded update as electron-updater leaves it, signed by `publisher` (or not). */
  async function downloaded(name: string, version: string, publisher: ReturnType<typeof keyPair> | null) {
    const file = join(tmp.dir, name)
    writeFileSync(file, randomBytes(256 * 1024))
    if (publisher !== null) await signInstaller(file, publisher.privatePem, version)
    return file
  }

  it('downloads in the background and installs on quit only after the reporter agrees', async () => {
    const publisher = keyPair()
    const updater = new FakeUpdater()
    const updates = service(updater, { publicKeyPem: publisher.publicPem })
    const seen: string[] = []
    updates.onState((s) => seen.push(s.kind))
    expect(await updates.check()).toEqual({ kind: 'downloading', version: '1.3.0', percent: 0 })
    updater.emitProgress(41.6)
    expect(updates.status()).toEqual({ kind: 'downloading', version: '1.3.0', percent: 42 })
    updater.emitDownloaded('1.3.0', await downloaded('Qalam-1.3.0.AppImage', '1.3.0', publisher))
    await vi.waitFor(() => expect(updates.status()).toEqual({ kind: 'ready', version: '1.3.0', onQuit: false }))
    expect(updater.onQuit).toBe(false)
    expect(updates.install('quit')).toEqual({ kind: 'ready', version: '1.3.0', onQuit: true })
    expect(updater.onQuit).toBe(true)
    expect(updater.installedNow).toBe(false)
    updates.install('now')
    expect(updater.installedNow).toBe(true)
    expect(seen).toEqual(['checking', 'downloading', 'downloading', 'ready', 'ready'])
  })

  it('never offers to install a download without the publisher’s signature over it, on every platform (the feed’s SHA-512 proves nothing when the feed is the attacker’s)', async () => {
    const publisher = keyPair()
    const stranger = keyPair()
    const attempts: [string, (file: string) => Promise<void> | void][] = [
      ['no .sig at all', () => undefined],
      ['signed by another key', (file) => signInstaller(file, stranger.privatePem, '1.3.0').then(() => undefined)],
      [
        'the file changed after signing',
        async (file) => {
          await signInstaller(file, publisher.privatePem, '1.3.0')
          writeFileSync(file, randomBytes(256 * 1024))
        }
      ],
      ['signed for another version', (file) => signInstaller(file, publisher.privatePem, '1.4.0').then(() => undefined)]
    ]
    for (const [what, prepare] of attempts) {
      for (const name of ['Qalam-1.3.0.AppImage', 'qalam_1.3.0_amd64.deb', 'Qalam-1.3.0.dmg', 'Qalam-Setup-1.3.0.exe']) {
        const updater = new FakeUpdater()
        const updates = service(updater, { publicKeyPem: publisher.publicPem })
        await updates.check()
        const file = await downloaded(name, '1.3.0', null)
        await prepare(file)
        updater.emitDownloaded('1.3.0', file)
        await vi.waitFor(() => expect(updates.status(), `${what}: ${name}`).toMatchObject({ kind: 'failed', problem: 'bad-signature' }))
        updates.install('quit')
        updates.install('now')
        expect(updater.onQuit || updater.installedNow, `${what}: ${name}`).toBe(false)
      }
    }
  })

  it('says a signature fault, a lost connection or another failure in its own words, and follows the newsroom’s server', async () => {
    expect(problemOf(new Error('sha512 checksum mismatch, expected abc'))).toBe('bad-signature')
    expect(problemOf(new Error('New version 1.3.0 is not signed by the application owner: publisherNames: Qalam'))).toBe('bad-signature')
    expect(problemOf(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('offline')
    expect(problemOf(new Error('Cannot parse update info'))).toBe('failed')
    const updater = new FakeUpdater()
    updater.offer = null
    let server: string | null = null
    const updates = service(updater, { server: () => server })
    await updates.check()
    server = 'https://updates.newsroom.example/qalam/'
    await updates.check()
    expect(updater.feeds).toEqual([null, 'https://updates.newsroom.example/qalam/'])
    updater.emitError(new Error('sha512 checksum mismatch'))
    expect(updates.status()).toMatchObject({ kind: 'failed', problem: 'bad-signature' })
    // Offline when asked: said at once, nothing is fetched.
    const offline = new FakeUpdater()
    expect(await service(offline, { isOnline: () => false }).check()).toMatchObject({ kind: 'failed', problem: 'offline' })
    expect(offline.checks).toBe(0)
    // Running from source: no updater, and nothing pretends otherwise.
    expect(await service(null).check()).toEqual({ kind: 'unsupported' })
  })

  it('opens the verified copy of an installer from a file, and nothing when it is refused', async () => {
    const publisher = keyPair()
    const path = join(tmp.dir, 'Qalam-1.3.0.AppImage')
    writeFileSync(path, randomBytes(4096))
    const opened: string[] = []
    const updates = service(null, { publicKeyPem: publisher.publicPem, pickInstaller: async () => path, openInstaller: async (p) => void opened.push(p) })
    expect(await updates.fromFile()).toEqual({ ok: false, problem: 'unsigned' })
    expect(opened).toEqual([])
    await signInstaller(path, publisher.privatePem, '1.3.0')
    expect(await updates.fromFile()).toEqual({ ok: true, version: '1.3.0' })
    expect(opened).toHaveLength(1)
    expect(opened[0]).not.toBe(path)
    expect(await service(null, { pickInstaller: async () => null }).fromFile()).toEqual({ ok: false, problem: 'cancelled' })
  })

  it('takes only an https update server without credentials, and only through the main process’s own confirmation', async () => {
    const schema = updatesContract['updates:setServer'].request
    expect(schema.safeParse({ url: 'https://updates.newsroom.example/qalam/' }).success).toBe(true)
    expect(schema.safeParse({ url: null }).success).toBe(true)
    for (const bad of [
      'http://updates.newsroom.example/',
      'https://user:pw@updates.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      `https://x.example/${'a'.repeat(2100)}`,
      'not a url'
    ])
      expect(schema.safeParse({ url: bad }).success, bad).toBe(false)
    // The page cannot set it with the other settings.
    expect(settingsPatchSchema.safeParse({ updateServer: 'https://evil.example/' }).success).toBe(false)
    let saved: string | null = null
    let answer = false
    const asked: (string | null)[] = []
    const updates = service(new FakeUpdater(), {
      server: () => saved,
      confirmServer: async (url) => (asked.push(url), answer),
      saveServer: (url) => void (saved = url)
    })
    expect(await updates.setServer('https://evil.example/')).toEqual({ changed: false, server: null })
    answer = true
    expect(await updates.setServer('https://updates.newsroom.example/')).toEqual({ changed: true, server: 'https://updates.newsroom.example/' })
    expect(saved).toBe('https://updates.newsroom.example/')
    expect(asked).toEqual(['https://evil.example/', 'https://updates.newsroom.example/'])
  })
})

describe('where an update’s signature is fetched', () => {
  it('beside the file on the newsroom’s server, or among the GitHub release’s assets named in app-update.yml', () => {
    expect(signatureUrl('https://updates.newsroom.example/qalam/', 'Qalam-1.3.0.AppImage', '1.3.0', tmp.dir)).toBe(
      'https://updates.newsroom.example/qalam/Qalam-1.3.0.AppImage.sig'
    )
    expect(signatureUrl(null, 'qalam_1.3.0_amd64.deb', '1.3.0', tmp.dir)).toBeNull()
    writeFileSync(join(tmp.dir, 'app-update.yml'), 'owner: qalam-news\nrepo: qalam\nprovider: github\n')
    expect(signatureUrl(null, 'qalam_1.3.0_amd64.deb', '1.3.0', tmp.dir)).toBe('https://github.com/qalam-news/qalam/releases/download/v1.3.0/qalam_1.3.0_amd64.deb.sig')
  })
})
