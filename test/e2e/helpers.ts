import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT, type Host } from './host'
import type { Article } from '@shared/domain/article'
import { value } from '../support/api'

export const body = (page: Page) => page.locator('.body-content')

/** Saves the page as test-results/<name>, to be looked at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true })
  await page.screenshot({ path: join(ROOT, 'test-results', name) })
}

/** Creates an article from the list and waits for its editor. */
export async function newArticle(page: Page): Promise<void> {
  await page.getByTestId('new-article').click()
  await body(page).waitFor()
  await page.waitForFunction(() => document.activeElement?.classList.contains('body-content'))
}

/** Selects the first occurrence of `needle` inside the body, through the DOM selection as a mouse would. */
export async function selectText(page: Page, needle: string, from = 0, length = needle.length): Promise<void> {
  await page.evaluate(
    ({ needle, from, length }) => {
      const root = document.querySelector('.body-content')!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(needle)
        if (at >= 0) {
          ;(root as HTMLElement).focus()
          document.getSelection()!.setBaseAndExtent(node, at + from, node, at + from + length)
          return
        }
      }
      throw new Error(`text not found: ${needle}`)
    },
    { needle, from, length }
  )
  // Lexical picks the DOM selection up on selectionchange.
  await page.waitForTimeout(50)
}

/** Waits until the status bar says everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.className.includes('save-saved'), undefined, { timeout: 10_000 })
}

export async function stored(host: Host, id: string): Promise<Article> {
  return value(host.api.articles.get({ id }))
}

export async function onlyArticle(host: Host): Promise<Article> {
  const rows = await value(host.api.articles.list())
  if (rows.length !== 1) throw new Error(`expected one article, found ${rows.length}`)
  return stored(host, rows[0]!.id)
}

/** Dispatches a real paste event carrying clipboard data, as the browser does for Ctrl+V. */
export async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer()
    for (const [type, value] of Object.entries(data)) transfer.setData(type, value)
    const target = document.querySelector('.body-content')!
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  }, data)
}

/** Puts the caret right after the first occurrence of `needle` in the body. */
export async function caretAfter(page: Page, needle: string): Promise<void> {
  await selectText(page, needle, needle.length, 0)
}

/** Puts the caret at the very end of the body. */
export async function caretToEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('.body-content') as HTMLElement
    root.focus()
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    let last: Node | null = null
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) last = n
    if (last === null) return
    document.getSelection()!.setBaseAndExtent(last, last.textContent!.length, last, last.textContent!.length)
  })
  await page.waitForTimeout(50)
}

/**
 * What a person would have seen when a test failed: the focused element, the list, the filters,
 * the open article and any notice. Printed by the e2e suites' afterEach, so a failure on CI
 * (where only the log survives) can be explained afterwards.
 */
export async function describePage(page: Page): Promise<string> {
  try {
    return await page.evaluate(() => {
      const active = document.activeElement
      const field = (label: string) => (document.querySelector(`[aria-label="${label}"]`) as HTMLInputElement | null)?.value
      const lines = [
        `focused: <${active?.tagName.toLowerCase()} class="${active?.className}" aria-label="${active?.getAttribute('aria-label') ?? ''}">`,
        `search: ${JSON.stringify(field('ابحث في العناوين'))} status: ${JSON.stringify(field('تصفية حسب الحالة'))}`,
        `list: ${JSON.stringify([...document.querySelectorAll('.list-item .list-title')].map((e) => e.textContent))}`,
        `title: ${JSON.stringify((document.querySelector('[aria-label="العنوان"]') as HTMLInputElement | null)?.value)}`,
        `body: ${JSON.stringify(document.querySelector('.body-content')?.textContent?.slice(0, 300))}`,
        `notice: ${JSON.stringify(document.querySelector('.notice')?.textContent ?? null)}`,
        `save status: ${JSON.stringify(document.querySelector('[data-testid="save-status"]')?.textContent ?? null)}`
      ]
      return lines.join('\n')
    })
  } catch (error) {
    return `page could not be described: ${String(error)}`
  }
}

/** Presses a toolbar or header button, through «المزيد» when the toolbar has moved it there. */
export async function pressTool(page: Page, testId: string): Promise<void> {
  const button = page.getByTestId(testId)
  if ((await button.count()) === 0) {
    await page.getByTestId('toolbar-more').click()
    await page.getByTestId('toolbar-menu').waitFor()
  }
  await button.click()
}

/**
 * Picks a moment in a DateTimeField (or only the day in a DateField) as a reporter would: the
 * year and month from the calendar's lists, the day by its spoken name, then hour and minute.
 */
export async function pickMoment(page: Page, testId: string, at: Date, withTime = true): Promise<void> {
  const dateId = withTime ? `${testId}-date` : testId
  await page.getByTestId(`${dateId}-button`).click()
  await page.locator('.date-popup select.rdp-years_dropdown').selectOption(String(at.getFullYear()))
  await page.locator('.date-popup select.rdp-months_dropdown').selectOption(String(at.getMonth()))
  const spoken = new Intl.DateTimeFormat('ar-EG-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at)
  await page.getByRole('button', { name: spoken, exact: true }).click()
  if (!withTime) return
  await page.getByTestId(`${testId}-hour`).selectOption(String(at.getHours()))
  await page.getByTestId(`${testId}-minute`).selectOption(String(at.getMinutes()))
}

/** After the caret's paragraph: a quote, then a paragraph with a link, typed as a reporter would. */
export async function typeQuoteAndLink(page: Page): Promise<void> {
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Shift+9')
  await page.keyboard.type('«لن نغادر»، قال أحد السكان.')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.type('التفاصيل على موقع الوزارة')
  await selectText(page, 'موقع الوزارة')
  await page.keyboard.press('Control+k')
  await page.locator('.link-dialog input[name="url"]').fill('https://example.org/report')
  await page.keyboard.press('Enter')
  await page.locator('.body-content a').waitFor()
}
