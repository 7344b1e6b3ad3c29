import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hostsPerTest } from './per-test'
import { ROOT } from './host'

/**
 * «الشبكة» in «الإعدادات», as a reporter on Tor meets it: SOCKS5 filled in with Tor's address,
 * saved, and kept; a proxy without its address refused in words, changing nothing.
 */
const hosts = hostsPerTest()

describe('the network setting', () => {
  it('sets SOCKS5 for Tor with its usual address, refuses an HTTP proxy without one, and keeps what was saved', async () => {
    const host = await hosts.open()
    const { page, services } = host
    await page.getByTestId('open-settings').click()
    const mode = page.getByTestId('network-mode')
    await expect.poll(() => mode.inputValue()).toBe('system')
    await mode.selectOption('socks5')
    // Tor's own address is filled in; the hint names both Tor ports.
    await expect.poll(() => page.getByTestId('network-host').inputValue()).toBe('127.0.0.1')
    await expect.poll(() => page.getByTestId('network-port').inputValue()).toBe('9050')
    await expect.poll(() => page.getByTestId('network-form').innerText()).toContain('9150')
    await page.getByTestId('network-port').fill('9150')
    await page.getByTestId('network-save').click()
    await expect.poll(() => services.settings.get().network).toEqual({ mode: 'socks5', host: '127.0.0.1', port: 9150 })
    await page.getByTestId('settings-dialog').screenshot({ path: join(ROOT, 'test-results', 'settings-network.png') })

    await mode.selectOption('http')
    await page.getByTestId('network-host').fill('')
    await page.getByTestId('network-save').click()
    await expect.poll(() => page.getByTestId('network-invalid').innerText()).toContain('عنوان الوسيط')
    expect(services.settings.get().network).toEqual({ mode: 'socks5', host: '127.0.0.1', port: 9150 })

    await mode.selectOption('system')
    await page.getByTestId('network-save').click()
    await expect.poll(() => services.settings.get().network).toEqual({ mode: 'system', host: '', port: 0 })
  })
})
