/**
 * An article whose body the editor cannot show (damaged on disk, written by a foreign or
 * newer tool, or a bug): the window never goes blank, the reporter gets the article's
 * last good version, and Qalam does not reopen the crashing article at the next start.
 */
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { ROOT } from '../../e2e/host'
import { hostPerTest } from '../../e2e/per-test'
import { body } from '../../e2e/helpers'
import { draftOf } from '../../support/fixtures'
import { value } from '../../support/api'

const ctx = hostPerTest()

describe('an article that cannot be shown', () => {
  it('shows what happened instead of a blank window, is not reopened at start, and comes back from its last good version', async () => {
    let host = ctx.host
    const { id } = await value(host.api.articles.create({ title: 'مادة تالفة' }))
    await value(host.api.articles.save(draftOf(id, 'مادة تالفة', 'النص السليم قبل التلف.')))
    await value(host.api.revisions.create({ articleId: id }))
    // What a damaged file or a foreign tool left: a node type the editor does not know.
    const broken = JSON.stringify({ root: { type: 'root', version: 1, direction: 'rtl', format: '', indent: 0, children: [{ type: 'qalam-from-the-future', version: 9 }] } })
    await value(host.api.articles.save({ ...draftOf(id, 'مادة تالفة', 'x'), body: broken }))

    await host.page.reload()
    await host.page.locator(`[data-article-id="${id}"] .list-open`).click()
    const alert = host.page.getByRole('alert').filter({ hasText: 'تعذّر عرض هذه المادة' })
    await expect.poll(() => alert.isVisible()).toBe(true)
    await host.page.screenshot({ path: join(ROOT, 'test-results', 'editor-crashed.png') })
    // The rest of the desk still works.
    expect(await host.page.getByRole('button', { name: 'مادة جديدة' }).isVisible()).toBe(true)
    await expect.poll(async () => (await value(host.api.settings.get())).lastArticleId).toBe(null)

    // The next start opens the desk, not the crashing article.
    host = await ctx.restart()
    await host.page.locator('.list-item').first().waitFor()
    await expect.poll(() => host.page.locator('.empty-workspace').isVisible()).toBe(true)

    // Its last good version comes back (the damaged text is kept as a version first).
    await host.page.locator(`[data-article-id="${id}"] .list-open`).click()
    await host.page.getByRole('button', { name: 'افتح آخر نسخة سليمة' }).click()
    await expect.poll(() => body(host.page).innerText()).toContain('النص السليم قبل التلف.')
    expect((await value(host.api.revisions.list({ articleId: id }))).map((r) => r.reason)).toContain('before-restore')
  })
})
