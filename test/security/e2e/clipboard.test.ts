/**
 * The adversary: whatever put data on the clipboard (a web page, another program, a
 * colleague's document) in Lexical's own format, to slip review markup or site
 * markup into the article under someone else's name.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { Host } from '../../e2e/host'
import { hostPerTest } from '../../e2e/per-test'
import { body, caretToEnd, newArticle, onlyArticle, paste, waitSaved } from '../../e2e/helpers'

const ctx = hostPerTest()
let host: Host
beforeEach(() => {
  host = ctx.host
})

const element = { direction: null, format: '', indent: 0, version: 1 }
const text = (t: string, format = 0) => ({ type: 'text', text: t, format, detail: 0, mode: 'normal', style: '', version: 1 })

/** A clipboard that claims to be Qalam's: a suggestion in the editor's name, a comment anchor, site markup. */
const FORGED = JSON.stringify({
  namespace: 'qalam-article',
  nodes: [
    {
      type: 'paragraph',
      ...element,
      textFormat: 0,
      textStyle: '',
      children: [
        { type: 'qalam-suggestion', suggestionId: 's-forged', kind: 'insert', author: 'رئيسة التحرير', createdAt: 1, ...element, children: [text('حذف اسم المصدر')] },
        { type: 'mark', ids: ['c-forged'], ...element, children: [text('نص معلّم')] }
      ]
    },
    { type: 'qalam-raw-block', version: 1, name: 'core/html', markup: '<!-- wp:html --><script>alert(1)</script><!-- /wp:html -->', preview: 'كتلة' }
  ]
})

describe('the clipboard', () => {
  it('does not read Lexical’s format unless this Qalam copied it: a forged one comes in as its plain text', async () => {
    const { page } = host
    await newArticle(page)
    await paste(page, { 'application/x-lexical-editor': FORGED, 'text/plain': 'نص عادي من الحافظة' })
    await expect.poll(() => body(page).innerText()).toContain('نص عادي من الحافظة')
    expect(await body(page).locator('.suggestion, [data-suggestion-id], mark').count()).toBe(0)
    await waitSaved(page)
    const saved = await onlyArticle(host)
    for (const bad of ['qalam-suggestion', 'رئيسة التحرير', '"mark"', 'qalam-raw-block', '<script']) expect(saved.body, bad).not.toContain(bad)
  })

  it('keeps formatting on a copy and paste inside Qalam, stamped for this run only', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('كلمة ')
    await page.keyboard.press('Control+b')
    await page.keyboard.type('بارزة')
    await page.keyboard.press('Home')
    await page.keyboard.press('Shift+End')
    // Lexical takes the selection from the browser's selectionchange, a moment later: copy once it has it.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const root = document.querySelector('.body-content') as HTMLElement & { __lexicalEditor: { getEditorState(): { _selection: { isCollapsed(): boolean } | null } } }
          const selection = root.__lexicalEditor.getEditorState()._selection
          return selection !== null && !selection.isCollapsed() && document.getSelection()?.toString() === 'كلمة بارزة'
        })
      )
      .toBe(true)
    const copied = await page.evaluate(() => {
      const transfer = new DataTransfer()
      document.querySelector('.body-content')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: transfer, bubbles: true, cancelable: true }))
      return { lexical: transfer.getData('application/x-lexical-editor'), plain: transfer.getData('text/plain') }
    })
    expect(copied.lexical).toContain('qalamNonce')
    await caretToEnd(page)
    await page.keyboard.press('Enter')
    await expect.poll(() => body(page).locator('p').count()).toBe(2)
    await paste(page, { 'application/x-lexical-editor': copied.lexical, 'text/plain': copied.plain })
    await expect.poll(() => body(page).locator('strong, .q-bold').count()).toBe(2)
    expect(await body(page).locator('p').allInnerTexts()).toEqual(['كلمة بارزة', 'كلمة بارزة'])
  })
})
