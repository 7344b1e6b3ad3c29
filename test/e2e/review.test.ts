import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from './host'
import { body, caretAfter, newArticle, onlyArticle, selectText, waitSaved, pressTool } from './helpers'
import { hostPerTest } from './per-test'
import { value } from '../support/api'
import { forgeBundle } from '../support/zip'

const run = hostPerTest()

const panel = (page: Page) => page.getByTestId('review-panel')

async function openReview(page: Page, name: string, role: 'reporter' | 'editor'): Promise<void> {
  await pressTool(page, 'toggle-review')
  await panel(page).waitFor()
  await page.getByTestId('review-name').fill(name)
  await page.getByTestId('review-name').blur()
  await page.getByTestId('review-role').selectOption(role)
  await expect.poll(() => page.getByTestId('review-identity').innerText()).toContain(name)
}

/** A new article with one sentence, opened for review by سلمى as editor, and her comment on «العجز». */
async function commentedByEditor(page: Page, comment: string): Promise<void> {
  await newArticle(page)
  await page.keyboard.type('قال وزير المالية إن العجز بلغ 4% من الناتج المحلي.')
  await openReview(page, 'سلمى', 'editor')
  await selectText(page, 'العجز')
  await page.getByTestId('start-comment').click()
  await page.getByTestId('comment-body').fill(comment)
  await page.getByTestId('add-comment').click()
}

/** Width of the text of `needle` as laid out in the body, against the same text laid out plainly in the same font. */
async function joinedWidths(page: Page, needle: string): Promise<{ inEditor: number; plain: number }> {
  return page.evaluate((needle) => {
    const root = document.querySelector('.body-content')!
    const text = root.textContent!
    const at = text.indexOf(needle)
    if (at < 0) throw new Error(`not found: ${needle}`)
    // A DOM range over the needle, across whatever elements (ins, del, mark) it runs through.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    let offset = 0
    const range = document.createRange()
    let started = false
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const len = n.textContent!.length
      if (!started && at < offset + len) {
        range.setStart(n, at - offset)
        started = true
      }
      if (started && at + needle.length <= offset + len) {
        range.setEnd(n, at + needle.length - offset)
        break
      }
      offset += len
    }
    const inEditor = range.getBoundingClientRect().width
    const p = root.querySelector('p')!
    const probe = document.createElement('span')
    probe.style.font = getComputedStyle(p).font
    probe.style.whiteSpace = 'pre'
    probe.style.position = 'absolute'
    probe.textContent = needle
    document.body.appendChild(probe)
    const plain = probe.getBoundingClientRect().width
    probe.remove()
    return { inEditor, plain }
  }, needle)
}

describe('review in the editor', () => {
  it('anchors comments to the text: threads, replies, resolve and reopen; the anchor follows edits; deleted text leaves it detached', async () => {
    const { host } = run
    const { page } = host
    await commentedByEditor(page, 'ما المصدر؟ وزارة المالية أم صندوق النقد؟')
    const thread = panel(page).locator('.thread').first()
    await expect.poll(() => thread.innerText()).toContain('ما المصدر؟')
    await expect.poll(() => thread.locator('.thread-quote').innerText()).toBe('«العجز»')
    expect(await body(page).locator('mark.q-comment').innerText()).toBe('العجز')

    await thread.getByTestId('reply-body').fill('وزارة المالية، بيان الأمس.')
    await thread.getByTestId('reply').click()
    await expect.poll(() => thread.locator('.comment').count()).toBe(2)

    // Typing right before the anchored word does not move the anchor or grow it.
    await caretAfter(page, 'إن ')
    await page.keyboard.type('نسبة ')
    await expect.poll(() => body(page).innerText()).toContain('إن نسبة العجز')
    await waitSaved(page)
    expect(await body(page).locator('mark.q-comment').innerText()).toBe('العجز')

    await thread.getByTestId('resolve').click()
    await expect.poll(() => panel(page).locator('.review-threads:not(.is-resolved) .thread').count()).toBe(0)
    await page.getByTestId('show-resolved').click()
    await panel(page).locator('.is-resolved .thread').getByTestId('reopen').click()
    await expect.poll(() => panel(page).locator('.review-threads:not(.is-resolved) .thread').count()).toBe(1)

    // Deleting the commented text leaves the thread, shown as detached.
    await selectText(page, 'العجز')
    await page.keyboard.press('Backspace')
    await expect.poll(() => body(page).locator('mark').count()).toBe(0)
    await expect.poll(() => panel(page).locator('.thread.is-detached').count()).toBe(1)
    await expect.poll(() => panel(page).locator('.thread.is-detached').innerText()).toContain('منفصل')
    await waitSaved(page)
    await page.screenshot({ path: join(ROOT, 'test-results', 'review-comments.png') })
    const article = await onlyArticle(host)
    const review = await value(host.api.review.get({ articleId: article.id }))
    expect(review.comments.map((c) => c.body)).toEqual(['ما المصدر؟ وزارة المالية أم صندوق النقد؟', 'وزارة المالية، بيان الأمس.'])
  })

  it('says who sent a comment to the site when it was not its author', async () => {
    const { host } = run
    const { page } = host
    await commentedByEditor(page, 'ما المصدر؟')
    await expect.poll(() => panel(page).locator('.thread').count()).toBe(1)
    await waitSaved(page)
    // The site's plugin marked the comment as sent by ليلى (here: as a pull would bring it, through a bundle).
    const article = await onlyArticle(host)
    const marked = forgeBundle(host.services.bundles.exportBundle(article.id), (files) => {
      const review = files['review.json'] as { comments: Record<string, unknown>[] }
      review.comments[0]!.relayedBy = 'ليلى'
    })
    host.services.bundles.importBundle(marked)
    await pressTool(page, 'toggle-review')
    await pressTool(page, 'toggle-review')
    const meta = panel(page).locator('.comment .review-meta').first()
    await expect.poll(() => meta.innerText()).toContain('أرسله إلى الموقع ليلى')
    expect(await meta.innerText()).toContain('سلمى')
    await panel(page)
      .locator('.thread')
      .first()
      .screenshot({ path: join(ROOT, 'test-results', 'review-relayed.png') })
  })

  it('records insertions and deletions in suggestion mode without breaking Arabic joining, and accepts or rejects them', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('زار الرئيس كتاب المدرسة في المدينة يوم الخميس.')
    await waitSaved(page)
    await openReview(page, 'سلمى', 'editor')
    await page.getByTestId('toggle-suggesting').click()
    await expect.poll(() => page.getByTestId('suggesting-banner').isVisible()).toBe(true)

    // An insertion that joins the word after it: «ال» before «كتاب».
    await caretAfter(page, 'الرئيس ')
    await body(page).focus()
    await caretAfter(page, 'الرئيس ')
    await page.keyboard.type('ال')
    await expect.poll(() => body(page).locator('ins.q-sug-insert').innerText()).toBe('ال')
    // A deletion of one letter inside a word: the «ا» of «المدينة».
    await caretAfter(page, 'في ا')
    await page.keyboard.press('Backspace')
    await expect.poll(() => body(page).locator('del.q-sug-delete').innerText()).toBe('ا')
    // Nothing was removed from the text: it is all still there, marked.
    expect(await body(page).innerText()).toContain('الكتاب المدرسة في المدينة')

    for (const word of ['الكتاب', 'المدينة']) {
      const { inEditor, plain } = await joinedWidths(page, word)
      // Broken joining would lay the letters out in their separate forms, at a different width.
      expect(Math.abs(inEditor - plain), `${word}: ${inEditor} vs ${plain}`).toBeLessThan(0.75)
    }
    await page.screenshot({ path: join(ROOT, 'test-results', 'review-suggestions.png') })

    const list = page.getByTestId('suggestion-list')
    await expect.poll(() => list.locator('li').count()).toBe(2)
    expect(await list.innerText()).toContain('سلمى')
    // Accept the insertion, reject the deletion.
    await list.locator('.suggestion-insert').getByTestId('accept-suggestion').click()
    await list.locator('.suggestion-delete').getByTestId('reject-suggestion').click()
    await expect.poll(() => body(page).locator('ins, del').count()).toBe(0)
    expect(await body(page).innerText()).toBe('زار الرئيس الكتاب المدرسة في المدينة يوم الخميس.')

    // Typing over a selection suggests the deletion and the insertion together; reject all puts the text back.
    await selectText(page, 'الخميس')
    await page.keyboard.type('الجمعة')
    await expect.poll(() => list.locator('li').count()).toBe(2)
    await page.getByTestId('reject-all').click()
    await expect.poll(() => body(page).innerText()).toBe('زار الرئيس الكتاب المدرسة في المدينة يوم الخميس.')
    // Enter is not a suggestion: it says so and changes nothing.
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.notice').innerText()).toContain('فصل الفقرات')
    expect(await body(page).locator('p').count()).toBe(1)

    // Out of suggestion mode, typing changes the text directly again.
    await page.getByTestId('toggle-suggesting').click()
    // The switch reaches the editor first (on a loaded machine the typing could otherwise outrun it).
    await expect.poll(() => page.getByTestId('toggle-suggesting').getAttribute('aria-pressed')).toBe('false')
    await caretAfter(page, 'الخميس')
    await page.keyboard.type(' الماضي')
    await expect.poll(() => body(page).innerText()).toContain('الخميس الماضي.')
    expect(await body(page).locator('ins, del').count()).toBe(0)
    await waitSaved(page)
  })

  it('moves an article through the workflow by the rules, with who, when and why in its history', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('خبر عاجل عن الانتخابات.')
    await openReview(page, 'ليلى', 'reporter')
    // A reporter may only hand it in.
    expect(
      await panel(page)
        .locator('[data-testid^="move-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    ).toEqual(['move-submitted'])
    await panel(page).getByLabel('ملاحظة (اختيارية)').fill('جاهز للنشر مساءً')
    await page.getByTestId('move-submitted').click()
    await expect.poll(() => page.getByTestId('review-status').innerText()).toBe('أُرسلت للمراجعة')
    await expect.poll(() => page.getByTestId('review-history').innerText()).toContain('جاهز للنشر مساءً')

    // The same machine as an editor: picks it up, and cannot approve while a suggestion is open.
    await page.getByTestId('review-role').selectOption('editor')
    await page.getByTestId('move-in_review').click()
    await expect.poll(() => page.getByTestId('review-status').innerText()).toBe('قيد المراجعة')
    await page.getByTestId('toggle-suggesting').click()
    await caretAfter(page, 'عاجل')
    await page.keyboard.type(' جداً')
    await page.getByTestId('toggle-suggesting').click()
    await page.getByTestId('move-approved').click()
    await expect.poll(() => page.locator('.notice').innerText()).toContain('اقتراحات مفتوحة')
    expect(await page.getByTestId('review-status').innerText()).toBe('قيد المراجعة')
    await page.getByTestId('accept-all').click()
    await page.getByTestId('move-approved').click()
    await expect.poll(() => page.getByTestId('review-status').innerText()).toBe('معتمدة')
    await expect.poll(() => page.getByTestId('review-history').innerText()).toContain('قيد المراجعة ← معتمدة')
    expect(await page.getByTestId('review-history').innerText()).toContain('ليلى')
    // The list shows the new status too.
    await expect.poll(() => page.locator('.list-item.is-open').innerText()).toContain('معتمدة')
  })

  it('compares two versions word by word, inline and side by side, ignoring tashkeel when asked', async () => {
    const { host } = run
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('قال الوزير إن الاقتصاد ينمو بسرعة.')
    await waitSaved(page)
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.locator('.notice').innerText()).toContain('حُفظت')
    await selectText(page, 'بسرعة')
    await page.keyboard.type('ببطءٍ')
    await selectText(page, 'قال')
    await page.keyboard.type('قالَ')
    await waitSaved(page)
    await pressTool(page, 'toggle-revisions')
    await page.locator('.revision').first().click()
    await page.getByTestId('compare-revisions').click()
    const dialog = page.getByTestId('diff-dialog')
    await expect.poll(() => dialog.getByTestId('diff-body').locator('del').allInnerTexts()).toEqual(['قال', 'بسرعة'])
    expect(await dialog.getByTestId('diff-body').locator('ins').allInnerTexts()).toEqual(['قالَ', 'ببطءٍ'])
    await dialog.getByTestId('diff-ignore-marks').check()
    await expect.poll(() => dialog.getByTestId('diff-body').locator('del').allInnerTexts()).toEqual(['بسرعة'])
    await dialog.getByTestId('diff-side').click()
    await expect.poll(() => dialog.getByTestId('diff-body-before').innerText()).toBe('قال الوزير إن الاقتصاد ينمو بسرعة.')
    await expect.poll(() => dialog.getByTestId('diff-body-after').innerText()).toBe('قالَ الوزير إن الاقتصاد ينمو ببطءٍ.')
    // The older version is on the start side (the right, in Arabic).
    const [before, after] = await Promise.all([dialog.getByTestId('diff-body-before').boundingBox(), dialog.getByTestId('diff-body-after').boundingBox()])
    expect(before!.x).toBeGreaterThan(after!.x)
    await page.screenshot({ path: join(ROOT, 'test-results', 'review-diff.png') })
  })

  it('a thread taken from a note on the site is anchored to the block the note is on, not shown as detached', async () => {
    const { host } = run
    const { page } = host
    const a = host.services.articles.create('خبر عليه ملاحظة')
    const noted = '<!-- wp:paragraph {"metadata":{"noteId":55}} -->\n<p>قال المتحدث إن الطريق مغلق.</p>\n<!-- /wp:paragraph -->'
    const paragraph = (text: string, state?: object) => ({
      type: 'paragraph',
      direction: null,
      format: '',
      indent: 0,
      version: 1,
      textFormat: 0,
      textStyle: '',
      children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      ...(state === undefined ? {} : { $: state })
    })
    const bodyJson = JSON.stringify({
      root: {
        type: 'root',
        direction: 'rtl',
        format: '',
        indent: 0,
        version: 1,
        children: [paragraph('وفي خبر آخر، افتُتح الجسر.'), paragraph('قال المتحدث إن الطريق مغلق.', { siteMarkup: noted })]
      }
    })
    const current = host.services.articles.get(a.id)
    host.services.articles.save({ ...current, body: bodyJson, bodyText: 'وفي خبر آخر، افتُتح الجسر.\n\nقال المتحدث إن الطريق مغلق.', wordCount: 9, caret: null })
    host.services.review.comment({ articleId: a.id, id: 'wpnote-0123456789ab-55', body: 'من المتحدث؟', quote: 'قال المتحدث إن الطريق مغلق.' })
    await page.reload()
    await page.locator('.list-item').filter({ hasText: 'خبر عليه ملاحظة' }).click()
    await expect.poll(() => body(page).innerText()).toContain('الطريق مغلق')
    await pressTool(page, 'toggle-review')
    await panel(page).waitFor()
    const thread = panel(page).locator('.thread').first()
    await expect.poll(() => thread.innerText()).toContain('من المتحدث؟')
    expect(await panel(page).locator('.thread.is-detached').count()).toBe(0)
    // Its quote leads to the block: the second paragraph flashes.
    await thread.locator('.thread-quote').click()
    await expect.poll(() => body(page).locator('p').nth(1).getAttribute('class')).toContain('q-comment-flash')
    await page.screenshot({ path: join(ROOT, 'test-results', 'review-note-thread.png') })
  })
})
