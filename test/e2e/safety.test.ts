import { writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Host } from './host'
import { hostPerTest } from './per-test'
import { body, newArticle, onlyArticle, paste, waitSaved } from './helpers'
import { value } from '../support/api'

const ctx = hostPerTest()
let host: Host
beforeEach(() => {
  host = ctx.host
})

const HOSTILE = `
  <p>نص <b>سليم</b> من موقع إخباري</p>
  <script>window.__pwned = 'script'</script>
  <img src="x" onerror="window.__pwned = 'onerror'">
  <img src="https://tracker.example/pixel.gif" width="1" height="1">
  <iframe src="javascript:parent.__pwned='iframe'"></iframe>
  <svg onload="window.__pwned='svg'"><circle r="4"/></svg>
  <p onmouseover="window.__pwned='hover'">مرّر الفأرة هنا</p>
  <a href="javascript:window.__pwned='link'">رابط مفخخ</a>
  <a href="https://example.com/story" onclick="window.__pwned='click'">رابط حقيقي</a>
  <details open ontoggle="window.__pwned='toggle'"><summary>ملخص</summary></details>
  <style>* { display: none !important }</style>`

describe('hostile input', () => {
  it('runs nothing from pasted HTML and keeps its text', async () => {
    const { page } = host
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await newArticle(page)
    await paste(page, { 'text/html': HOSTILE, 'text/plain': 'نص سليم' })
    await page.waitForTimeout(300)
    await body(page).locator('p', { hasText: 'مرّر الفأرة' }).hover()
    // The javascript: link lost its link; Ctrl+clicking its text does nothing.
    expect(await body(page).locator('a', { hasText: 'رابط مفخخ' }).count()).toBe(0)
    await body(page)
      .getByText('رابط مفخخ')
      .click({ modifiers: ['Control'] })
    await body(page).getByText('رابط حقيقي').click()
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
    const html = await body(page).innerHTML()
    for (const bad of ['<script', '<iframe', '<svg', 'onerror', 'onmouseover', 'onclick', 'ontoggle', 'javascript:', '<img', '<style']) {
      expect(html, bad).not.toContain(bad)
    }
    const text = await body(page).innerText()
    for (const kept of ['سليم', 'مرّر الفأرة هنا', 'رابط مفخخ', 'رابط حقيقي', 'ملخص']) expect(text).toContain(kept)
    expect(await body(page).locator('strong, .q-bold').first().innerText()).toBe('سليم')
    expect(await body(page).locator('a').getAttribute('href')).toBe('https://example.com/story')
    expect(await page.getByRole('button', { name: 'مادة جديدة' }).isVisible()).toBe(true)
    await waitSaved(page)
    const saved = await onlyArticle(host)
    expect(saved.body).not.toContain('javascript:')
    expect(saved.body).not.toContain('tracker.example')
  })

  it('keeps headings, lists, bold and links from a Word paste', async () => {
    const { page } = host
    await newArticle(page)
    await paste(page, {
      'text/html': `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
        <h1 style="mso-style-name:'Heading 1'">الموازنة العامة</h1>
        <p class="MsoNormal" style="font-family:'Simplified Arabic'"><b><span lang="AR-SA">أقرّ</span></b> البرلمان <a href="https://parliament.example/vote">الموازنة</a><o:p></o:p></p>
        <p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.</span>التعليم</p>
        <p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.</span>الصحة</p>
      </body></html>`
    })
    await page.waitForTimeout(200)
    expect(await body(page).locator('h2').innerText()).toBe('الموازنة العامة')
    expect(await body(page).locator('strong, .q-bold').first().innerText()).toBe('أقرّ')
    expect(await body(page).locator('ol li').allInnerTexts()).toEqual(['التعليم', 'الصحة'])
    expect(await body(page).locator('a').getAttribute('href')).toBe('https://parliament.example/vote')
    expect(await body(page).innerHTML()).not.toMatch(/Mso|mso-|style="font-family/)
  })

  it('answers a malformed call from the page with a typed error and changes nothing', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('نص أصلي')
    await waitSaved(page)
    const before = await onlyArticle(host)
    const answers = await page.evaluate(async (id) => {
      const api = window.api as unknown as Record<string, Record<string, (p: unknown) => Promise<unknown>>>
      return Promise.all([
        api.articles!.save!({ id, title: 'x', body: 'DROP TABLE articles' }),
        api.articles!.delete!({ id }),
        api.shell!.openExternal!({ url: 'file:///etc/passwd' }),
        (window as unknown as { __qalamInvoke(c: string, p: unknown): Promise<string> }).__qalamInvoke('fs:readFile', { path: '/etc/passwd' }).then((a) => JSON.parse(a) as unknown)
      ])
    }, before.id)
    expect(answers.map((a) => (a as { error: { code: string } }).error.code)).toEqual(['INVALID_PAYLOAD', 'INVALID_PAYLOAD', 'INVALID_PAYLOAD', 'UNKNOWN_CHANNEL'])
    expect(await onlyArticle(host)).toEqual(before)
    expect(host.openedExternally).toEqual([])
  })

  it('refuses calls from a frame that is not the app window', async () => {
    const { page } = host
    const answer = await page.evaluate(async () => {
      const frame = document.createElement('iframe')
      frame.srcdoc = '<p>x</p>'
      document.body.append(frame)
      await new Promise((ok) => frame.addEventListener('load', ok))
      const invoke = (frame.contentWindow as unknown as { __qalamInvoke(c: string, p: unknown): Promise<string> }).__qalamInvoke
      return JSON.parse(await invoke('articles:create', {})) as unknown
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('explains a corrupt database, leaves the file alone, and starts fresh keeping it aside', async () => {
    const file = join(ctx.dir, 'qalam.db')
    const garbage = Buffer.from('this was a database until the disk failed\n'.repeat(300))
    host = await ctx.restart({}, () => {
      // The disk failed while Qalam was closed.
      for (const f of readdirSync(ctx.dir)) if (f.startsWith('qalam.db')) rmSync(join(ctx.dir, f))
      writeFileSync(file, garbage)
    })
    const { page } = host
    await page.getByTestId('store-reason').waitFor()
    expect(await page.getByTestId('store-reason').innerText()).toBe('الملف الموجود في مكان قاعدة البيانات ليس قاعدة بيانات.')
    expect(await page.getByText('لم نغيّر في هذا الملف شيئًا.').isVisible()).toBe(true)
    expect(readFileSync(file).equals(garbage)).toBe(true)
    await page.getByTestId('start-fresh').click()
    await newArticle(page)
    await page.keyboard.type('بداية جديدة')
    await waitSaved(page)
    const aside = readdirSync(ctx.dir).find((f) => f.startsWith('qalam.db.unreadable-'))!
    expect(readFileSync(join(ctx.dir, aside)).equals(garbage)).toBe(true)
    expect((await onlyArticle(host)).bodyText).toBe('بداية جديدة')
  })

  it('refuses in words a desk written by a newer Qalam, and changes nothing in it', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('مادة من الإصدار الأحدث')
    await waitSaved(page)
    // A newer Qalam ran its migrations on this desk; the reporter then starts an older one.
    host.services.store.connection().pragma('user_version = 9999')
    host = await ctx.restart()
    await host.page.getByTestId('store-reason').waitFor()
    expect(await host.page.getByTestId('store-reason').innerText()).toBe('قاعدة البيانات أُنشئت بإصدار أحدث من قلم. حدّث التطبيق لفتحها.')
    expect(await host.page.getByText('لم نغيّر في هذا الملف شيئًا.').isVisible()).toBe(true)
    // Nothing was migrated down or set aside: the newer Qalam finds its desk as it left it.
    expect(readdirSync(ctx.dir).some((f) => f.startsWith('qalam.db.unreadable-'))).toBe(false)
  })

  it('says at start when no keyring protects the desk key, and opens a desk whose keyring is gone in words', async () => {
    host = await ctx.restart({ secretStorage: 'plain' }, () => {
      for (const f of readdirSync(ctx.dir)) rmSync(join(ctx.dir, f), { recursive: true, force: true })
    })
    await expect.poll(() => host.page.locator('.notice').innerText()).toContain('لا سلسلة مفاتيح على هذا النظام تحمي مفتاحها')
    // The keyring that sealed the key is not there any more (another user account, a reinstalled system).
    writeFileSync(join(ctx.dir, 'desk-key.json'), JSON.stringify({ format: 1, protection: 'os', sealed: Buffer.alloc(40, 3).toString('base64') }))
    host = await ctx.restart()
    await host.page.getByTestId('store-reason').waitFor()
    expect(await host.page.getByTestId('store-reason').innerText()).toContain('تعذّر فتح مفتاحها من سلسلة مفاتيح النظام')
  })

  it('wipes everything with Ctrl+Shift+Delete pressed twice, and the window starts over on an empty desk', async () => {
    const { page } = host
    await newArticle(page)
    await page.keyboard.type('مادة يجب ألا يجدها أحد')
    await waitSaved(page)
    await page.keyboard.press('Control+Shift+Delete')
    await page.getByTestId('panic-dialog').waitFor()
    expect(await page.getByTestId('panic-dialog').innerText()).toContain('يُتلف مفتاح التشفير أولاً')
    // Escape keeps everything.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('panic-dialog').count()).toBe(0)
    expect((await value(host.api.articles.list())).length).toBe(1)
    await page.keyboard.press('Control+Shift+Delete')
    await page.getByTestId('panic-dialog').waitFor()
    await page.keyboard.press('Control+Shift+Delete')
    await expect.poll(async () => (await value(host.api.articles.list())).length).toBe(0)
    await page.locator('.empty-workspace').waitFor()
    expect(await page.locator('.list-item').count()).toBe(0)
    expect(readdirSync(ctx.dir).filter((f) => f === 'media')).toEqual([])
  })
})
