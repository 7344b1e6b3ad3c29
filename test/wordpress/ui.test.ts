import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, type Host } from '../e2e/host'
import { body, caretToEnd, newArticle, waitSaved, pressTool, pickMoment } from '../e2e/helpers'
import { hostPerTest } from '../e2e/per-test'
import { tinyPng } from '../support/images'
import { rest, signInFromDesk, wp } from './helpers'
import { value } from '../support/api'

const run = hostPerTest()

const signIn = (host: Host, role: 'author' | 'editor' = 'author') => signInFromDesk(host.page, wp(), role)

async function writeAndSync(host: Host, title: string, text: string) {
  const { page } = host
  await newArticle(page)
  await page.keyboard.type(text)
  await page.getByLabel('العنوان').fill(title)
  await body(page).click()
  await waitSaved(page)
  await page.getByTestId('article-site').selectOption({ label: 'صحيفة الاختبار' })
  await page.getByTestId('sync-article').click()
  await expect.poll(() => page.getByTestId('article-sync-state').innerText()).toBe('متزامنة')
}

const postOf = async (host: Host) => {
  const id = (await value(host.api.sync.states()))[0]!.remoteId!
  return { id, post: await rest<{ content: { raw: string } }>(wp().admin, 'GET', `wp/v2/posts/${id}?context=edit`) }
}

describe('syncing from the desk', () => {
  it('signs in, sends an article, and shows its state in the editor and the list', async () => {
    const { host } = run
    const { page } = host
    await signIn(host)
    await expect.poll(() => page.getByTestId('sync-panel').innerText()).toContain('باسم author')
    await writeAndSync(host, 'خبر من المكتب', 'قالت الحكومة إن الخطة تبدأ الأسبوع المقبل.')
    expect(await page.locator('.list-item', { hasText: 'خبر من المكتب' }).getByTestId('list-sync-state').innerText()).toBe('متزامنة')
    const { post } = await postOf(host)
    expect(post.content.raw).toContain('قالت الحكومة إن الخطة تبدأ الأسبوع المقبل.')

    // Typing makes it "changed here" until the next sync.
    await body(page).click()
    await caretToEnd(page)
    await page.keyboard.type(' وأضاف الوزير تفاصيل.')
    await waitSaved(page)
    await expect.poll(() => page.getByTestId('article-sync-state').innerText()).toBe('عُدّلت هنا')
    await page.getByTestId('sync-all').click()
    await expect.poll(() => page.getByTestId('article-sync-state').innerText()).toBe('متزامنة')
    expect((await postOf(host)).post.content.raw).toContain('وأضاف الوزير تفاصيل.')

    mkdirSync(join(ROOT, 'test-results'), { recursive: true })
    await page.screenshot({ path: join(ROOT, 'test-results', 'sync-panel.png') })
  })

  it('brings an editor’s web edit into the open article, and lets the reporter pick paragraph by paragraph in a conflict', async () => {
    const { host } = run
    const { page } = host
    await signIn(host)
    await writeAndSync(host, 'خبر يتنازع عليه', 'الفقرة التي يعدلها الطرفان.')
    const { id, post } = await postOf(host)

    // Both change the same paragraph.
    await rest(wp().editor, 'POST', `wp/v2/posts/${id}`, { content: post.content.raw.replace('يعدلها الطرفان', 'صححها المحرر على الموقع') })
    await body(page).click()
    await caretToEnd(page)
    await page.keyboard.type(' وأضاف المراسل جملة.')
    await waitSaved(page)
    await page.getByTestId('sync-article').click()
    await expect.poll(() => page.getByTestId('article-sync-state').innerText()).toBe('تعارض')
    expect(await body(page).innerText()).toContain('وأضاف المراسل جملة.')

    await page.getByTestId('show-conflict').click()
    const dialog = page.getByTestId('conflict-dialog')
    await expect.poll(() => dialog.innerText()).toContain('صححها المحرر على الموقع')
    expect(await dialog.innerText()).toContain('وأضاف المراسل جملة.')
    await page.screenshot({ path: join(ROOT, 'test-results', 'sync-conflict.png') })
    await dialog.getByText('نسخة الموقع').click()
    await page.getByTestId('apply-resolution').click()
    await expect.poll(() => body(page).innerText()).toBe('الفقرة التي صححها المحرر على الموقع.')
    await page.getByTestId('sync-article').click()
    await expect.poll(() => page.getByTestId('article-sync-state').innerText()).toBe('متزامنة')
  })

  it('picks a category from the site, a featured image and a publishing time, and schedules the post', async () => {
    await rest(wp().admin, 'POST', 'wp/v2/categories', { name: `اقتصاد ${Date.now() % 100000}` }).catch(() => undefined)
    const cats = await rest<{ id: number; name: string }[]>(wp().admin, 'GET', 'wp/v2/categories?per_page=100&search=%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF')
    const category = cats[0]!
    const image = join(run.dir, 'featured.png')
    writeFileSync(image, tinyPng(120, 80))
    const host = await run.restart({ pickImageFile: async () => image })
    const { page } = host
    await signIn(host, 'editor')
    await writeAndSync(host, 'موازنة 2027', 'تبدأ مناقشة الموازنة غداً.')
    // The sync panel has the metadata's place beside the text: closed, the metadata is back.
    await page.getByTestId('toggle-sync').click()
    await page.getByRole('group', { name: 'أقسام الموقع' }).getByRole('button', { name: category.name }).click()
    await page.getByTestId('pick-featured').click()
    await page.getByTestId('featured-thumb').waitFor()
    await pickMoment(page, 'publish-at', new Date(2031, 2, 1, 9, 30))
    await body(page).click()
    await waitSaved(page)
    // The editor (edit_others_posts on the site) takes it through the workflow to scheduled.
    await pressTool(page, 'toggle-review')
    await expect.poll(() => page.getByTestId('review-identity').innerText()).toContain('محرر')
    // This site has no companion plugin: the panel says what does not travel through it.
    await expect.poll(() => page.getByTestId('review-nobridge').innerText()).toContain('لا تنتقل عبر الموقع')
    for (const to of ['submitted', 'approved', 'scheduled']) {
      await page.getByTestId(`move-${to}`).click()
      await expect.poll(() => page.getByTestId('article-status').innerText()).toBe({ submitted: 'أُرسلت للمراجعة', approved: 'معتمدة', scheduled: 'مجدولة' }[to])
    }
    await page.getByTestId('sync-article').click()
    await expect.poll(() => page.getByTestId('article-sync-state').innerText()).toBe('متزامنة')
    const { id } = await postOf(host)
    const post = await rest<{ status: string; categories: number[]; featured_media: number; date_gmt: string }>(wp().admin, 'GET', `wp/v2/posts/${id}?context=edit`)
    expect(post.status).toBe('future')
    expect(post.categories).toContain(category.id)
    expect(post.featured_media).toBeGreaterThan(0)
    expect(post.date_gmt).toBe(new Date(2031, 2, 1, 9, 30).toISOString().slice(0, 19))
    await page.screenshot({ path: join(ROOT, 'test-results', 'sync-meta.png') })
  })

  it('words a wrong password in Arabic and asks before storing a password without a keyring', async () => {
    const { host } = run
    const { page } = host
    await page.getByTestId('toggle-sync').click()
    await page.getByLabel('عنوان الموقع').fill(wp().url)
    await page.getByLabel('اسم المستخدم').fill('author')
    await page.getByLabel('كلمة مرور التطبيق').fill('abcd efgh ijkl mnop')
    await page.getByTestId('add-site').click()
    await expect.poll(() => page.locator('.form-error').innerText()).toBe('اسم المستخدم أو كلمة مرور التطبيق غير صحيحة.')
    const plain = await run.restart({ secretStorage: 'plain' })
    await plain.page.getByTestId('toggle-sync').click()
    await plain.page.getByLabel('عنوان الموقع').fill(wp().url)
    await plain.page.getByLabel('اسم المستخدم').fill(wp().author.login)
    await plain.page.getByLabel('كلمة مرور التطبيق').fill(wp().author.appPassword)
    await plain.page.getByTestId('add-site').click()
    await plain.page.getByRole('dialog').getByText('لا توجد حافظة مفاتيح على هذا النظام').waitFor()
    await plain.page.getByRole('dialog').getByTestId('confirm-delete').click()
    await plain.page.getByTestId('site').getByText('تُحفظ كلمة المرور مموّهة').waitFor()
  })
})
