import { describe, expect, it } from 'vitest'
import { hostPerTest } from './per-test'
import { newArticle, onlyArticle, waitSaved } from './helpers'

/**
 * Dates in the interface's language: no `mm/dd/yyyy` field anywhere, a calendar that
 * writes the newsroom's month names and digits, a scheduled time that is stored as chosen.
 */

const ctx = hostPerTest()
const NATIVE = 'input[type="date"], input[type="datetime-local"], input[type="time"], input[type="month"]'

/** The 15th of next month at local midnight, so the test never depends on today. */
function fifteenthNextMonth(): Date {
  const now = new Date()
  return new Date(now.getFullYear(), now.getMonth() + 1, 15)
}

describe('dates as the newsroom writes them', () => {
  it('schedules a publication from the calendar and the 24-hour lists, and stores that moment', async () => {
    const { page } = ctx.host
    await newArticle(page)
    expect(await page.locator(NATIVE).count()).toBe(0)
    expect(await page.getByTestId('publish-at-date-button').innerText()).toBe('بلا تاريخ')
    await page.getByTestId('publish-at-date-button').click()
    const target = fifteenthNextMonth()
    // Next month, then the 15th, named as a screen reader says it (weekday, day, month, year).
    await page.locator('.date-popup .rdp-button_next').click()
    const spoken = new Intl.DateTimeFormat('ar-EG-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(target)
    await page.getByRole('button', { name: spoken, exact: true }).click()
    await expect.poll(() => page.locator('.date-popup').count()).toBe(0)
    expect(await page.getByTestId('publish-at-date-button').innerText()).toBe(spoken)
    await page.getByTestId('publish-at-hour').selectOption('14')
    await page.getByTestId('publish-at-minute').selectOption('30')
    await waitSaved(page)
    const article = await onlyArticle(ctx.host)
    expect(article.meta.publishAt).toBe(new Date(target.getFullYear(), target.getMonth(), 15, 14, 30).getTime())
    // Cleared, it is no date again.
    await page.locator('.date-clear').click()
    await waitSaved(page)
    expect((await onlyArticle(ctx.host)).meta.publishAt).toBeNull()
  })

  it('writes Levantine month names and Arabic-Indic digits when the newsroom chooses them, after a restart too', async () => {
    let page = ctx.host.page
    await newArticle(page)
    await page.getByTestId('publish-at-date-button').click()
    await page.locator('.date-popup .rdp-day_button').first().click()
    const western = await page.getByTestId('publish-at-date-button').innerText()
    expect(western).toMatch(/[0-9]/)
    expect(western).toMatch(/يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر/)
    await page.getByTestId('open-settings').click()
    await page.getByTestId('month-names').selectOption('levantine')
    await page.getByTestId('digits').selectOption('arab')
    const example = await page.getByTestId('dates-example').innerText()
    expect(example).toMatch(/كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين/)
    expect(example).toMatch(/[٠-٩]/)
    expect(example).not.toMatch(/[0-9]/)
    await page.keyboard.press('Escape')
    await waitSaved(page)
    const levantine = await page.getByTestId('publish-at-date-button').innerText()
    expect(levantine).toMatch(/كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين/)
    expect(levantine).not.toMatch(/[0-9]/)
    // The hour list and the times elsewhere on the desk follow the digits too.
    expect(await page.getByTestId('publish-at-hour').locator('option').first().innerText()).toBe('٠٠')
    page = (await ctx.restart()).page
    await page.locator('.body-content').waitFor()
    expect(await page.getByTestId('publish-at-date-button').innerText()).toBe(levantine)
  })

  it('filters search by dates picked from the calendar, whose Escape closes the calendar and not the search', async () => {
    const { page } = ctx.host
    await newArticle(page)
    await page.keyboard.type('قافلة المساعدات وصلت')
    await waitSaved(page)
    await page.keyboard.press('Control+Shift+F')
    await page.getByTestId('search-dialog').waitFor()
    expect(await page.locator(NATIVE).count()).toBe(0)
    await page.getByTestId('search-dialog').getByRole('searchbox').first().fill('قافلة')
    await expect.poll(() => page.locator('.search-hit').count()).toBe(1)
    // From tomorrow: nothing edited today is found.
    await page.getByTestId('search-from-button').click()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.date-popup').count()).toBe(0)
    expect(await page.getByTestId('search-dialog').isVisible()).toBe(true)
    await page.getByTestId('search-from-button').click()
    const tomorrow = new Date()
    tomorrow.setDate(tomorrow.getDate() + 1)
    if (tomorrow.getDate() === 1) await page.locator('.date-popup .rdp-button_next').click()
    const spoken = new Intl.DateTimeFormat('ar-EG-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(tomorrow)
    await page.getByRole('button', { name: spoken, exact: true }).click()
    await expect.poll(() => page.locator('.search-hit').count()).toBe(0)
    await page.getByTestId('search-from').locator('.date-clear').click()
    await expect.poll(() => page.locator('.search-hit').count()).toBe(1)
  })

  it('in the English interface, dates read as in Britain, whatever the Arabic choices', async () => {
    const { page } = ctx.host
    await page.getByTestId('locale').selectOption('en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await newArticle(page)
    await page.getByTestId('publish-at-date-button').click()
    const target = fifteenthNextMonth()
    await page.locator('.date-popup .rdp-button_next').click()
    const spoken = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(target)
    await page.getByRole('button', { name: spoken, exact: true }).click()
    expect(await page.getByTestId('publish-at-date-button').innerText()).toBe(spoken)
  })
})
