import { readFileSync, writeFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Host } from './host'
import { hostPerTest } from './per-test'
import { tinyPng } from '../support/images'
import { PHOTOS_DIR, expectedPhotos, havePhotos } from '../support/photos'
import { body, caretToEnd, newArticle, onlyArticle, selectText, shot, stored, waitSaved, pressTool } from './helpers'
import { value } from '../support/api'

let nextImage: string | null = null
const ctx = hostPerTest({ pickImageFile: async () => nextImage })
let host: Host
beforeEach(() => {
  host = ctx.host
})

const row = (host: Host, title: string) => host.page.locator('.list-item', { hasText: title })

async function articleTitled(host: Host, title: string) {
  const before = await host.page.locator('.list-item').count()
  await host.page.getByTestId('new-article').click()
  // The new article's editor, not the one still on screen while it opens (filling that one renamed it on a slow machine).
  await expect.poll(() => host.page.locator('.list-item').count()).toBe(before + 1)
  await host.page.waitForFunction(() => document.activeElement?.classList.contains('body-content'))
  await expect.poll(() => host.page.getByLabel('العنوان').inputValue()).toBe('')
  await host.page.getByLabel('العنوان').fill(title)
  await body(host.page).click()
  await host.page.keyboard.type(`نص ${title}`)
  await waitSaved(host.page)
}

describe('the article list', () => {
  it('moves an article to the trash, restores it, and deletes it for good only after confirmation', async () => {
    const { page } = host
    await articleTitled(host, 'خبر للحذف')
    await articleTitled(host, 'خبر يبقى')
    await row(host, 'خبر للحذف').getByRole('button', { name: 'نقل إلى المهملات' }).click()
    await expect.poll(() => page.locator('.list-item').count()).toBe(1)
    await page.getByTestId('view-trash').click()
    await expect.poll(() => row(host, 'خبر للحذف').count()).toBe(1)
    await row(host, 'خبر للحذف').getByRole('button', { name: 'استعادة' }).click()
    await expect.poll(() => page.locator('.list-item').count()).toBe(0)
    await page.getByTestId('view-active').click()
    await expect.poll(() => page.locator('.list-item').count()).toBe(2)

    await row(host, 'خبر للحذف').getByRole('button', { name: 'نقل إلى المهملات' }).click()
    await page.getByTestId('view-trash').click()
    await row(host, 'خبر للحذف').getByRole('button', { name: 'حذف نهائي' }).click()
    // Cancelling keeps it.
    await page.getByRole('dialog').getByRole('button', { name: 'إلغاء' }).click()
    expect(await row(host, 'خبر للحذف').count()).toBe(1)
    await row(host, 'خبر للحذف').getByRole('button', { name: 'حذف نهائي' }).click()
    expect(await page.getByRole('dialog').innerText()).toContain('«خبر للحذف»')
    await page.getByTestId('confirm-delete').click()
    await expect.poll(() => page.locator('.list-item').count()).toBe(0)
    const all = await value(host.api.articles.list({ view: 'active' }))
    expect(all.map((a) => a.title)).toEqual(['خبر يبقى'])
  })

  it('finds by title, filters by status, duplicates, and switches between articles without losing a word', async () => {
    const { page } = host
    await articleTitled(host, 'أسعار النفط')
    await articleTitled(host, 'نتائج الدوري')
    await page.getByLabel('ابحث في العناوين').fill('النفط')
    await expect.poll(() => page.locator('.list-item').allInnerTexts()).toHaveLength(1)
    await page.getByLabel('ابحث في العناوين').fill('')
    await page.getByLabel('تصفية حسب الحالة').selectOption('published')
    await expect.poll(() => page.locator('.list-item').count()).toBe(0)
    await page.getByLabel('تصفية حسب الحالة').selectOption('draft')
    await expect.poll(() => page.locator('.list-item').count()).toBe(2)

    // Type in one article and switch away at once: the last words are saved.
    await row(host, 'أسعار النفط').locator('.list-open').click()
    await expect.poll(() => page.getByLabel('العنوان').inputValue()).toBe('أسعار النفط')
    await caretToEnd(page)
    await page.keyboard.type(' وارتفع برنت 3%')
    await row(host, 'نتائج الدوري').locator('.list-open').click()
    await expect.poll(() => page.getByLabel('العنوان').inputValue()).toBe('نتائج الدوري')
    const list = await value(host.api.articles.list({ query: 'النفط' }))
    const oil = await stored(host, list[0]!.id)
    expect(oil.bodyText).toBe('نص أسعار النفط وارتفع برنت 3%')

    await row(host, 'نتائج الدوري').getByRole('button', { name: 'تكرار' }).click()
    await expect.poll(() => page.getByLabel('العنوان').inputValue()).toBe('نتائج الدوري (نسخة)')
    expect(await body(page).innerText()).toBe('نص نتائج الدوري')
  })

  it('searches every article from anywhere with Ctrl+Shift+F, Arabic-aware, and opens the hit', async () => {
    const { page } = host
    await articleTitled(host, 'إضراب المعلمين يدخل أسبوعه الثالث')
    await articleTitled(host, 'أسعار المحروقات')
    await body(page).click()
    await page.keyboard.press('Control+Shift+F')
    const dialog = page.getByTestId('search-dialog')
    // Typed without hamza or ta marbuta, and only the start of the last word.
    await dialog.getByLabel('ابحث في كل المواد').fill('اضراب المعلم')
    await expect.poll(() => dialog.getByTestId('search-hit').count()).toBe(1)
    expect(await dialog.locator('.search-hit-title mark').allInnerTexts()).toEqual(['إضراب', 'المعلمين'])
    await shot(page, 'search.png')
    await dialog.getByTestId('search-hit').click()
    await expect.poll(() => page.getByLabel('العنوان').inputValue()).toBe('إضراب المعلمين يدخل أسبوعه الثالث')
    expect(await dialog.count()).toBe(0)
  })

  it('asks «هل تقصد …؟» when a query with a slip finds nothing exact, and shows the near matches below', async () => {
    const { page } = host
    await articleTitled(host, 'اشتباكات بين الميليشيات في الضواحي')
    await body(page).click()
    await page.keyboard.press('Control+Shift+F')
    const dialog = page.getByTestId('search-dialog')
    await dialog.getByLabel('ابحث في كل المواد').fill('الميلشيات ')
    await expect.poll(() => dialog.getByTestId('search-near').innerText()).toContain('هل تقصد «الميليشيات»')
    expect(await dialog.getByTestId('search-near').innerText()).toContain('لا نتائج مطابقة.')
    expect(await dialog.locator('[data-near="true"]').count()).toBe(1)
    await shot(page, 'search-near.png')
    await dialog.getByTestId('search-near').getByRole('button').first().click()
    await expect.poll(() => dialog.getByLabel('ابحث في كل المواد').inputValue()).toBe('الميليشيات')
    await expect.poll(() => dialog.locator('[data-near="true"]').count()).toBe(0)
    expect(await dialog.getByTestId('search-hit').count()).toBe(1)
  })

  it('keeps snapshots on Ctrl+S and restores one', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('الصيغة الأولى من الخبر')
    await page.keyboard.press('Control+s')
    await page.getByText(/^حُفظت نسخة/).waitFor()
    await selectText(page, 'الأولى')
    await page.keyboard.type('الثانية')
    await waitSaved(page)
    await pressTool(page, 'toggle-revisions')
    const items = page.locator('.revision')
    await expect.poll(() => items.count()).toBe(1)
    await items.first().click()
    await page.getByTestId('restore-revision').click()
    await expect.poll(() => body(page).innerText()).toBe('الصيغة الأولى من الخبر')
    await expect.poll(() => items.count()).toBe(2)
    expect(await page.locator('.revision-reason').allInnerTexts()).toEqual(['قبل استعادة نسخة', 'حفظ يدوي'])
  })

  it('inserts an image from disk as a reference to the data folder, with caption and alt text', async () => {
    const { page } = host
    const source = join(ctx.dir, 'صورة من الموقع.png')
    writeFileSync(source, tinyPng(120, 80))
    nextImage = source
    await newArticle(page)
    await page.keyboard.type('قبل الصورة')
    await page.locator('[data-action="image"]').click()
    const figure = body(page).locator('figure')
    await figure.waitFor()
    await figure.getByLabel('تعليق الصورة').fill('المرفأ بعد الانفجار')
    await figure.getByLabel('نص بديل (للقارئات الصوتية)').fill('دخان فوق المرفأ')
    expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120)
    await waitSaved(page)
    const saved = await onlyArticle(host)
    const image = JSON.parse(saved.body).root.children.find((n: { type: string }) => n.type === 'qalam-image')
    expect(image).toMatchObject({ alt: 'دخان فوق المرفأ', caption: 'المرفأ بعد الانفجار' })
    expect(readdirSync(join(ctx.dir, 'media'))).toHaveLength(1)
    expect(host.services.media.read(image.mediaId)?.equals(tinyPng(120, 80))).toBe(true)
    expect(saved.body).not.toContain('base64')
    expect(saved.bodyText).toContain('المرفأ بعد الانفجار')
    // This one picture goes to the site as taken, when the desk needs it whole.
    const whole = figure.getByTestId('image-full-size')
    expect(await whole.isChecked()).toBe(false)
    await figure.getByText('أرسلها إلى الموقع بحجمها الكامل').click()
    await expect.poll(() => host.services.media.fullSize(image.mediaId)).toBe(true)
    expect(await whole.isChecked()).toBe(true)
    await shot(page, 'image-full-size.png')
  })

  it.skipIf(!havePhotos)('a phone photo goes in without its location, and the reporter is told once; an iPhone photo (HEIC) goes in as a JPEG the editor shows', async () => {
    const { page } = host
    const photo = expectedPhotos().find((p) => p.file.startsWith('jpeg-google-pixel'))!
    nextImage = join(PHOTOS_DIR, photo.file)
    await newArticle(page)
    await page.locator('[data-action="image"]').click()
    const figure = body(page).locator('figure')
    await figure.waitFor()
    await expect.poll(() => page.locator('.notice').innerText()).toContain('أُزيلت بيانات الموقع والكاميرا')
    expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1012)
    await waitSaved(page)
    const [file] = readdirSync(join(ctx.dir, 'media'))
    const image = JSON.parse((await onlyArticle(host)).body).root.children.find((n: { type: string }) => n.type === 'qalam-image')
    const stored = host.services.media.read(image.mediaId)!
    for (const text of photo.asciiMustNotSurvive) expect(stored.includes(Buffer.from(text, 'latin1'))).toBe(false)
    nextImage = join(PHOTOS_DIR, 'heic-apple-iphone7-gps.heic')
    await page.locator('[data-action="image"]').click()
    await expect.poll(() => body(page).locator('figure').count(), { timeout: 30_000 }).toBe(2)
    const widths = () =>
      body(page)
        .locator('figure img')
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth).sort())
    await expect.poll(widths, { timeout: 10_000 }).toEqual([1012, 4032])
    expect(readdirSync(join(ctx.dir, 'media'))).toHaveLength(2)
    expect(readdirSync(join(ctx.dir, 'media'))).toContain(file)
  })

  it.skipIf(!havePhotos)('a photo pasted or dropped in is stored cleaned; a paste from Word keeps its text and not the picture of it', async () => {
    const { page } = host
    const photoBytes = (name: string) => readFileSync(join(PHOTOS_DIR, name)).toString('base64')
    /** A paste or a drop as Chromium fires it, with real files on its DataTransfer. */
    const fire = (kind: 'paste' | 'drop', files: { name: string; type: string; base64: string }[], text = '') =>
      page.evaluate(
        ({ kind, files, text }) => {
          const data = new DataTransfer()
          for (const f of files) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }))
          if (text !== '') {
            data.setData('text/plain', text)
            data.setData('text/html', `<p>${text}</p>`)
          }
          const target = document.querySelector('.body-content')!
          const event =
            kind === 'paste'
              ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
              : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
          target.dispatchEvent(event)
        },
        { kind, files, text }
      )
    await newArticle(page)
    await page.keyboard.type('قبل الصور')
    const webp = expectedPhotos().find((p) => p.file.startsWith('webp-htc'))!
    await fire('paste', [{ name: 'image.webp', type: 'image/webp', base64: photoBytes(webp.file) }])
    await expect.poll(() => body(page).locator('figure img').count()).toBe(1)
    await expect.poll(() => page.locator('.notice').innerText()).toContain('أُزيلت بيانات الموقع والكاميرا')
    const sony = expectedPhotos().find((p) => p.file.startsWith('jpeg-sony'))!
    await fire('drop', [{ name: 'DSC01.jpg', type: 'image/jpeg', base64: photoBytes(sony.file) }])
    await expect.poll(() => body(page).locator('figure img').count()).toBe(2)
    // An iPhone photo dropped from a system that gives HEIC no type: its name says what it is.
    const iphone = expectedPhotos().find((p) => p.file.startsWith('heic-apple-iphone11pro'))!
    await fire('drop', [{ name: 'IMG_0042.HEIC', type: '', base64: photoBytes(iphone.file) }])
    await expect.poll(() => body(page).locator('figure img').count(), { timeout: 30_000 }).toBe(3)
    // Word puts a picture of the copied text beside it: the paste is the text.
    await fire('paste', [{ name: 'image.png', type: 'image/png', base64: tinyPng(30, 10).toString('base64') }], 'نص منسوخ من وورد')
    await expect.poll(() => body(page).innerText()).toContain('نص منسوخ من وورد')
    expect(await body(page).locator('figure img').count()).toBe(3)
    await waitSaved(page)
    expect(readdirSync(join(ctx.dir, 'media'))).toHaveLength(3)
    const images = JSON.parse((await onlyArticle(host)).body).root.children.filter((n: { type: string }) => n.type === 'qalam-image')
    for (const { mediaId } of images) {
      const stored = host.services.media.read(mediaId)!
      for (const text of [...webp.asciiMustNotSurvive, ...sony.asciiMustNotSurvive, ...iphone.asciiMustNotSurvive]) expect(stored.includes(Buffer.from(text, 'latin1'))).toBe(false)
    }
  })

  it('keeps private source notes for the article on this machine, across a restart', async () => {
    let { page } = host
    await newArticle(page)
    await page.keyboard.type('خبر عن الميناء')
    await waitSaved(page)
    await pressTool(page, 'toggle-notes')
    const panel = page.getByTestId('notes-panel')
    expect(await panel.innerText()).toContain('تبقى على هذا الجهاز وحده')
    await panel.getByTestId('notes-body').fill('المصدر: أبو خليل 0799123456')
    await expect.poll(() => panel.getByTestId('notes-state').innerText()).toBe('محفوظة على هذا الجهاز')
    const id = (await onlyArticle(host)).id
    expect((await value(host.api.notes.get({ articleId: id })))?.body).toBe('المصدر: أبو خليل 0799123456')
    // Typed and closed at once: what was typed is written when the panel closes.
    await panel.getByTestId('notes-body').fill('المصدر: أبو خليل 0799123456، مقهى الميناء')
    await pressTool(page, 'toggle-notes')
    await expect.poll(async () => (await value(host.api.notes.get({ articleId: id })))?.body).toBe('المصدر: أبو خليل 0799123456، مقهى الميناء')
    host = await ctx.restart()
    page = host.page
    await page.locator('.list-item').first().click()
    await pressTool(page, 'toggle-notes')
    await expect.poll(() => page.getByTestId('notes-body').inputValue()).toBe('المصدر: أبو خليل 0799123456، مقهى الميناء')
  })

  it('refuses a bad link address in words and opens good links in the system browser on Ctrl+click', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('اقرأ البيان كاملًا')
    await selectText(page, 'البيان')
    await page.keyboard.press('Control+k')
    await page.getByLabel('عنوان الرابط').fill('javascript:alert(1)')
    await page.keyboard.press('Enter')
    expect(await page.getByRole('alert').innerText()).toContain('تُقبل روابط http و https و mailto فقط')
    await page.getByLabel('عنوان الرابط').fill('example.org/statement')
    await page.keyboard.press('Enter')
    const link = body(page).locator('a')
    expect(await link.getAttribute('href')).toBe('https://example.org/statement')
    await link.click()
    expect(host.openedExternally).toEqual([])
    await link.click({ modifiers: ['Control'] })
    await expect.poll(() => host.openedExternally).toEqual(['https://example.org/statement'])
    expect(page.url()).toBe(host.baseUrl)
  })

  it('switches the interface to English and keeps the choice', async () => {
    const { page } = host
    await page.getByTestId('locale').selectOption('en')
    await page.getByRole('button', { name: 'New article' }).waitFor()
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['ltr', 'en'])
    host = await ctx.restart()
    await host.page.getByRole('button', { name: 'New article' }).waitFor()
    expect(await host.page.evaluate(() => document.documentElement.dir)).toBe('ltr')
    await newArticle(host.page)
    // The article itself stays right-to-left.
    expect(await body(host.page).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
  })
})
