import { describe, expect, it } from 'vitest'
import { hostPerTest } from './per-test'
import { body, newArticle, waitSaved } from './helpers'

/** The desk without a mouse: Escape closes the topmost dialog or panel, focus comes back, and Ctrl+/ lists the shortcuts. */

const ctx = hostPerTest()

describe('the keyboard', () => {
  it('in search, the first Escape clears the query and the second closes; focus returns', async () => {
    const { page } = ctx.host
    await newArticle(page)
    await page.keyboard.type('نص')
    await waitSaved(page)
    await page.keyboard.press('Control+Shift+F')
    const dialog = page.getByTestId('search-dialog')
    await dialog.waitFor()
    await page.keyboard.type('زلزال')
    await page.keyboard.press('Escape')
    expect(await dialog.getByRole('searchbox').inputValue()).toBe('')
    expect(await dialog.isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.body-content') !== null)).toBe(true)
  })

  it('one panel beside the text at a time; Escape closes it and gives focus back', async () => {
    const { page } = ctx.host
    await newArticle(page)
    await body(page).click()
    await page.keyboard.type('نص')
    await page.getByTestId('toggle-sync').focus()
    await page.keyboard.press('Enter')
    // At 1440 px the panel buttons do not fit in the toolbar beside the metadata: «المزيد» holds them, by keyboard too.
    await page.getByTestId('toolbar-more').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('toolbar-menu').getByTestId('toggle-notes').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('notes-panel').waitFor()
    expect(await page.getByTestId('toolbar-menu').count()).toBe(0)
    await page.getByTestId('notes-body').focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('notes-panel').count()).toBe(0)
    // The button that opened it went with the menu: focus goes back to «المزيد».
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('toolbar-more')
    // Opening the notes closed the sync panel: the text never has two panels beside it.
    expect(await page.getByTestId('toggle-sync').getAttribute('aria-pressed')).toBe('false')
    // The metadata panel gives its place to a panel and comes back after it.
    await page.keyboard.press('Control+Shift+KeyR')
    await expect.poll(() => page.locator('.meta-panel').isVisible()).toBe(false)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.meta-panel').isVisible()).toBe(true)
  })

  it('Ctrl+/ lists every shortcut, and Escape closes the list', async () => {
    const { page } = ctx.host
    await newArticle(page)
    await page.keyboard.press('Control+Slash')
    const help = page.getByTestId('shortcuts-help')
    await help.waitFor()
    const text = await help.innerText()
    for (const keys of ['Ctrl+B', 'Ctrl+Shift+F', 'Ctrl+Shift+L', 'Ctrl+Shift+Delete', 'Ctrl+/']) expect(text).toContain(keys)
    expect(text).toContain('أقفل المكتب')
    await page.keyboard.press('Escape')
    await expect.poll(() => help.count()).toBe(0)
  })
})
