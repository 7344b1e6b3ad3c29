/**
 * Takes the README's screenshots of a long Arabic article in the editor through the test
 * host: docs/screenshot.png (Arabic), screenshot-en.png (English interface),
 * screenshot-dark.png (dark theme) and screenshot-small.png (1024×600 with the sync panel
 * open), to look at RTL layout, the font, the toolbar and the room left to write.
 * Run: npm run build:web && node --import tsx test/e2e/screenshot.ts [variant]
 */
import { startHost } from './host'
import { saveScreenshotAndClose } from './screenshot-support'
import { tempDir } from '../support/temp'
import { newsParagraphs } from '../support/arabic-text'
import { body, caretAfter, newArticle, selectText, waitSaved } from './helpers'

const VARIANTS = {
  ar: { file: 'screenshot.png', viewport: { width: 1440, height: 900 } },
  en: { file: 'screenshot-en.png', viewport: { width: 1440, height: 900 } },
  dark: { file: 'screenshot-dark.png', viewport: { width: 1440, height: 900 } },
  small: { file: 'screenshot-small.png', viewport: { width: 1024, height: 600 } }
} as const
type Variant = keyof typeof VARIANTS

async function main(): Promise<void> {
  const asked = process.argv[2] as Variant | undefined
  for (const variant of asked === undefined ? (Object.keys(VARIANTS) as Variant[]) : [asked]) await take(variant)
}

async function take(variant: Variant): Promise<void> {
  const tmp = tempDir()
  const host = await startHost({ dataDir: tmp.dir, viewport: VARIANTS[variant].viewport })
  const { page } = host
  if (variant === 'en') {
    await page.getByTestId('locale').selectOption('en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
  }
  if (variant === 'dark') {
    await page.getByTestId('theme').selectOption('dark')
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark')
  }
  for (const title of ['نتائج الانتخابات البلدية في الشمال', 'أسعار المحروقات ترتفع للمرة الثالثة']) {
    await newArticle(page)
    await page.locator('textarea[name="headline"]').fill(title)
    await body(page).click()
    await page.keyboard.type('مسودة أولية.')
    await waitSaved(page)
  }
  await newArticle(page)
  await page.locator('textarea[name="headline"]').fill('البرلمان يقرّ موازنة 2027 بعد جلسة ماراثونية')
  await page.locator('textarea[name="standfirst"]').fill('صوّت 74 نائبًا لصالح الموازنة مقابل 38، وسط احتجاجات أمام مبنى المجلس في بيروت.')
  await body(page).click()
  await page.keyboard.type(
    'أقرّ مجلس النواب مساء الخميس موازنة العام 2027 بأغلبية 74 صوتًا، بعد جلسة استمرت أكثر من 11 ساعة، وقالت وكالة Reuters إن الموازنة تتضمن زيادة في الإنفاق على التعليم والصحة.'
  )
  await selectText(page, 'مجلس النواب')
  await page.keyboard.press('Control+b')
  await caretAfter(page, 'والصحة.')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Alt+2')
  await page.keyboard.type('أبرز البنود')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Shift+8')
  await page.keyboard.type('رفع رواتب القطاع العام بنسبة 15%')
  await page.keyboard.press('Enter')
  await page.keyboard.type('دعم الكهرباء بقيمة 300 مليون دولار')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Shift+9')
  await page.keyboard.type('«هذه موازنة الضرورة لا موازنة الطموح»، قال رئيس لجنة المال والموازنة.')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.type('The IMF said the budget "is a step in the right direction".')
  await page.keyboard.press('Control+Shift+x')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Shift+x')
  for (const p of newsParagraphs(600)) {
    await page.keyboard.insertText(p)
    await page.keyboard.press('Enter')
  }
  await page.locator('input[name="byline"]').fill('مراسلنا في بيروت')
  await page.locator('input[name="dateline"]').fill('بيروت')
  await page.locator('input[name="categories"]').fill('سياسة، اقتصاد')
  await page.locator('input[name="label"]').fill('خاص')
  await waitSaved(page)
  if (variant === 'small') await page.getByTestId('toggle-sync').click()
  await saveScreenshotAndClose(host, tmp.remove, VARIANTS[variant].file)
}

void main()
