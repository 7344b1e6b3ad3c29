import { startHost } from './host'
import { tempDir } from '../support/temp'
import { body, newArticle } from './helpers'
async function main(): Promise<void> {
  const tmp = tempDir()
  const host = await startHost({ dataDir: tmp.dir, viewport: { width: 1024, height: 700 } })
  const { page } = host
  await newArticle(page)
  await body(page).click()
  await page.keyboard.type('نص')
  await page.keyboard.press('Control+Shift+Delete')
  await page.getByTestId('panic-dialog').waitFor()
  await page.screenshot({ path: '/tmp/shot-panic.png' })
  await host.close()
  tmp.remove()
  process.exit(0)
}
void main()
