import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT, type Host } from './host'
import { body, caretAfter, caretToEnd, newArticle, selectText, waitSaved, pressTool } from './helpers'
import { hostsPerTest } from './per-test'
import { value } from '../support/api'

/**
 * The review loop with no site at all: a reporter's Qalam and an editor's (two data
 * folders) exchange .qalam files, as they would by USB stick or messenger.
 */

const hosts = hostsPerTest()
async function open(name: string, role: 'reporter' | 'editor'): Promise<Host> {
  const host = await hosts.open()
  await value(host.api.settings.update({ userName: name, role }))
  await host.page.reload()
  return host
}

const panel = (page: Page) => page.getByTestId('review-panel')
const notice = (page: Page) => page.locator('.notice')

/** Exports the open article and hands the file to the other machine's open dialog. */
async function send(from: Host, to: Host): Promise<string> {
  const before = from.savedBundles.length
  await pressTool(from.page, 'export-bundle')
  await from.page.getByTestId('export-confirm').click()
  await expect.poll(() => from.savedBundles.length).toBe(before + 1)
  const path = from.savedBundles[from.savedBundles.length - 1]!
  to.dialogAnswers.openBundle = path
  return path
}

/** Picks the file, reads what it will change (the preview), and imports it; a refused file gets no preview, only the reason. */
async function receive(host: Host, outcome: RegExp, refused = false): Promise<void> {
  await host.page.getByTestId('import-bundle').click()
  if (!refused) await host.page.getByTestId('bundle-import-confirm').click()
  await expect.poll(() => notice(host.page).innerText()).toMatch(outcome)
}

describe('review through .qalam files, with no site', () => {
  it('goes from reporter to editor and back, and both editing at once loses nothing', async () => {
    const reporter = await open('ليلى', 'reporter')
    const editor = await open('سلمى', 'editor')
    const r = reporter.page
    const e = editor.page

    await newArticle(r)
    await r.keyboard.type('وصلت قافلة المساعدات إلى البلدة بعد حصار دام شهرين.')
    await r.keyboard.press('Enter')
    await r.keyboard.type('وقال السكان إن المياه مقطوعة منذ أسبوع.')
    await r.getByLabel('العنوان').fill('القافلة تصل')
    await body(r).click()
    await waitSaved(r)
    await pressTool(r, 'toggle-review')
    await r.getByTestId('move-submitted').click()
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('أُرسلت للمراجعة')
    const firstFile = await send(reporter, editor)
    // Before anything changes, the editor sees what the file brings: who, which status move, how much text.
    await e.getByTestId('import-bundle').click()
    const preview = e.getByTestId('bundle-preview')
    await expect.poll(() => preview.innerText()).toContain('مادة جديدة على هذا الجهاز')
    expect(await preview.innerText()).toMatch(/ليلى[^]*من «مسودة» إلى «أُرسلت للمراجعة»/)
    // Signed with a key the editor has not seen: its fingerprint, to read out on the phone, and the choice to remember it.
    const signer = preview.getByTestId('bundle-signer')
    expect(await signer.innerText()).toContain('بمفتاح لم تره من قبل')
    expect(await signer.locator('.fingerprint').innerText()).toBe(reporter.services.signing.fingerprint())
    await signer.getByTestId('bundle-trust').check()
    await e.screenshot({ path: join(ROOT, 'test-results', 'bundle-preview.png') })
    await e.getByTestId('bundle-import-confirm').click()
    await expect.poll(() => notice(e).innerText()).toMatch(/استُوردت «القافلة تصل»/)
    await expect.poll(() => body(e).innerText()).toContain('قافلة المساعدات')
    expect(editor.services.bundles.preview(readFileSync(firstFile)).signer).toMatchObject({ state: 'known', name: 'ليلى' })

    // The editor's review.
    await pressTool(e, 'toggle-review')
    await e.getByTestId('move-in_review').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('قيد المراجعة')
    await selectText(e, 'شهرين')
    await e.getByTestId('start-comment').click()
    await e.getByTestId('comment-body').fill('هل الرقم مؤكد؟')
    await e.getByTestId('add-comment').click()
    await e.getByTestId('toggle-suggesting').click()
    await caretAfter(e, 'المساعدات')
    await e.keyboard.type(' الأممية')
    await e.getByTestId('toggle-suggesting').click()
    await e.getByTestId('move-changes_requested').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('مطلوب تعديلات')
    await send(editor, reporter)

    // Meanwhile the reporter adds a sentence to the second paragraph.
    await caretToEnd(r)
    await r.keyboard.type(' وتعمل المستشفى بمولد واحد.')
    await waitSaved(r)
    await receive(reporter, /دُمجت المراجعة/)
    await expect.poll(() => body(r).innerText()).toContain('بمولد واحد')
    await expect.poll(() => body(r).locator('ins.q-sug-insert').innerText()).toBe(' الأممية')
    await expect.poll(() => panel(r).locator('.thread').innerText()).toContain('هل الرقم مؤكد؟')
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('مطلوب تعديلات')
    await r.getByTestId('accept-all').click()
    await panel(r).locator('.thread').getByTestId('reply-body').fill('نعم، من البلدية.')
    await panel(r).locator('.thread').getByTestId('reply').click()
    await expect.poll(() => panel(r).locator('.thread .comment').count()).toBe(2)
    await r.getByTestId('move-submitted').click()
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('أُرسلت للمراجعة')
    await waitSaved(r)
    await send(reporter, editor)

    // Meanwhile the editor tightens the first sentence.
    await selectText(e, 'وصلت')
    await e.keyboard.type('بلغت')
    await waitSaved(e)
    await receive(editor, /دُمجت المراجعة/)
    // Both sides' edits, and the reporter's accepted suggestion, in the editor's text.
    await expect.poll(() => body(e).innerText()).toContain('بمولد واحد')
    const text = await body(e).innerText()
    expect(text).toContain('المساعدات الأممية')
    expect(text).toContain('بلغت قافلة')
    await expect.poll(() => panel(e).locator('.thread').innerText()).toContain('نعم، من البلدية.')
    await e.getByTestId('move-in_review').click()
    await e.getByTestId('move-approved').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('معتمدة')
    await send(editor, reporter)
    await receive(reporter, /دُمجت المراجعة/)
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('معتمدة')
    await expect.poll(() => body(r).innerText()).toContain('بلغت قافلة')
  })

  it('refuses a tampered or cut-short file with a clear message and changes nothing', async () => {
    const reporter = await open('ليلى', 'reporter')
    const editor = await open('سلمى', 'editor')
    await newArticle(reporter.page)
    await reporter.page.keyboard.type('نص سيتلف في الطريق.')
    await waitSaved(reporter.page)
    const path = await send(reporter, editor)
    const bytes = readFileSync(path)
    writeFileSync(`${path}.cut`, bytes.subarray(0, bytes.length - 200))
    editor.dialogAnswers.openBundle = `${path}.cut`
    await receive(editor, /الملف ناقص أو تالف/, true)
    // One byte changed inside the compressed content: it no longer inflates, no longer matches its hash, or its signature.
    const flipped = Buffer.from(bytes)
    const at = Math.floor(flipped.length / 3)
    flipped[at] = flipped[at]! ^ 0xff
    writeFileSync(`${path}.bad`, flipped)
    editor.dialogAnswers.openBundle = `${path}.bad`
    await receive(editor, /(الملف ناقص أو تالف|عُدّل بعد تصديره|عُدّل بعد توقيعه)/, true)
    expect(await value(editor.api.articles.list())).toEqual([])
  })
})
