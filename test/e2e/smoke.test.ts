import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeBrowser, startHost, type Host } from './host'
import { tempDir } from '../support/temp'

let host: Host
let data: ReturnType<typeof tempDir>
beforeEach(async () => {
  data = tempDir()
  host = await startHost({ dataDir: data.dir })
})
afterEach(async () => {
  await host.close()
  data.remove()
})
afterAll(closeBrowser)

describe('smoke', () => {
  it('boots', async () => {
    await host.page.getByTestId('new-article').click()
    await host.page.locator('.body-content').click()
    await host.page.keyboard.type('مرحبا بالعالم')
    await host.page.waitForTimeout(1500)
    await host.page.screenshot({ path: '/tmp/smoke.png' })
    expect(await host.page.locator('.body-content').innerText()).toContain('مرحبا')
  })
})
