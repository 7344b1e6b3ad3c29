import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { closeBrowser, ROOT, type Host } from './host'

/** Writes the page's screenshot (to the path given on the command line, or docs/<name>), then closes everything. */
export async function saveScreenshotAndClose(host: Host, remove: () => void, name: string): Promise<void> {
  const { page } = host
  await page.locator('.article-main').evaluate((el) => el.scrollTo(0, 0))
  await page.locator('.side-column').evaluate((el) => el.scrollTo(0, 0))
  await page.waitForTimeout(300)
  mkdirSync(join(ROOT, 'docs'), { recursive: true })
  const out = process.argv[2]?.endsWith('.png') === true ? process.argv[2] : join(ROOT, 'docs', name)
  await page.screenshot({ path: out })
  console.log(`screenshot: ${out}`)
  await host.close()
  await closeBrowser()
  remove()
}
