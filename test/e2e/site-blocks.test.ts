import { describe, expect, it } from 'vitest'
import { documentToBlocks, documentToMarkup, markupToDocument } from '@main/document/codec'
import { splitBlocks } from '@main/document/gutenberg'
import { parseDocumentJson } from '@main/document/lexical'
import { documentText } from '@main/document/text'
import { countWords } from '@shared/arabic/count'
import { EMPTY_META } from '@shared/domain/article'
import { join } from 'node:path'
import { ROOT } from './host'
import { body, caretAfter, stored, waitSaved } from './helpers'
import { hostPerTest } from './per-test'

/**
 * A post as WordPress's block editor saves it, edited in the real editor: the block the
 * reporter typed in keeps its classes and attributes, the others go back byte for byte.
 */

const run = hostPerTest()

const POST = [
  '<!-- wp:paragraph {"align":"right"} -->\n<p class="wp-block-paragraph has-text-align-right">قال المتحدث إن الهدنة صامدة.</p>\n<!-- /wp:paragraph -->',
  '<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading" id="tafasil">التفاصيل</h3>\n<!-- /wp:heading -->',
  '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>وصول المساعدات</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>فتح المعابر</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
  '<!-- wp:separator {"className":"is-style-wide"} -->\n<hr class="wp-block-separator has-alpha-channel-opacity is-style-wide"/>\n<!-- /wp:separator -->'
]

describe('a post from the block editor, in the editor', () => {
  it('keeps what the site wrote around the text: only the edited paragraph changes, and only in its words', async () => {
    const { host } = run
    const { page } = host
    const doc = markupToDocument(POST.join('\n\n'), { localImage: () => undefined })
    const a = host.services.articles.create('الهدنة')
    const json = JSON.stringify(doc)
    const bodyText = documentText(doc)
    host.services.articles.save({ id: a.id, title: 'الهدنة', standfirst: '', body: json, bodyText, wordCount: countWords(bodyText), meta: EMPTY_META, caret: null })
    await page.reload()
    await page.locator(`[data-article-id="${a.id}"] button`).first().click()
    await expect.poll(() => body(page).innerText()).toContain('فتح المعابر')
    // The editor shows the text, not the site's markup.
    expect(await body(page).innerHTML()).not.toContain('wp:paragraph')
    await caretAfter(page, 'صامدة')
    await page.keyboard.type(' حتى الآن')
    await waitSaved(page)
    const saved = parseDocumentJson((await stored(host, a.id)).body)
    const written = documentToBlocks(saved, { image: () => undefined })
    expect(written[0]).toBe(POST[0]!.replace('صامدة.', 'صامدة حتى الآن.'))
    expect(written.slice(1)).toEqual(splitBlocks(POST.join('\n\n')).slice(1))
  })

  it('keeps a classic post classic HTML while the reporter edits it, and converts it to blocks when asked', async () => {
    const { host } = run
    const { page } = host
    // A line followed directly by a <div>, and a newline at the end: the whitespace the site had goes back as it was.
    const classic = 'قال المصدر إن الطريق مغلق.\n<div class="note">ملاحظة</div>\n\n<h2>خلفية</h2>\n\n<ul>\n<li>أغلق الطريق أمس</li>\n<li>لا بديل</li>\n</ul>\n'
    const doc = markupToDocument(classic, { localImage: () => undefined })
    const a = host.services.articles.create('الطريق')
    const bodyText = documentText(doc)
    host.services.articles.save({ id: a.id, title: 'الطريق', standfirst: '', body: JSON.stringify(doc), bodyText, wordCount: countWords(bodyText), meta: EMPTY_META, caret: null })
    await page.reload()
    await page.locator(`[data-article-id="${a.id}"] button`).first().click()
    await expect.poll(() => page.getByTestId('classic-note').innerText()).toContain('كلاسيكي')
    await caretAfter(page, 'مغلق')
    await page.keyboard.type(' تماماً')
    await waitSaved(page)
    const written = () => stored(host, a.id).then((s) => documentToMarkup(parseDocumentJson(s.body), { image: () => undefined }))
    expect(await written()).toBe(classic.replace('مغلق.', 'مغلق تماماً.'))
    await page.screenshot({ path: join(ROOT, 'test-results', 'classic-post.png') })
    await page.getByTestId('convert-to-blocks').click()
    await expect.poll(() => page.getByTestId('classic-note').count()).toBe(0)
    await waitSaved(page)
    await expect.poll(written).toContain('<!-- wp:paragraph -->\n<p>قال المصدر إن الطريق مغلق تماماً.</p>\n<!-- /wp:paragraph -->')
    expect(await written()).toContain('<!-- wp:list -->')
  })
})
