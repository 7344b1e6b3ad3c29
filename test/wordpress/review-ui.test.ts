import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../e2e/host'
import { body, caretAfter, newArticle, selectText, waitSaved, pressTool } from '../e2e/helpers'
import { hostsPerTest } from '../e2e/per-test'
import { signInFromDesk, wpBridge } from './helpers'

/**
 * The review loop as the two people do it, each in their own Qalam (two data folders),
 * through the real WordPress with the companion plugin.
 */

const hosts = hostsPerTest()
const open = () => hosts.open()

async function signIn(page: Page, role: 'author' | 'editor') {
  await signInFromDesk(page, wpBridge(), role)
  await page.getByTestId('toggle-sync').click()
}

/**
 * Syncs the open article and waits for that sync to have run: the state may already read
 * «متزامنة» before the click, so the button's going busy is watched for (a MutationObserver
 * set before the click catches it however briefly), then its coming back.
 */
async function syncHere(page: Page) {
  const button = page.getByTestId('sync-article')
  await button.evaluate((b) => {
    const flag = window as unknown as { __syncRan: boolean }
    flag.__syncRan = false
    new MutationObserver(() => {
      if ((b as HTMLButtonElement).disabled) flag.__syncRan = true
    }).observe(b, { attributes: true, attributeFilter: ['disabled'] })
  })
  await button.click()
  await page.waitForFunction(() => (window as unknown as { __syncRan: boolean }).__syncRan, null, { timeout: 20_000 })
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true)
  await expect.poll(() => page.getByTestId('article-sync-state').innerText(), { timeout: 20_000 }).toBe('متزامنة')
}

const panel = (page: Page) => page.getByTestId('review-panel')

describe('review between a reporter’s and an editor’s Qalam through the site', () => {
  it('submits, reviews with a comment and a suggestion, answers, resubmits and approves', async () => {
    const reporter = await open()
    const editor = await open()
    const r = reporter.page
    const e = editor.page

    // The reporter writes and hands in.
    await signIn(r, 'author')
    await newArticle(r)
    await r.keyboard.type('افتتح المحافظ أمس الجسر الجديد فوق النهر بكلفة 12 مليون دينار.')
    await r.getByLabel('العنوان').fill('افتتاح الجسر الجديد')
    await body(r).click()
    await waitSaved(r)
    await r.getByTestId('article-site').selectOption({ label: 'صحيفة الاختبار' })
    await pressTool(r, 'toggle-review')
    await expect.poll(() => r.getByTestId('review-identity').innerText()).toContain('مراسل')
    await r.getByTestId('move-submitted').click()
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('أُرسلت للمراجعة')
    await syncHere(r)

    // The editor pulls the queue and opens it.
    await signIn(e, 'editor')
    await e.getByTestId('toggle-queue').click()
    await e.getByTestId('queue-pull').click()
    await e.getByTestId('queue-item').filter({ hasText: 'افتتاح الجسر الجديد' }).click()
    await expect.poll(() => body(e).innerText()).toContain('الجسر الجديد')
    await expect.poll(() => e.getByTestId('review-identity').innerText()).toContain('محرر')
    await e.getByTestId('move-in_review').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('قيد المراجعة')
    await selectText(e, 'المحافظ')
    await e.getByTestId('start-comment').click()
    await e.getByTestId('comment-body').fill('اذكر اسم المحافظ.')
    await e.getByTestId('add-comment').click()
    await expect.poll(() => panel(e).locator('.thread').count()).toBe(1)
    await e.getByTestId('toggle-suggesting').click()
    await caretAfter(e, 'النهر')
    await e.keyboard.type(' الكبير')
    await e.getByTestId('toggle-suggesting').click()
    await expect.poll(() => e.getByTestId('suggestion-list').locator('li').count()).toBe(1)
    await panel(e).getByLabel('ملاحظة (اختيارية)').fill('الاسم ثم أعيدي الإرسال')
    await e.getByTestId('move-changes_requested').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('مطلوب تعديلات')
    await syncHere(e)

    // The reporter syncs and finds the comment, the suggestion and the status.
    await syncHere(r)
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('مطلوب تعديلات')
    await expect.poll(() => panel(r).locator('.thread').innerText()).toContain('اذكر اسم المحافظ.')
    await expect.poll(() => body(r).locator('ins.q-sug-insert').innerText()).toBe(' الكبير')
    await expect.poll(() => r.getByTestId('review-history').innerText()).toContain('الاسم ثم أعيدي الإرسال')
    await r.getByTestId('accept-suggestion').click()
    await caretAfter(r, 'المحافظ')
    await r.keyboard.type(' سامر الخطيب')
    await panel(r).locator('.thread').getByTestId('reply-body').fill('أضفته.')
    await panel(r).locator('.thread').getByTestId('reply').click()
    await expect.poll(() => panel(r).locator('.thread .comment').count()).toBe(2)
    await r.getByTestId('move-submitted').click()
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('أُرسلت للمراجعة')
    await r.screenshot({ path: join(ROOT, 'test-results', 'review-reporter.png') })
    await syncHere(r)

    // The editor sees the answer and approves.
    await syncHere(e)
    await expect.poll(() => body(e).innerText()).toContain('المحافظ سامر الخطيب')
    await expect.poll(() => body(e).innerText()).toContain('النهر الكبير')
    await expect.poll(() => panel(e).locator('.thread').innerText()).toContain('أضفته.')
    await panel(e).locator('.thread').getByTestId('resolve').click()
    await e.getByTestId('move-in_review').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('قيد المراجعة')
    await e.getByTestId('move-approved').click()
    await expect.poll(() => e.getByTestId('review-status').innerText()).toBe('معتمدة')
    await e.screenshot({ path: join(ROOT, 'test-results', 'review-editor.png') })
    await syncHere(e)
    await syncHere(r)
    await expect.poll(() => r.getByTestId('review-status').innerText()).toBe('معتمدة')
  })
})
