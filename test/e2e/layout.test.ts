import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hostsPerTest } from './per-test'
import { body, newArticle, waitSaved, pressTool } from './helpers'
import { measureLayout, SAMPLE, type LayoutFigures } from './layout-measure'
import { newsParagraphs } from '../support/arabic-text'

/**
 * Room to write at a reporter's window sizes: with each panel open in turn, the body keeps
 * a comfortable measure (45–75 characters of Arabic copy a line), nothing leaves the
 * window, the toolbar and the header stay one line. Both interface languages.
 */

const hosts = hostsPerTest()
const SIZES = [
  { width: 1024, height: 600 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 }
]
const PANELS = ['toggle-sync', 'toggle-queue', 'toggle-revisions', 'toggle-review', 'toggle-proofing', 'toggle-notes']

async function deskWithArticle(viewport: { width: number; height: number }, language: 'ar' | 'en'): Promise<Page> {
  const { page } = await hosts.open({ viewport })
  if (language === 'en') {
    await page.getByTestId('locale').selectOption('en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
  }
  await newArticle(page)
  for (const p of newsParagraphs(120)) {
    await page.keyboard.insertText(p)
    await page.keyboard.press('Enter')
  }
  await waitSaved(page)
  return page
}

function comfortable(where: string, m: LayoutFigures): string[] {
  const faults: string[] = []
  if (m.charsPerLine < 45 || m.charsPerLine > 75) faults.push(`${where}: ${m.charsPerLine} characters a line`)
  if (m.overflowing.length > 0) faults.push(`${where}: outside the window: ${m.overflowing.join('; ')}`)
  if (m.scrollsSideways) faults.push(`${where}: the window scrolls sideways`)
  if (m.toolbarRows !== 1) faults.push(`${where}: the toolbar takes ${m.toolbarRows} rows`)
  if (m.headerHeight >= 70) faults.push(`${where}: the header wraps (${m.headerHeight} px)`)
  return faults
}

describe('room to write at every size', () => {
  for (const language of ['ar', 'en'] as const)
    for (const size of SIZES)
      it(`${language} ${size.width}×${size.height}: each panel in turn leaves the text its measure`, async () => {
        const page = await deskWithArticle(size, language)
        const faults = comfortable('nothing open', await measureLayout(page, SAMPLE.ar))
        for (const panel of PANELS) {
          await pressTool(page, panel)
          await expect.poll(() => page.locator('.workspace > aside, .side-column > aside:not(.meta-panel)').count()).toBe(1)
          faults.push(...comfortable(panel, await measureLayout(page, SAMPLE.ar)))
          await pressTool(page, panel)
          await expect.poll(() => page.locator('.workspace > aside, .side-column > aside:not(.meta-panel)').count()).toBe(0)
        }
        expect(faults).toEqual([])
      })

  it('at the smallest and largest text sizes on a 1024×600 window with the sync panel open, the measure holds', async () => {
    const page = await deskWithArticle({ width: 1024, height: 600 }, 'ar')
    await pressTool(page, 'toggle-sync')
    await body(page).click()
    for (let i = 0; i < 8; i++) await page.keyboard.press('Control+=')
    const large = await measureLayout(page, SAMPLE.ar)
    for (let i = 0; i < 8; i++) await page.keyboard.press('Control+-')
    const small = await measureLayout(page, SAMPLE.ar)
    expect([...comfortable('160 %', large), ...comfortable('80 %', small)]).toEqual([])
    // The sizes really changed: the same column holds fewer characters when the text is large.
    expect(large.charsPerLine).toBeLessThan(small.charsPerLine)
  })
})

describe('a narrow window', () => {
  it('folds the article list to a rail that slides the list over the text, and puts it away on Escape or a choice', async () => {
    const page = await deskWithArticle({ width: 1024, height: 600 }, 'ar')
    await expect.poll(() => page.locator('.list-items').count()).toBe(0)
    const toggle = page.getByTestId('rail-toggle')
    await toggle.click()
    await page.locator('.rail-drawer .list-items').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.rail-drawer').count()).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rail-toggle')
    // A second article from the rail's own button, then the first one chosen from the slid-out list.
    await page.getByTestId('new-article').click()
    await page.waitForFunction(() => document.activeElement?.classList.contains('body-content'))
    await page.keyboard.type('مادة ثانية')
    await waitSaved(page)
    await toggle.click()
    await expect.poll(() => page.locator('.rail-drawer .list-item').count()).toBe(2)
    await page.locator('.rail-drawer .list-item:not(.is-open) .list-open').click()
    await expect.poll(() => page.locator('.rail-drawer').count()).toBe(0)
    await expect.poll(() => body(page).innerText()).not.toContain('مادة ثانية')
    // Widened, the full list is back beside the text.
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.locator('.article-list .list-items').waitFor()
    expect(await page.getByTestId('list-rail').count()).toBe(0)
  })

  it('moves toolbar groups that do not fit into «المزيد», whose Escape closes it and not the panel beside the text', async () => {
    const page = await deskWithArticle({ width: 1024, height: 600 }, 'en')
    await pressTool(page, 'toggle-sync')
    const more = page.getByTestId('toolbar-more')
    await more.click()
    const menu = page.getByTestId('toolbar-menu')
    // What does not fit is there, and nothing is in both places.
    expect(await menu.getByTestId('export-bundle').count()).toBe(1)
    expect(await page.getByTestId('export-bundle').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => menu.count()).toBe(0)
    expect(await page.getByTestId('toggle-sync').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('toolbar-more')
    // A tool used from the menu works and closes the menu.
    await more.click()
    await menu.getByTestId('toggle-proofing').click()
    await page.locator('.proofing-panel').waitFor()
    expect(await menu.count()).toBe(0)
    // On a wide window everything is in the bar and «المزيد» is gone.
    await page.setViewportSize({ width: 1920, height: 1080 })
    await expect.poll(() => page.getByTestId('toolbar-more').isVisible()).toBe(false)
    expect(await page.locator('.toolbar .tb-row').getByTestId('export-bundle').count()).toBe(1)
  })
})
