import { rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startHost, type Host } from './host'
import { body, newArticle, onlyArticle, shot } from './helpers'
import { smallDisk } from '../support/small-disk'

/**
 * The reporter's disk fills up while they write (a 6 MB tmpfs as the data folder): the status bar
 * says so in words and stays red, the words stay in the editor, and once space is freed they are
 * saved without anything being done.
 */
const disk = smallDisk(6, 'disk-full e2e')

describe('a full disk while writing', () => {
  it('says the disk is full in words, keeps the words, and saves them by itself once space is freed', async (ctx) => {
    const mount = disk()
    if (mount === null) return ctx.skip()
    const host: Host = await startHost({ dataDir: join(mount, 'desk') })
    try {
      const { page } = host
      await newArticle(page)
      await page.getByLabel('العنوان').fill('خبر على قرص ممتلئ')
      await body(page).click()
      await page.keyboard.type('الفقرة الأولى محفوظة.')
      await expect.poll(() => page.getByTestId('save-status').getAttribute('class')).toContain('save-saved')
      // Something else fills the disk.
      const free = statfsSync(mount).bavail * statfsSync(mount).bsize
      const filler = join(mount, 'filler.bin')
      writeFileSync(filler, Buffer.alloc(Math.max(0, free - 4096)))
      await page.keyboard.type(' وهذه الجملة كُتبت والقرص ممتلئ.')
      const status = page.getByTestId('save-status')
      await expect.poll(() => status.innerText()).toContain('القرص ممتلئ')
      expect(await status.innerText()).not.toMatch(/[A-Za-z]/)
      expect(await status.getAttribute('class')).toContain('save-error')
      expect(await body(page).innerText()).toContain('والقرص ممتلئ')
      await shot(page, 'disk-full.png')
      rmSync(filler)
      await expect.poll(() => status.getAttribute('class'), { timeout: 15_000 }).toContain('save-saved')
      expect((await onlyArticle(host)).bodyText).toContain('والقرص ممتلئ')
    } finally {
      await host.close()
    }
  })
})
