import { renameSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startHost } from './host'
import { body, newArticle, onlyArticle, shot } from './helpers'
import { tempDir } from '../support/temp'

/**
 * The data folder goes away while the reporter writes (a USB stick pulled out): the status bar says
 * so in words and stays red, the words stay in the editor, and once the folder is back they are
 * saved without anything being done.
 */
describe('the data folder going away while writing', () => {
  it('says the folder is unavailable in words, keeps the words, and saves them by itself when it is back', async () => {
    const tmp = tempDir()
    const dataDir = join(tmp.dir, 'desk')
    const host = await startHost({ dataDir })
    try {
      const { page } = host
      await newArticle(page)
      await page.getByLabel('العنوان').fill('خبر على قرص خارجي')
      await body(page).click()
      await page.keyboard.type('الفقرة الأولى محفوظة.')
      const status = page.getByTestId('save-status')
      await expect.poll(() => status.getAttribute('class')).toContain('save-saved')
      renameSync(dataDir, join(tmp.dir, 'pulled-out'))
      await page.keyboard.type(' وهذه كُتبت والقرص منزوع.')
      await expect.poll(() => status.innerText()).toContain('مجلد بيانات قلم غير متاح')
      expect(await status.innerText()).not.toMatch(/[A-Za-z]/)
      expect(await status.getAttribute('class')).toContain('save-error')
      expect(await body(page).innerText()).toContain('والقرص منزوع')
      await shot(page, 'storage-gone.png')
      renameSync(join(tmp.dir, 'pulled-out'), dataDir)
      await expect.poll(() => status.getAttribute('class'), { timeout: 15_000 }).toContain('save-saved')
      expect((await onlyArticle(host)).bodyText).toContain('والقرص منزوع')
    } finally {
      await host.close()
      tmp.remove()
    }
  })
})
