/**
 * Cold start through the test host: from starting Qalam's services on a data folder
 * whose last article is a long one until its caret is editable (services ready, page
 * loaded, article opened); and the renderer's JavaScript heap with a 20,000-word
 * article open. Chromium is already running: its own start stands in for Electron's,
 * which is not Qalam's code.
 */
import { closeBrowser, startHost } from '../e2e/host'
import { tempDir } from '../support/temp'
import { draftOf, servicesIn } from '../support/fixtures'
import { newsParagraphs } from '../support/arabic-text'
import { summary } from './stats'

/** A data folder whose last open article has `words` words. */
function seedFolder(dir: string, words: number): void {
  const services = servicesIn(dir)
  const { id } = services.articles.create('مقال طويل')
  services.articles.save({ ...draftOf(id, 'مقال طويل', ...newsParagraphs(words, 7)), caret: { path: [3, 0], offset: 5 } })
  services.settings.update({ lastArticleId: id })
  services.close()
}

/** The caret is in the body, editable, with the article's text (a function: the app's CSP forbids evaluating strings). */
function editable(): boolean {
  const root = document.activeElement as HTMLElement | null
  return root !== null && root.classList.contains('body-content') && root.isContentEditable && (root.textContent ?? '').length > 1000
}

export async function benchStart(words: number, rounds: number) {
  const tmp = tempDir('qalam-bench-start-')
  seedFolder(tmp.dir, words)
  const total: number[] = []
  const inPage: number[] = []
  try {
    // The first start warms the shared Chromium (and the disk cache, as a second launch of the app would have).
    for (let i = 0; i < rounds + 1; i++) {
      const t0 = performance.now()
      const host = await startHost({ dataDir: tmp.dir })
      await host.page.waitForFunction(editable, undefined, { polling: 'raf', timeout: 20_000 })
      const elapsed = performance.now() - t0
      // From navigation start, as the page saw it.
      const page = await host.page.evaluate(() => performance.now())
      await host.close()
      if (i > 0) {
        total.push(elapsed)
        inPage.push(page)
      }
    }
    return { total: summary(total), page: summary(inPage) }
  } finally {
    await closeBrowser()
    tmp.remove()
  }
}

/** The renderer's JavaScript heap after a garbage collection, with a `words`-word article open. */
export async function benchRendererHeap(words: number): Promise<number> {
  const tmp = tempDir('qalam-bench-heap-')
  seedFolder(tmp.dir, words)
  const host = await startHost({ dataDir: tmp.dir })
  try {
    await host.page.waitForFunction(editable, undefined, { polling: 'raf', timeout: 20_000 })
    const cdp = await host.page.context().newCDPSession(host.page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize / 2 ** 20
  } finally {
    await host.close()
    await closeBrowser()
    tmp.remove()
  }
}
