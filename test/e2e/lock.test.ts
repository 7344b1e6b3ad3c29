import { describe, expect, it } from 'vitest'
import { hostPerTest } from './per-test'
import { body, newArticle, waitSaved } from './helpers'
import { value } from '../support/api'

/** The lock as a reporter meets it: a passphrase chosen under «الأمان», Ctrl+Shift+L, the lock screen, idle minutes. */

const ctx = hostPerTest()

describe('the lock screen', () => {
  it('protects the desk with a passphrase, locks on Ctrl+Shift+L showing nothing of the articles, and opens only with the passphrase', async () => {
    let page = ctx.host.page
    await newArticle(page)
    await page.keyboard.type('مصدر في الوزارة قال إن القرار سيصدر غداً')
    await waitSaved(page)
    await page.getByTestId('open-security').click()
    const dialog = page.getByTestId('security-dialog')
    expect(await dialog.getByTestId('key-protection').innerText()).toContain('سلسلة مفاتيح النظام')
    expect(await dialog.getByTestId('own-fingerprint').innerText()).toBe(ctx.host.services.signing.fingerprint())
    await dialog.getByTestId('new-passphrase').fill('عبارة مرور للمراسل الميداني')
    await dialog.getByTestId('repeat-passphrase').fill('عبارة مرور للمراسل الميداني')
    await dialog.getByTestId('set-passphrase').click()
    await expect.poll(() => dialog.getByTestId('key-protection').innerText()).toContain('لا يفتحها إلا عبارة المرور')
    await page.keyboard.press('Escape')
    await body(page).click()
    await page.keyboard.press('Control+Shift+L')
    await page.getByTestId('lock-screen').waitFor()
    page = ctx.host.page
    expect(await page.locator('body').innerText()).not.toContain('مصدر في الوزارة')
    expect(await value(ctx.host.api.store.status())).toMatchObject({ state: 'locked', needsPassphrase: true })
    await page.getByTestId('lock-passphrase').fill('عبارة خاطئة')
    await page.getByTestId('unlock').click()
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('عبارة المرور غير صحيحة.')
    await page.getByTestId('lock-passphrase').fill('عبارة مرور للمراسل الميداني')
    await page.getByTestId('unlock').click()
    await page.locator('.list-item').first().waitFor()
    await page.locator('.list-item').first().click()
    await expect.poll(() => body(page).innerText()).toContain('مصدر في الوزارة')
  })

  it('locks itself after the chosen minutes without a key or a click', async () => {
    const { page } = ctx.host
    await page.clock.install()
    await page.reload()
    await newArticle(page)
    await page.keyboard.type('نص')
    await waitSaved(page)
    await page.getByTestId('open-security').click()
    await page.getByTestId('lock-after').selectOption('5')
    // The choice is saved and the page's idle timer set anew before the clock is moved (a slow machine may lag).
    await expect.poll(async () => (await value(ctx.host.api.settings.get())).lockAfterMinutes).toBe(5)
    await expect.poll(() => page.getByTestId('lock-after').inputValue()).toBe('5')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    // The last activity: from here the desk is idle.
    await page.mouse.move(20, 20)
    await page.clock.fastForward('04:00')
    expect(await page.getByTestId('lock-screen').count()).toBe(0)
    await page.clock.fastForward('01:30')
    await page.getByTestId('lock-screen').waitFor()
    // A keyring desk opens with a click.
    await page.getByTestId('unlock').click()
    await page.locator('.list-item').first().waitFor()
  })
})
