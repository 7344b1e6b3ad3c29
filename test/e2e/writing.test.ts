import { beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { type Host } from './host'
import { hostPerTest } from './per-test'
import { body, caretAfter, caretToEnd, newArticle, onlyArticle, selectText, waitSaved, pickMoment } from './helpers'

const ctx = hostPerTest()
let host: Host
beforeEach(() => {
  host = ctx.host
})

/**
 * Restarts the host with a controllable page clock, opens a new article and
 * stops the page's time: no autosave timer can fire, so only the path under
 * test can save. Real time still passes for the test itself.
 */
async function newArticleWithTimeStopped(): Promise<Page> {
  host = await ctx.restart({ controllableClock: true })
  await newArticle(host.page)
  await host.page.clock.pauseAt(Date.now() + 60_000)
  return host.page
}

const LEAD = 'أعلنت وزارة الداخلية نتائج الانتخابات في 15 بلدية، وقالت Reuters إن نسبة المشاركة بلغت 48%.'

describe('writing an article', () => {
  it('keeps Arabic with Latin words and digits, formatting, a list and a link across a restart', async () => {
    const { page } = host
    await newArticle(page)
    await page.getByLabel('العنوان').fill('انتخابات بلدية في 15 مدينة')
    await body(page).click()
    await page.keyboard.type(LEAD)
    await selectText(page, 'الداخلية')
    await page.keyboard.press('Control+b')
    await selectText(page, 'Reuters')
    await page.keyboard.press('Control+i')
    await caretToEnd(page)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+Shift+8')
    await page.keyboard.type('بيروت: 52%')
    await page.keyboard.press('Enter')
    await page.keyboard.type('طرابلس: 41%')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.type('التفاصيل على موقع الوزارة')
    await selectText(page, 'موقع الوزارة')
    await page.keyboard.press('Control+k')
    await page.getByLabel('عنوان الرابط').fill('https://www.interior.gov.lb/results')
    await page.keyboard.press('Enter')
    // Caret at the end of the lead paragraph.
    await caretAfter(page, 'بلغت 48%.')
    await waitSaved(page)

    const before = await onlyArticle(host)
    expect(before.title).toBe('انتخابات بلدية في 15 مدينة')
    expect(before.bodyText).toContain(LEAD)
    expect(before.wordCount).toBeGreaterThan(20)
    const html = await body(page).innerHTML()
    expect(await body(page).locator('strong, .q-bold').first().innerText()).toBe('الداخلية')
    expect(await body(page).locator('em, .q-italic').first().innerText()).toBe('Reuters')
    expect(await body(page).locator('ul li').allInnerTexts()).toEqual(['بيروت: 52%', 'طرابلس: 41%'])
    expect(await body(page).locator('a').getAttribute('href')).toBe('https://www.interior.gov.lb/results')

    host = await ctx.restart()
    const again = host.page
    // The last article reopens by itself, exactly as it was.
    await body(again).waitFor()
    expect(await again.getByLabel('العنوان').inputValue()).toBe('انتخابات بلدية في 15 مدينة')
    expect(await body(again).innerHTML()).toBe(html)
    const after = await onlyArticle(host)
    expect(after.body).toBe(before.body)
    // The caret is where it was: typing continues the lead paragraph.
    await again.keyboard.type(' انتهى')
    expect(await body(again).locator('p').first().innerText()).toBe(`${LEAD} انتهى`)
  })

  it('bolds whole Arabic words even when the selection splits one', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('كتب الصحفي مقالا طويلا')
    // Select «حف» inside «الصحفي».
    await selectText(page, 'الصحفي', 3, 2)
    await page.keyboard.press('Control+b')
    expect(await body(page).locator('strong, .q-bold').allInnerTexts()).toEqual(['الصحفي'])
  })

  it('undoes and redoes with the keyboard and the toolbar', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('الجملة الأولى.')
    await page.waitForTimeout(1100) // a pause ends an undo step
    await page.keyboard.type(' الجملة الثانية.')
    await page.keyboard.press('Control+z')
    expect(await body(page).innerText()).toBe('الجملة الأولى.')
    await page.keyboard.press('Control+Shift+z')
    expect(await body(page).innerText()).toBe('الجملة الأولى. الجملة الثانية.')
    await page.locator('[data-action="undo"]').click()
    expect(await body(page).innerText()).toBe('الجملة الأولى.')
    await page.locator('[data-action="redo"]').click()
    expect(await body(page).innerText()).toBe('الجملة الأولى. الجملة الثانية.')
  })

  it('keeps at most 300 undo steps, so a day of typing does not grow memory without bound', async () => {
    const { page } = host
    await newArticle(page)
    const lines = 330
    for (let i = 0; i < lines; i++) {
      await page.keyboard.type('س')
      await page.keyboard.press('Enter')
    }
    expect(await body(page).locator('p').count()).toBe(lines + 1)
    for (let i = 0; i < 800; i++) await page.keyboard.press('Control+z')
    // Uncapped, 800 undos would empty the document; the oldest steps are gone instead.
    const left = await body(page).locator('p').count()
    expect(left).toBeGreaterThan(1)
    expect(left).toBeLessThan(lines)
    expect(await page.locator('[data-action="undo"]').isDisabled()).toBe(true)
  })

  it('switches a paragraph to LTR and back from the toolbar and the keyboard', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('فقرة عربية')
    await page.keyboard.press('Enter')
    await page.keyboard.type('The minister said: "we will win".')
    const latin = body(page).locator('p').nth(1)
    expect(await latin.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl')
    await page.locator('[data-action="direction"]').click()
    expect(await latin.getAttribute('dir')).toBe('ltr')
    expect(await latin.evaluate((p) => getComputedStyle(p).direction)).toBe('ltr')
    expect(
      await body(page)
        .locator('p')
        .first()
        .evaluate((p) => getComputedStyle(p).direction)
    ).toBe('rtl')
    await waitSaved(page)
    const saved = JSON.parse((await onlyArticle(host)).body)
    expect(saved.root.direction).toBe('rtl')
    expect(saved.root.children[1].direction).toBe('ltr')
    await page.keyboard.press('Control+Shift+x')
    expect(await latin.getAttribute('dir')).toBeNull()
    expect(await latin.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl')
  })

  it('shows live counts that are right for Arabic', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('وقال الرئيس إن الحكومة ستعلن قرارها غدًا')
    await page.waitForFunction(() => document.querySelector('[data-testid="word-count"]')?.textContent === '7 كلمات')
    expect(await page.getByTestId('reading-time').innerText()).toBe('قراءة في دقيقة')
  })

  it('autosaves within a second and says so', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('خبر')
    await page.waitForFunction(() => /^محفوظ · \d\d:\d\d$/.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? ''), undefined, {
      timeout: 5000
    })
    expect((await onlyArticle(host)).bodyText).toBe('خبر')
  })

  it('writes the last words when the app quits a moment after typing', async () => {
    const page = await newArticleWithTimeStopped()
    await page.getByLabel('العنوان').fill('خبر عاجل')
    await body(page).click()
    // Leaving the title saves it: that save is let finish first (on a loaded machine it was still running when the status was read).
    await expect.poll(() => page.getByTestId('save-status').getAttribute('class')).toContain('save-saved')
    await page.keyboard.type('آخر سطر قبل الإغلاق')
    expect(await page.getByTestId('save-status').innerText()).toBe('تغييرات لم تُحفظ بعد')
    await new Promise((ok) => setTimeout(ok, 1500))
    expect((await onlyArticle(host)).bodyText).toBe('')
    // What quitting does: the main process sends app:flush and waits for app:flushed.
    const answered = host.services.flush.waitForFlush(5_000)
    await page.evaluate(() => window.__qalamHostEmit('app:flush', null))
    expect(await answered).toEqual({ unsaved: 0 })
    expect((await onlyArticle(host)).bodyText).toBe('آخر سطر قبل الإغلاق')
    host = await ctx.restart()
    await body(host.page).waitFor()
    expect(await body(host.page).innerText()).toBe('آخر سطر قبل الإغلاق')
    expect(await host.page.getByLabel('العنوان').inputValue()).toBe('خبر عاجل')
  })

  it('saves at once when the window loses focus', async () => {
    const page = await newArticleWithTimeStopped()
    await page.keyboard.type('سطر أخير قبل انقطاع الكهرباء')
    expect((await onlyArticle(host)).bodyText).toBe('')
    await new Promise((ok) => setTimeout(ok, 1500))
    expect((await onlyArticle(host)).bodyText).toBe('')
    await page.evaluate(() => window.dispatchEvent(new Event('blur')))
    await expect.poll(async () => (await onlyArticle(host)).bodyText).toBe('سطر أخير قبل انقطاع الكهرباء')
  })

  it('keeps metadata beside the text', async () => {
    const { page } = host
    await newArticle(page)
    await page.locator('input[name="byline"]').fill('مراسلنا في دمشق')
    await page.locator('input[name="dateline"]').fill('دمشق')
    await page.locator('input[name="categories"]').fill('سياسة، سوريا')
    await page.locator('input[name="tags"]').fill('انتخابات, برلمان')
    await page.locator('input[name="slug"]').fill('syria-vote')
    await page.locator('input[name="label"]').fill('خاص')
    await pickMoment(page, 'publish-at', new Date(2027, 0, 5, 7, 45))
    await waitSaved(page)
    expect((await onlyArticle(host)).meta).toEqual({
      byline: 'مراسلنا في دمشق',
      dateline: 'دمشق',
      categories: ['سياسة', 'سوريا'],
      tags: ['انتخابات', 'برلمان'],
      slug: 'syria-vote',
      label: 'خاص',
      featuredImage: '',
      publishAt: new Date(2027, 0, 5, 7, 45).getTime()
    })
  })
})
