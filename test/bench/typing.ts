/**
 * Typing latency through the test host: from the keystroke's beforeinput event
 * to Lexical's committed update, for articles of 1,000, 5,000 and 20,000 words;
 * and the time from clicking an article in the list until its caret is editable.
 */
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS, closeBrowser, startHost } from '../e2e/host'
import { tempDir } from '../support/temp'
import { draftOf } from '../support/fixtures'
import { newsParagraphs } from '../support/arabic-text'
import { summary } from './stats'
import { value } from '../support/api'
import type { Api } from '@shared/ipc/create-api'

const KEYS = 'والسلام عليكم ورحمة الله '.split('')

export interface TypingResult {
  words: number
  keystrokes: number
  p50: number
  p95: number
  max: number
}

async function seed(api: Api, title: string, words: number): Promise<string> {
  const { id } = await value(api.articles.create({ title }))
  const paragraphs = newsParagraphs(words, words)
  await value(api.articles.save({ ...draftOf(id, title, ...paragraphs), caret: { path: [Math.floor(paragraphs.length / 2), 0], offset: 10 } }))
  return id
}

export async function benchTyping(sizes: number[], keystrokes: number): Promise<TypingResult[]> {
  const tmp = tempDir()
  const host = await startHost({ dataDir: tmp.dir })
  const results: TypingResult[] = []
  try {
    for (const words of sizes) {
      const id = await seed(host.api, `مقال من ${words} كلمة`, words)
      await host.page.reload()
      await host.page.locator(`[data-article-id="${id}"] .list-open`).click()
      await host.page.waitForFunction(() => document.activeElement?.classList.contains('body-content'))
      await host.page.evaluate(() => {
        const root = document.querySelector('.body-content') as HTMLElement & { __lexicalEditor: { registerUpdateListener(fn: () => void): () => void } }
        const w = window as unknown as { __lat: number[]; __t0: number | null; __off?: () => void }
        w.__off?.()
        w.__lat = []
        w.__t0 = null
        window.addEventListener('beforeinput', () => (w.__t0 = performance.now()), { capture: true })
        w.__off = root.__lexicalEditor.registerUpdateListener(() => {
          if (w.__t0 !== null) {
            w.__lat.push(performance.now() - w.__t0)
            w.__t0 = null
          }
        })
      })
      // Warm up, then measure.
      for (let i = 0; i < 20; i++) await host.page.keyboard.type(KEYS[i % KEYS.length]!)
      await host.page.evaluate(() => ((window as unknown as { __lat: number[] }).__lat = []))
      for (let i = 0; i < keystrokes; i++) await host.page.keyboard.type(KEYS[i % KEYS.length]!)
      const latencies = await host.page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)
      const s = summary(latencies)
      results.push({ words, keystrokes: s.n, p50: s.p50, p95: s.p95, max: s.max })
    }
  } finally {
    await host.close()
    await closeBrowser()
    tmp.remove()
  }
  return results
}

/** Click in the list → caret editable in the opened article, for 5,000-word articles. */
export async function benchOpen(words: number, rounds: number) {
  const tmp = tempDir()
  const host = await startHost({ dataDir: tmp.dir })
  try {
    const ids = [await seed(host.api, 'المقال الأول', words), await seed(host.api, 'المقال الثاني', words)]
    await host.page.reload()
    await host.page.locator('.list-item').first().waitFor()
    const times: number[] = []
    for (let i = 0; i < rounds + 2; i++) {
      const id = ids[i % 2]!
      const elapsed = await host.page.evaluate(async (id) => {
        const button = document.querySelector(`[data-article-id="${id}"] .list-open`) as HTMLButtonElement
        const t0 = performance.now()
        button.click()
        for (;;) {
          await new Promise((ok) => requestAnimationFrame(ok))
          const root = document.activeElement as (HTMLElement & { __lexicalEditor?: { getEditorState(): { read<T>(f: () => T): T } } }) | null
          const opened = document.querySelector('.list-item.is-open')?.getAttribute('data-article-id') === id
          if (opened && root?.classList.contains('body-content') && root.isContentEditable && (root.textContent?.length ?? 0) > 1000) break
        }
        return performance.now() - t0
      }, id)
      if (i >= 2) times.push(elapsed)
    }
    return summary(times)
  } finally {
    await host.close()
    await closeBrowser()
    tmp.remove()
  }
}

/**
 * The same keystrokes into a plain contenteditable holding the same paragraphs
 * (no Lexical, no React, same content-visibility rule): how much of the growth
 * with article length is Chromium's own editing work.
 */
export async function benchPlainContentEditable(sizes: number[], keystrokes: number) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const results: { words: number; p50: number; p95: number }[] = []
  try {
    for (const words of sizes) {
      const page = await browser.newPage()
      const paragraphs = newsParagraphs(words, words)
      await page.setContent(
        `<html dir="rtl"><body><style>div > p { content-visibility: auto; contain-intrinsic-size: auto 3.8em }</style>` +
          `<div contenteditable="true" style="height: 90vh; overflow: auto; font-size: 19px">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`
      )
      await page.evaluate(
        (middle) => {
          const editable = document.querySelector('div') as HTMLElement
          const text = editable.children[middle]!.firstChild!
          editable.focus()
          document.getSelection()!.setBaseAndExtent(text, 10, text, 10)
          const w = window as unknown as { __lat: number[]; __t0: number | null }
          w.__lat = []
          w.__t0 = null
          addEventListener('beforeinput', () => (w.__t0 = performance.now()), true)
          addEventListener(
            'input',
            () => {
              if (w.__t0 !== null) w.__lat.push(performance.now() - w.__t0)
              w.__t0 = null
            },
            true
          )
        },
        Math.floor(paragraphs.length / 2)
      )
      for (let i = 0; i < keystrokes; i++) await page.keyboard.type(KEYS[i % KEYS.length]!)
      const s = summary(await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat))
      results.push({ words, p50: s.p50, p95: s.p95 })
      await page.close()
    }
  } finally {
    await browser.close()
  }
  return results
}
