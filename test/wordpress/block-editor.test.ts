import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Services } from '@main/services'
import { documentToMarkup, markupToDocument } from '@main/document/codec'
import { parseDocumentJson } from '@main/document/lexical'
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from '../e2e/host'
import { cameraJpeg } from '../support/images'
import { heading, image, link, list, mark, paragraph, paragraphDir, quote, suggestion, text, body as doc } from '../support/lexical'
import { tempDir } from '../support/temp'
import { addSite, remoteId, rest, syncServices, wp, write } from './helpers'
import { runPhp } from '../support/wordpress'

/**
 * WordPress 7.0's own block editor, in Debian's Chromium, opening a post Qalam pushed: every kind
 * of block Qalam writes, a Latin paragraph, review marks (a comment's anchor, a suggestion). No
 * block may show "This block contains unexpected or invalid content"; the editor's own save of it
 * must open in Qalam editable and go back byte for byte; an edit made there comes back to Qalam.
 */
const DEBIAN_LANGUAGES = '/usr/share/wordpress/wp-content/languages'
const skip = inject('wordpressCore') !== '7.0' || !existsSync(join(DEBIAN_LANGUAGES, 'ar.mo'))

let data: ReturnType<typeof tempDir>
let services: Services
let browser: Browser
beforeAll(async () => {
  if (skip) return
  data = tempDir()
  services = syncServices(data.dir)
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  // The editor works in Arabic, as a newsroom's editors do: Debian's Arabic translation (its "text direction" is rtl)
  // for this user only, so the site's other users and its REST answers stay as the other suites expect.
  const languages = runPhp(wp().port, 'echo WP_LANG_DIR;').trim()
  mkdirSync(languages, { recursive: true })
  for (const file of ['ar.mo', 'admin-ar.mo']) if (!existsSync(join(languages, file))) copyFileSync(join(DEBIAN_LANGUAGES, file), join(languages, file))
  runPhp(wp().port, `update_user_meta(${wp().editor.id}, 'locale', 'ar'); echo 'ok';`)
})
afterAll(async () => {
  if (skip) return
  runPhp(wp().port, `delete_user_meta(${wp().editor.id}, 'locale'); echo 'ok';`)
  await browser.close()
  services.close()
  data.remove()
})

async function signIn(page: Page): Promise<void> {
  await page.goto(`${wp().url}/wp-login.php`)
  await page.locator('#user_login').fill(wp().editor.login)
  await page.locator('#user_pass').fill(wp().editor.password)
  await Promise.all([page.waitForURL(/wp-admin/), page.locator('#wp-submit').click()])
}

describe.skipIf(skip)("WordPress 7.0's block editor opening Qalam's post", () => {
  it('shows every block valid, keeps the Arabic right to left and the Latin paragraph left to right, and sends an edit back to Qalam', async () => {
    const site = await addSite(services, 'editor')
    const source = join(data.dir, 'port.jpg')
    writeFileSync(source, await cameraJpeg(1200, 800, { seed: 3 }))
    const photo = services.media.importFile(source)
    const created = services.articles.create('الميناء بعد العاصفة')
    write(services, created.id, {
      title: 'الميناء بعد العاصفة',
      body: doc(
        paragraph('قال مسؤول في ', link('https://news.example/port', 'إدارة الميناء'), ' إن ', text('الأضرار', 1), ' محدودة.'),
        heading('ما حدث ليلاً'),
        paragraph(mark(['thread-1'], ['ثلاث سفن']), ' جنحت قرب الرصيف ', suggestion('s-1', 'insert', 'المحررة', 'الشمالي'), '.'),
        list('bullet', ['أُغلق الرصيف الأول'], ['أُعيد فتح الطريق الساحلي']),
        list('number', ['إحصاء الأضرار'], ['إصلاح الرافعات']),
        quote('الوضع تحت السيطرة.'),
        { type: 'horizontalrule', version: 1 },
        image(photo.id, 'سفينة جانحة قرب الرصيف', 'سفينة جانحة صباح الخميس'),
        paragraphDir('ltr', 'The port authority said repairs would take a week.')
      )
    })
    services.sync.assign(created.id, site.id)
    await services.sync.run()
    expect(services.sync.state(created.id).state).toBe('synced')
    const postId = remoteId(services, created.id)
    // The thread anchored on «ثلاث سفن» becomes a note of WordPress's Notes, on its block.
    services.review.comment({ articleId: created.id, id: 'thread-1', body: 'كم سفينة بالضبط؟', quote: 'ثلاث سفن' })
    services.review.comment({ articleId: created.id, id: 'reply-1', threadId: 'thread-1', body: 'ثلاث، بحسب خفر السواحل.' })
    await services.sync.run()
    expect(services.sync.state(created.id).state).toBe('synced')
    const [note, reply] = await rest<{ id: number; parent: number; content: { raw: string } }[]>(
      wp().editor,
      'GET',
      `wp/v2/comments?post=${postId}&type=note&status=all&context=edit&orderby=id&order=asc`
    )
    expect(note!.content.raw).toBe('كم سفينة بالضبط؟')
    expect([reply!.parent, reply!.content.raw]).toEqual([note!.id, 'ثلاث، بحسب خفر السواحل.'])

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'ar' })
    try {
      await signIn(page)
      await page.goto(`${wp().url}/wp-admin/post.php?post=${postId}&action=edit`)
      // The welcome guide shows to a new user first.
      const guide = page.locator('.edit-post-welcome-guide, .components-guide')
      if (
        await guide
          .first()
          .isVisible({ timeout: 15_000 })
          .catch(() => false)
      )
        await page.keyboard.press('Escape')
      const canvas = page.frameLocator('iframe[name="editor-canvas"]')
      await canvas.locator('[data-type="core/paragraph"]').first().waitFor({ timeout: 30_000 })
      const types = await canvas.locator('.is-root-container > [data-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))
      expect(types).toEqual(['core/paragraph', 'core/heading', 'core/paragraph', 'core/list', 'core/list', 'core/quote', 'core/separator', 'core/image', 'core/paragraph'])
      expect(await canvas.locator('.block-editor-warning').count()).toBe(0)
      expect(await canvas.locator('body').innerText()).not.toContain('unexpected or invalid content')
      // Direction: Qalam writes none on an Arabic paragraph (the site's language decides: right to left on an Arabic site), and left to right on the Latin one.
      const direction = (type: string, last = false) => {
        const blocks = canvas.locator(`[data-type="${type}"]`)
        return (last ? blocks.last() : blocks.first()).evaluate((el) => getComputedStyle(el).direction)
      }
      expect(await direction('core/paragraph', true)).toBe('ltr')
      expect(await direction('core/paragraph')).toBe('rtl')
      expect(await direction('core/heading')).toBe('rtl')
      expect(await canvas.locator('[data-type="core/paragraph"]').first().getAttribute('dir')).toBeNull()
      // The note is on the paragraph that holds the thread's words, as the block editor's Notes read it (its stores).
      const noteIds = () =>
        page.evaluate(() => {
          const select = (window as unknown as { wp: { data: { select: (s: string) => { getBlocks: () => { attributes: { metadata?: { noteId?: number } } }[] } } } }).wp.data
            .select
          return select('core/block-editor')
            .getBlocks()
            .map((b) => b.attributes.metadata?.noteId ?? null)
        })
      expect(await noteIds()).toEqual([null, null, note!.id, null, null, null, null, null, null])
      const notesThere = await page.evaluate(async (post) => {
        const data = (window as unknown as { wp: { data: { resolveSelect: (s: string) => { getEntityRecords: (...a: unknown[]) => Promise<{ id: number; parent: number }[]> } } } })
          .wp.data
        return (await data.resolveSelect('core').getEntityRecords('root', 'comment', { post, type: 'note', status: 'all', per_page: -1 })).map((n) => n.id)
      }, postId)
      expect(notesThere.sort((a, b) => a - b)).toEqual([note!.id, reply!.id])
      await canvas.locator('[data-type="core/paragraph"]').nth(1).click()
      await page.screenshot({ path: join(ROOT, 'test-results', 'wordpress-block-editor.png') })

      // An editor adds words to the first paragraph there, and saves.
      await canvas.locator('[data-type="core/paragraph"]').first().click()
      await page.keyboard.press('End')
      await page.keyboard.type(' حتى الآن')
      await page.keyboard.press('Control+s')
      await expect
        .poll(async () => (await rest<{ content: { raw: string } }>(wp().editor, 'GET', `wp/v2/posts/${postId}?context=edit`)).content.raw, { timeout: 20_000 })
        .toContain('حتى الآن')

      // And writes a note on the heading, through the block editor's own menu and form, and saves.
      await canvas.locator('[data-type="core/heading"]').first().click()
      // Typing hid the block's toolbar; moving the mouse over the block shows it again.
      await page.mouse.move(5, 5)
      await canvas.locator('[data-type="core/heading"]').first().hover()
      // The block's options (⋮), whatever the interface's language calls them.
      await page.locator('.block-editor-block-toolbar .block-editor-block-settings-menu button').first().click()
      await page.getByRole('menuitem', { name: /Add note|إضافة ملاحظة/ }).click()
      const form = page.locator('.editor-collab-sidebar-panel__comment-form').last()
      await form.locator('textarea').fill('هل نضيف التوقيت؟')
      await form.locator('button[type="submit"]').click()
      const editorNote = async () =>
        (await rest<{ id: number; content: { raw: string } }[]>(wp().editor, 'GET', `wp/v2/comments?post=${postId}&type=note&status=all&context=edit`)).find(
          (n) => n.content.raw === 'هل نضيف التوقيت؟'
        )
      await expect.poll(editorNote, { timeout: 20_000 }).toBeDefined()
      await page.screenshot({ path: join(ROOT, 'test-results', 'wordpress-block-editor-note.png') })
      await page.keyboard.press('Control+s')
      const written = (await editorNote())!
      await expect
        .poll(async () => (await rest<{ content: { raw: string } }>(wp().editor, 'GET', `wp/v2/posts/${postId}?context=edit`)).content.raw, { timeout: 20_000 })
        .toContain(`"noteId":${written.id}`)
    } finally {
      await page.close()
    }

    // What 7.0's editor saved opens in Qalam editable and goes back byte for byte.
    const saved = (await rest<{ content: { raw: string } }>(wp().editor, 'GET', `wp/v2/posts/${postId}?context=edit`)).content.raw
    const reopened = markupToDocument(saved, { localImage: () => photo.id })
    expect(reopened.root.children.filter((c) => c.type === 'qalam-raw-block')).toEqual([])
    // The photo is the upload the sync made (its id and address on the site, as the sync's own lookup gives them).
    const upload = /"id":(\d+)[^>]*-->\s*<figure[^>]*><img src="([^"]+)"/.exec(saved)!
    expect(documentToMarkup(reopened, { image: () => ({ id: Number(upload[1]), url: upload[2]! }) })).toBe(saved)
    writeFileSync(join(ROOT, 'test-results', 'wordpress-7.0-saved.html'), saved)

    // The next sync brings the edit into Qalam's article, merged.
    await services.sync.run()
    const local = services.articles.get(created.id)
    expect(local.bodyText).toContain('حتى الآن')
    expect(parseDocumentJson(local.body).root.children).toHaveLength(9)
    // ...and the note written there, in the review panel, quoting its heading.
    const fromEditor = services.review.review(created.id).comments.find((c) => c.body === 'هل نضيف التوقيت؟')
    expect(fromEditor).toMatchObject({ quote: 'ما حدث ليلاً', resolved: false })
    expect(fromEditor!.threadId).toBe(fromEditor!.id)
  })
})
