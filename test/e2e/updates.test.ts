import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hostsPerTest } from './per-test'
import { tempDir } from '../support/temp'
import { value } from '../support/api'
import { signInstaller } from '../../scripts/sign-update'
import type { UpdaterPort } from '@main/updates/port'

/**
 * Updates as a reporter meets them in «الإعدادات»: an update found, downloaded in the
 * background and installed on quit only once agreed; an installer from a USB stick refused
 * in words unless the publisher signed it.
 */
const hosts = hostsPerTest()

class FakeUpdater implements UpdaterPort {
  onQuit = false
  private downloaded: ((v: string, file: string) => void)[] = []
  constructor(private readonly file: string) {}
  setFeed = () => undefined
  check = async () => '0.2.0'
  onProgress = () => undefined
  onDownloaded = (l: (v: string, file: string) => void) => void this.downloaded.push(l)
  signatureFor = async (file: string) => readFileSync(`${file}.sig`)
  onError = () => undefined
  installOnQuit = (on: boolean) => void (this.onQuit = on)
  quitAndInstall = () => undefined
  finish = () => this.downloaded.forEach((l) => l('0.2.0', this.file))
}

describe('updates', () => {
  it('downloads an update in the background and installs it on quit only after the reporter agrees', async () => {
    const tmp = tempDir()
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const file = join(tmp.dir, 'Qalam-0.2.0.AppImage')
    writeFileSync(file, randomBytes(64 * 1024))
    await signInstaller(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), '0.2.0')
    const updater = new FakeUpdater(file)
    const { page } = await hosts.open({ updates: { updater, keyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() } })
    await page.getByTestId('open-settings').click()
    const state = page.getByTestId('update-state')
    await expect.poll(() => state.innerText()).toContain('لم يُبحث عن تحديث')
    await page.getByTestId('update-check').click()
    await expect.poll(() => state.innerText()).toContain('يجري تنزيل الإصدار 0.2.0')
    updater.finish()
    await expect.poll(() => state.innerText()).toContain('نُزِّل وتُحقِّق من توقيعه')
    expect(updater.onQuit).toBe(false)
    await page.getByTestId('update-on-quit').click()
    await expect.poll(() => state.innerText()).toContain('سيُثبَّت الإصدار 0.2.0 عند إغلاق قلم')
    expect(updater.onQuit).toBe(true)
    tmp.remove()
  })

  it('refuses an unsigned or forged installer from a file in words, and opens only the signed one', async () => {
    const tmp = tempDir()
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const publisher = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const installer = join(tmp.dir, 'Qalam-0.2.0.AppImage')
    writeFileSync(installer, randomBytes(64 * 1024))
    const opened: string[] = []
    try {
      const host = await hosts.open({ updates: { pickInstaller: async () => installer, opened, keyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() } })
      const { page } = host
      await page.getByTestId('open-settings').click()
      // From source the desk says updates come with the next build, and offers no check that would pretend.
      await expect.poll(() => page.getByTestId('update-state').innerText()).toContain('التحديثات تأتي مع البناء التالي')
      expect(await page.getByTestId('update-check').count()).toBe(0)
      const result = page.getByTestId('update-file-result')
      await page.getByTestId('update-from-file').click()
      await expect.poll(() => result.innerText()).toContain('لا توقيع معه')
      await signInstaller(installer, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), '0.2.0')
      await page.getByTestId('update-from-file').click()
      await expect.poll(() => result.innerText()).toContain('لا يطابق مفتاح الناشر')
      expect(opened).toEqual([])
      await signInstaller(installer, publisher, '0.2.0')
      await page.getByTestId('update-from-file').click()
      await expect.poll(() => result.innerText()).toContain('موقَّع من الناشر (الإصدار 0.2.0)')
      expect(opened).toHaveLength(1)
      // The newsroom's own server: only https, said in both languages otherwise.
      await page.getByTestId('update-server').fill('http://updates.newsroom.example/')
      await page.getByTestId('update-server').blur()
      await expect.poll(() => page.getByTestId('updates').innerText()).toContain('https://')
      expect(await page.getByTestId('update-server').getAttribute('aria-invalid')).toBe('true')
      // An https one is asked about in the main process's own dialog: declined, nothing changes; agreed, it is kept.
      await page.getByTestId('update-server').fill('https://updates.newsroom.example/')
      await page.getByTestId('update-server').blur()
      await expect.poll(() => host.serverConfirmations).toEqual(['https://updates.newsroom.example/'])
      await expect.poll(() => page.getByTestId('update-server').inputValue()).toBe('')
      expect((await value(host.api.settings.get())).updateServer).toBeNull()
      host.dialogAnswers.confirmUpdateServer = true
      await page.getByTestId('update-server').fill('https://updates.newsroom.example/')
      await page.getByTestId('update-server').blur()
      await expect.poll(async () => (await value(host.api.settings.get())).updateServer).toBe('https://updates.newsroom.example/')
      // The page's own settings call cannot set it.
      const answer = await page.evaluate(() =>
        (window as unknown as { api: { settings: { update(p: unknown): Promise<{ ok: boolean }> } } }).api.settings.update({ updateServer: 'https://evil.example/' })
      )
      expect(answer.ok).toBe(false)
      expect((await value(host.api.settings.get())).updateServer).toBe('https://updates.newsroom.example/')
    } finally {
      tmp.remove()
    }
  })
})
