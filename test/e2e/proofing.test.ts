import { describe, expect, it } from 'vitest'
import type { Host } from './host'
import { body, newArticle, waitSaved, pressTool, shot } from './helpers'
import { hostPerTest } from './per-test'

const run = hostPerTest()

const misspelledCount = (host: Host) => host.page.evaluate(() => Number(document.querySelector<HTMLElement>('.body-content')?.dataset.misspelled ?? -1))

/** Right-clicks the first occurrence of a word in the body and returns the spelling menu it opens. */
async function spellMenuOn(host: Host, word: string) {
  const { x, y } = await pointAt(host, word)
  await host.page.mouse.click(x, y, { button: 'right' })
  return host.page.getByTestId('spell-menu')
}

/** The centre of the first occurrence of a word in the body, for a right click. */
async function pointAt(host: Host, word: string): Promise<{ x: number; y: number }> {
  return host.page.evaluate((word) => {
    const root = document.querySelector('.body-content')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(word)
      if (at < 0) continue
      const r = document.createRange()
      r.setStart(n, at + 1)
      r.setEnd(n, at + word.length - 1)
      const box = r.getBoundingClientRect()
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    }
    throw new Error(`not found: ${word}`)
  }, word)
}

describe('proofing', () => {
  it('underlines a misspelled word offline and replaces it from the context menu', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('أعلنت الحكومه خطة جديدة في بيروت')
    await expect.poll(() => misspelledCount(host)).toBe(1)
    const menu = await spellMenuOn(host, 'الحكومه')
    await menu.getByRole('menuitem', { name: 'الحكومة', exact: true }).click()
    await expect.poll(() => body(page).innerText()).toBe('أعلنت الحكومة خطة جديدة في بيروت')
    await expect.poll(() => misspelledCount(host)).toBe(0)
    await waitSaved(page)
  })

  it('underlines a misspelling that ends a paragraph and one that begins the next, with no stop between them', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    // A list item or a line without a full stop: the two paragraphs' words must not run together.
    await page.keyboard.type('زار الوفد المدينه')
    await page.keyboard.press('Enter')
    await page.keyboard.type('الحكومه رحبت بالزيارة')
    await expect.poll(() => misspelledCount(host)).toBe(2)
    await waitSaved(page)
  })

  it('learns the newsroom’s words: «أضف إلى قاموس الجريدة» stops the underline, and the list exports', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('التقى عراقجي الوفد')
    await expect.poll(() => misspelledCount(host)).toBe(1)
    await (await spellMenuOn(host, 'عراقجي')).getByRole('menuitem', { name: 'أضف إلى قاموس الجريدة' }).click()
    await expect.poll(() => misspelledCount(host)).toBe(0)
    await pressTool(page, 'toggle-proofing')
    await expect.poll(() => page.getByTestId('newsroom-words').innerText()).toContain('عراقجي')
    await page.getByTestId('export-words').click()
    await expect.poll(() => host.savedFiles.map((f) => f.text)).toEqual(['عراقجي\n'])
  })

  it('explains the editorial checks in Arabic and applies a safe fix in one click', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('قال الوزير في في مؤتمر صحفي, إن الجلسة في 31 نيسان')
    await waitSaved(page)
    await page.keyboard.press('Control+Shift+P')
    const panel = page.getByTestId('proofing-panel')
    await expect.poll(() => panel.getByTestId('finding').count()).toBeGreaterThanOrEqual(4)
    const text = await panel.innerText()
    expect(text).toContain('كلمة مكررة: «في».')
    expect(text).toContain('علامة لاتينية «,» في نص عربي: «،».')
    expect(text).toContain('تاريخ مستحيل: أبريل/نيسان 30 يومًا.')
    expect(text).toContain('لم يُذكر الكاتب.')
    await shot(page, 'proofing.png')
    await panel.locator('[data-kind="repeated-word"]').getByTestId('fix').click()
    await expect.poll(() => body(page).innerText()).toBe('قال الوزير في مؤتمر صحفي, إن الجلسة في 31 نيسان')
    await panel.locator('[data-kind="latin-punctuation"]').getByTestId('fix').click()
    await expect.poll(() => body(page).innerText()).toBe('قال الوزير في مؤتمر صحفي، إن الجلسة في 31 نيسان')
    await expect.poll(() => panel.locator('[data-kind="repeated-word"]').count()).toBe(0)
  })

  it('underlines the slips the word list holds as words, explains each in the panel, and applies the fix the reporter picks of two', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('قال إن الخطوة حاسمه وانه لا تغيير، ولاكن ألحكومة ترفض.')
    await waitSaved(page)
    // Underlined in the text like any misspelling, the right click offering the fix first.
    await expect.poll(() => misspelledCount(host)).toBe(4)
    const menu = await spellMenuOn(host, 'ولاكن')
    await expect.poll(() => menu.getByRole('menuitem').first().innerText()).toBe('ولكن')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+Shift+P')
    const panel = page.getByTestId('proofing-panel')
    const slips = panel.locator('[data-kind="probable-slip"]')
    await expect.poll(() => slips.count()).toBe(4)
    const text = await panel.innerText()
    expect(text).toContain('«حاسمه» نادرة وهي بالتاء المربوطة شائعة: الأرجح «حاسمة».')
    expect(text).toContain('«وانه» لا تُكتب بلا همزة: الأرجح «وأنه» أو «وإنه».')
    expect(text).toContain('ألف «ولاكن» لا تُكتب: الأرجح «ولكن».')
    expect(text).toContain('ألف «ال» لا تُكتب همزة في «ألحكومة»: الأرجح «الحكومة».')
    await shot(page, 'proofing-slips.png')
    // Two fixes for «وانه»: the reporter, who knows the sentence, picks «وإنه».
    await slips.nth(1).getByRole('button', { name: 'وإنه', exact: true }).click()
    await expect.poll(() => body(page).innerText()).toBe('قال إن الخطوة حاسمه وإنه لا تغيير، ولاكن ألحكومة ترفض.')
    await expect.poll(() => slips.count()).toBe(3)
  })

  it('underlines the hamza the word before decides («قال إن», «لن أسمح») and fixes it from the menu or the panel', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('وقال أنه لن اسمح بذلك، وذكر أنه باق.')
    await waitSaved(page)
    // «أنه» after «وقال» and «اسمح» after «لن» are underlined; «أنه» after «وذكر» is right.
    await expect.poll(() => misspelledCount(host)).toBe(2)
    const first = (await spellMenuOn(host, 'أنه')).getByRole('menuitem').first()
    await expect.poll(() => first.innerText()).toBe('إنه')
    await first.click()
    await expect.poll(() => body(page).innerText()).toBe('وقال إنه لن اسمح بذلك، وذكر أنه باق.')
    await expect.poll(() => misspelledCount(host)).toBe(1)
    await page.keyboard.press('Control+Shift+P')
    const panel = page.getByTestId('proofing-panel')
    const found = panel.locator('[data-kind="hamza-in-context"]')
    await expect.poll(() => found.count()).toBe(1)
    expect(await found.first().innerText()).toContain('همزة')
    expect(await found.first().innerText()).toContain('بعد «لن» فعل مضارع، وهمزة المتكلم فيه تُكتب: «أسمح».')
    await shot(page, 'proofing-context.png')
    await found.first().getByTestId('fix').click()
    await expect.poll(() => body(page).innerText()).toBe('وقال إنه لن أسمح بذلك، وذكر أنه باق.')
    await expect.poll(() => found.count()).toBe(0)
    await expect.poll(() => misspelledCount(host)).toBe(0)
  })
})
