import { describe, expect, it } from 'vitest'
import { hostPerTest } from './per-test'
import { body, newArticle, pressTool, typeQuoteAndLink, waitSaved } from './helpers'
import { value } from '../support/api'

/** Night work and long sessions: the dark theme, the text size kept per person, focus mode. */

const ctx = hostPerTest()

/** WCAG's contrast ratio of each element's text against the paper behind the body, in the page. */
async function contrasts(page: import('playwright-core').Page, selectors: string[]): Promise<Record<string, number>> {
  return page.evaluate((selectors) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
    const lum = ([r, g, b]: number[]) => {
      const c = [r!, g!, b!].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!
    }
    const paper = lum(
      rgb(
        getComputedStyle(document.querySelector('.article-main')!).backgroundColor === 'rgba(0, 0, 0, 0)'
          ? getComputedStyle(document.body).backgroundColor
          : getComputedStyle(document.querySelector('.article-main')!).backgroundColor
      )
    )
    return Object.fromEntries(
      selectors.map((sel) => {
        const ink = lum(rgb(getComputedStyle(document.querySelector(sel)!).color))
        return [sel, Math.round(((Math.max(ink, paper) + 0.05) / (Math.min(ink, paper) + 0.05)) * 10) / 10]
      })
    )
  }, selectors)
}

describe('appearance', () => {
  it('keeps quotes, links and the body readable in both themes (contrast at least 4.5:1)', async () => {
    const page = ctx.host.page
    await newArticle(page)
    await page.keyboard.type('وصلت القافلة.')
    await typeQuoteAndLink(page)
    const parts = ['.body-content p', '.body-content blockquote', '.body-content a']
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId('theme').selectOption(theme)
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme)
      const found = await contrasts(page, parts)
      for (const part of parts) expect(found[part], `${theme} ${part}`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('switches to the dark theme and keeps the choice; Ctrl+= enlarges the copy and the size is kept', async () => {
    let page = ctx.host.page
    await newArticle(page)
    await page.keyboard.type('نص طويل للقراءة ليلاً')
    await waitSaved(page)
    const paper = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await paper()
    await page.getByTestId('theme').selectOption('dark')
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await paper()).not.toBe(light)
    const size = () => body(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const before = await size()
    await body(page).click()
    await page.keyboard.press('Control+Equal')
    await page.keyboard.press('Control+Equal')
    await expect.poll(size).toBeCloseTo(before * 1.2, 0)
    await expect.poll(async () => (await value(ctx.host.api.settings.get())).textSize).toBe(120)
    ctx.host.page.on('console', () => undefined)
    await ctx.restart()
    page = ctx.host.page
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.locator('.list-item').first().click()
    await expect.poll(() => body(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeCloseTo(before * 1.2, 0)
    await page.keyboard.press('Control+Minus')
    await expect.poll(async () => (await value(ctx.host.api.settings.get())).textSize).toBe(110)
  })

  it('focus mode shows only the headline and the body; Escape leaves it', async () => {
    const { page } = ctx.host
    await newArticle(page)
    await page.keyboard.type('نص')
    await pressTool(page, 'toggle-notes')
    await page.keyboard.press('Control+Shift+Enter')
    await expect.poll(() => page.locator('.article-list').isVisible()).toBe(false)
    for (const hidden of ['.app-header', '.side-column', '.toolbar']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false)
    expect(await body(page).isVisible()).toBe(true)
    expect(await page.getByLabel('العنوان').isVisible()).toBe(true)
    await body(page).click()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.article-list').isVisible()).toBe(true)
  })
})
