import { describe, expect, it } from 'vitest'
import { hostPerTest } from './per-test'
import { body, newArticle, waitSaved } from './helpers'
import { value } from '../support/api'

/** Night work and long sessions: the dark theme, the text size kept per person, focus mode. */

const ctx = hostPerTest()

describe('appearance', () => {
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
    await page.getByTestId('toggle-notes').click()
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
