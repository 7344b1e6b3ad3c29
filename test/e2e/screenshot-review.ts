/**
 * Takes docs/review.png: an article under review, with a comment thread, suggestions
 * and the workflow in the review panel, to look at the panel laid out right to left.
 * Run: npm run build:web && node --import tsx test/e2e/screenshot-review.ts
 */
import { startHost } from './host'
import { saveScreenshotAndClose } from './screenshot-support'
import { tempDir } from '../support/temp'
import { body, caretAfter, newArticle, selectText, waitSaved, pressTool } from './helpers'
import { value } from '../support/api'

async function main(): Promise<void> {
  const tmp = tempDir()
  const host = await startHost({ dataDir: tmp.dir, viewport: { width: 1440, height: 900 } })
  const { page } = host
  await value(host.api.settings.update({ userName: 'ليلى حداد', role: 'reporter' }))
  await page.reload()
  await newArticle(page)
  await page.getByLabel('العنوان').fill('افتتاح الجسر الجديد فوق نهر الليطاني')
  await page.getByLabel('المقدمة').fill('الجسر يختصر الطريق بين القرى الجنوبية إلى النصف، بكلفة 12 مليون دولار.')
  await body(page).click()
  await page.keyboard.type('افتتح المحافظ صباح أمس الجسر الجديد فوق نهر الليطاني، بحضور فعاليات المنطقة وممثلين عن البنك الدولي الذي موّل المشروع.')
  await page.keyboard.press('Enter')
  await page.keyboard.type('وقال المحافظ في كلمته إن الجسر سيخدم أكثر من 40 ألف نسمة، وإن العمل على الطريق المؤدي إليه يبدأ الشهر المقبل.')
  await page.keyboard.press('Enter')
  await page.keyboard.type('وانتقد نواب في المعارضة تأخر المشروع ثلاث سنوات عن موعده.')
  await waitSaved(page)
  await pressTool(page, 'toggle-review')
  await page.getByTestId('move-submitted').click()
  await page.getByTestId('review-role').selectOption('editor')
  await page.getByTestId('review-name').fill('سلمى خوري')
  await page.getByTestId('review-name').blur()
  await page.waitForTimeout(200)
  await page.getByTestId('move-in_review').click()
  await selectText(page, 'المحافظ')
  await page.getByTestId('start-comment').click()
  await page.getByTestId('comment-body').fill('اذكر اسم المحافظ كاملاً في أول ذكر.')
  await page.getByTestId('add-comment').click()
  await page.waitForTimeout(200)
  await selectText(page, 'ثلاث سنوات')
  await page.getByTestId('start-comment').click()
  await page.getByTestId('comment-body').fill('بحسب أي مصدر؟')
  await page.getByTestId('add-comment').click()
  await page.waitForTimeout(200)
  await page.getByTestId('toggle-suggesting').click()
  await caretAfter(page, 'أكثر من 40 ألف')
  await page.keyboard.type(' مواطن، أي')
  await caretAfter(page, 'صباح أمس')
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace')
  await page.waitForTimeout(300)
  await waitSaved(page)
  await saveScreenshotAndClose(host, tmp.remove, 'review.png')
}

void main()
