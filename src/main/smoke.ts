import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Api } from '@shared/ipc/create-api'
import { plainDocumentJson } from '@shared/domain/document'
import type { Services } from './services'

/** `qalam --smoke-test`: what the release workflow runs on each packaged app. */
export const SMOKE_FLAG = '--smoke-test'

/** How long the whole smoke run may take before it fails as hung. */
export const SMOKE_TIMEOUT_MS = 60_000

/** The text the smoke run writes, with one misspelling the spell checker must find. */
export const SMOKE_TEXT = { title: 'اختبار التشغيل', body: 'وصلت القافلة إلى البلدة صباحا بعد رحلة طويلة.', misspelled: 'البلدةة' }

export interface SmokeInput {
  title: string
  body: string
  bodyText: string
  wordCount: number
  words: string[]
}

export interface SmokeOutcome {
  articleId: string
  savedTitle: string
  savedBodyText: string
  unknownWords: string[]
}

/**
 * What the window does through its preload bridge (`window.api`, the real IPC): create an
 * article, save it, read it back, spell-check words in the worker. Self-contained, since it
 * is sent to the page as source text.
 */
export async function smokeInPage(api: Api, input: SmokeInput): Promise<SmokeOutcome> {
  const value = async <T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> => {
    const answer = await result
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`)
    return answer.value
  }
  const article = await value(api.articles.create({}))
  await value(
    api.articles.save({
      id: article.id,
      title: input.title,
      standfirst: '',
      body: input.body,
      bodyText: input.bodyText,
      wordCount: input.wordCount,
      meta: article.meta,
      caret: null
    })
  )
  const saved = await value(api.articles.get({ id: article.id }))
  const unknownWords = await value(api.proofing.spell({ words: input.words }))
  return { articleId: article.id, savedTitle: saved.title, savedBodyText: saved.bodyText, unknownWords }
}

/** The page's part of the run as source text for `webContents.executeJavaScript`. */
export function smokeScript(): string {
  const words = [...SMOKE_TEXT.body.replace(/[.،]/g, '').split(/\s+/), SMOKE_TEXT.misspelled]
  const input: SmokeInput = { title: SMOKE_TEXT.title, body: plainDocumentJson([SMOKE_TEXT.body]), bodyText: SMOKE_TEXT.body, wordCount: words.length - 1, words }
  return `(${smokeInPage.toString()})(window.api, ${JSON.stringify(input)})`
}

/**
 * Checks what the page reported against the store itself, after closing it and opening it
 * again (the article must be there, word for word), and the spell worker's answer (the one
 * misspelling found, and nothing else). Returns the reason it failed, or null.
 */
export function judgeSmoke(outcome: SmokeOutcome, reopen: () => Services): string | null {
  if (outcome.savedTitle !== SMOKE_TEXT.title || outcome.savedBodyText !== SMOKE_TEXT.body) return 'the saved article did not read back as written'
  const again = reopen()
  try {
    const stored = again.articles.get(outcome.articleId)
    if (stored.title !== SMOKE_TEXT.title || stored.bodyText !== SMOKE_TEXT.body) return 'the article was not in the store after reopening it'
  } finally {
    again.close()
  }
  if (outcome.unknownWords.length !== 1 || outcome.unknownWords[0] !== SMOKE_TEXT.misspelled)
    return `the spell check answered ${JSON.stringify(outcome.unknownWords)}, expected only ${SMOKE_TEXT.misspelled}`
  return null
}

/** A data folder of its own for the run, removed afterwards: the smoke test never touches a reporter's desk. */
export function smokeDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-smoke-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * The main process's part: once the window has loaded, run the page's part through it,
 * judge the answer, print one line and exit 0, or non-zero with the reason (also when the
 * page never answers).
 */
export async function runSmoke(deps: {
  runInPage: (script: string) => Promise<unknown>
  closeServices: () => void
  reopen: () => Services
  log: (line: string) => void
  exit: (code: number) => void
  timeoutMs?: number
}): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${(deps.timeoutMs ?? SMOKE_TIMEOUT_MS) / 1000} s`)), deps.timeoutMs ?? SMOKE_TIMEOUT_MS)
  })
  try {
    const outcome = (await Promise.race([deps.runInPage(smokeScript()), hung])) as SmokeOutcome
    deps.closeServices()
    const reason = judgeSmoke(outcome, deps.reopen)
    if (reason === null) {
      deps.log('[smoke] ok: article created, saved, reopened; spell worker answered')
      deps.exit(0)
    } else {
      deps.log(`[smoke] failed: ${reason}`)
      deps.exit(1)
    }
  } catch (error) {
    deps.log(`[smoke] failed: ${error instanceof Error ? error.message : String(error)}`)
    deps.exit(2)
  } finally {
    clearTimeout(timer)
  }
}
