import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hostPerTest } from './per-test'
import { newArticle, pressTool, typeQuoteAndLink, waitSaved } from './helpers'

/**
 * axe-core (Deque's accessibility engine) on each main screen, in Arabic and in English:
 * no serious or critical violation. What it finds is printed with the offending elements.
 */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const ctx = hostPerTest()

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

async function serious(page: Page, where: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe
    return (await axe.run(document, { resultTypes: ['violations'] })).violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

async function screens(page: Page, language: 'ar' | 'en', theme: 'light' | 'dark' = 'light'): Promise<string[]> {
  const found: string[] = []
  if (theme === 'dark') {
    await page.getByTestId('theme').selectOption('dark')
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark')
  }
  if (language === 'en') {
    await page.getByTestId('locale').selectOption('en')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
  }
  await newArticle(page)
  await page.keyboard.type(language === 'ar' ? 'وصلت القافلة إلى البلدة.' : 'The convoy reached the town.')
  // A quote and a link too: their colours are set apart from the body's, and each theme must keep them readable.
  await typeQuoteAndLink(page)
  await waitSaved(page)
  found.push(...(await serious(page, `${language}/${theme} desk and editor`)))
  for (const toggle of ['toggle-sync', 'toggle-review', 'toggle-proofing', 'toggle-notes', 'toggle-revisions']) {
    await pressTool(page, toggle)
    found.push(...(await serious(page, `${language}/${theme} ${toggle}`)))
    await pressTool(page, toggle)
  }
  await page.keyboard.press('Control+Shift+F')
  await page.getByTestId('search-dialog').waitFor()
  found.push(...(await serious(page, `${language}/${theme} search`)))
  await page.keyboard.press('Escape')
  await page.getByTestId('open-security').click()
  await page.getByTestId('security-dialog').waitFor()
  found.push(...(await serious(page, `${language}/${theme} security`)))
  await page.getByTestId('lock-now').click()
  await page.getByTestId('lock-screen').waitFor()
  found.push(...(await serious(page, `${language}/${theme} lock screen`)))
  return found
}

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on the Arabic screens', async () => {
    expect(await screens(ctx.host.page, 'ar')).toEqual([])
  })
  it('finds no serious or critical violation on the English screens', async () => {
    expect(await screens(ctx.host.page, 'en')).toEqual([])
  })
})

describe('accessibility in the dark theme (axe-core)', () => {
  it('finds no serious or critical violation, contrast included', async () => {
    expect(await screens(ctx.host.page, 'ar', 'dark')).toEqual([])
  })
})
