import { parentPort } from 'node:worker_threads'
import { wordBefore, wordsWithOffsets } from '@shared/arabic/normalize'
import { checkText, type ProofingLocale } from '@shared/proofing/rules'
import type { Finding } from '@shared/proofing/findings'
import { SpellChecker } from './spell'
import type { ProbableSlip, SlipReason } from './probable-slips'
import type { ContextReason, ContextSlip } from './context-slips'

/**
 * The spell checker's thread: the word lists are decoded here, and every check runs
 * here (a whole text's spelling and editorial rules too), so neither the main
 * process's IPC nor (through it) typing ever waits for them.
 */
export type SpellRequest =
  | { id: number; type: 'check'; words: string[]; extra: string[] }
  | { id: number; type: 'suggest'; word: string; previous?: string; extra: string[] }
  /** Pairs of a word and the word right before it: those where the word before tells a slip (context-slips.ts). */
  | { id: number; type: 'context'; pairs: [string, string][]; extra: string[] }
  /** A whole text: its misspellings (with suggestions for the first `suggestFirst` of them) and the editorial rules, in reading order. */
  | { id: number; type: 'proof'; text: string; locale: ProofingLocale; ignored: string[]; suggestFirst: number; extra: string[] }

export type SpellResponse = { id: number; misspelled?: string[]; suggestions?: string[]; pairs?: [string, string][]; findings?: Finding[]; error?: string }

let loading: Promise<SpellChecker> | null = null
let extraKey = ''

parentPort?.on('message', (request: SpellRequest) => void answer(request))

async function answer(request: SpellRequest): Promise<void> {
  try {
    loading ??= SpellChecker.load()
    const checker = await loading
    const key = request.extra.join('\n')
    if (key !== extraKey) {
      checker.setExtraWords(request.extra)
      extraKey = key
    }
    if (request.type === 'check') {
      const misspelled = [...new Set(request.words)].filter((w) => checker.isFlagged(w))
      parentPort!.postMessage({ id: request.id, misspelled } satisfies SpellResponse)
    } else if (request.type === 'suggest') {
      parentPort!.postMessage({ id: request.id, suggestions: checker.suggest(request.word, request.previous) } satisfies SpellResponse)
    } else if (request.type === 'context') {
      const pairs = request.pairs.filter(([previous, word]) => checker.contextSlip(previous, word) !== null)
      parentPort!.postMessage({ id: request.id, pairs } satisfies SpellResponse)
    } else {
      parentPort!.postMessage({ id: request.id, findings: proof(checker, request) } satisfies SpellResponse)
    }
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies SpellResponse)
  }
}

/** What the list says of a word: misspelled, a probable slip with its fix, or fine. */
type Verdict = { wrong: true } | { wrong: false; slip: ProbableSlip | null }

function proof(checker: SpellChecker, request: Extract<SpellRequest, { type: 'proof' }>): Finding[] {
  const ignored = new Set(request.ignored)
  const verdicts = new Map<string, Verdict>()
  const verdict = (word: string): Verdict => {
    let v = verdicts.get(word)
    if (v === undefined) verdicts.set(word, (v = checker.isCorrect(word) ? { wrong: false, slip: checker.probableSlip(word) } : { wrong: true }))
    return v
  }
  const words = wordsWithOffsets(request.text)
  // The first misspellings in reading order come with suggestions; the rest get theirs on request.
  const suggestions = new Map<string, string[]>()
  for (const w of words) {
    if (suggestions.size >= request.suggestFirst) break
    if (!ignored.has(w.word) && verdict(w.word).wrong && !suggestions.has(w.word)) suggestions.set(w.word, checker.suggest(w.word))
  }
  const findings = words.flatMap((w, i): Finding[] => {
    if (ignored.has(w.word)) return []
    const v = verdict(w.word)
    // A slip the word before tells (context-slips.ts): still one finding for the word, the context's fix first.
    const c = slipBefore(checker, wordBefore(request.text, words, i), w.word)
    const inContext = c === null ? null : { message: contextMessage(c.previous, c.slip, request.locale), fixes: c.slip.fixes }
    if (v.wrong)
      return [
        {
          start: w.start,
          end: w.end,
          kind: 'spelling',
          message: inContext?.message ?? (request.locale === 'ar' ? `«${w.word}» ليست في القاموس.` : `“${w.word}” is not in the dictionary.`),
          suggestions: [...new Set([...(inContext?.fixes ?? []), ...(suggestions.get(w.word) ?? [])])]
        }
      ]
    if (inContext !== null) {
      if (v.slip !== null)
        return [{ start: w.start, end: w.end, kind: 'probable-slip', message: inContext.message, suggestions: [...new Set([...inContext.fixes, ...v.slip.fixes])] }]
      return [{ start: w.start, end: w.end, kind: 'hamza-in-context', message: inContext.message, suggestions: inContext.fixes }]
    }
    // A word the list accepts that is almost surely a slip all the same (probable-slips.ts).
    if (v.slip === null) return []
    return [{ start: w.start, end: w.end, kind: 'probable-slip', message: slipMessage(w.word, v.slip, request.locale), suggestions: v.slip.fixes }]
  })
  return [...findings, ...checkText(request.text, request.locale)].sort((a, b) => a.start - b.start || a.end - b.end)
}

/** The slip the word right before tells, if any. */
function slipBefore(checker: SpellChecker, previous: string | null, word: string): { previous: string; slip: ContextSlip } | null {
  if (previous === null) return null
  const slip = checker.contextSlip(previous, word)
  return slip === null ? null : { previous, slip }
}

function contextMessage(previous: string, slip: ContextSlip, locale: ProofingLocale): string {
  const fix = slip.fixes[0]!
  const why: Record<ContextReason, [string, string]> = {
    'said-inna': [`بعد «${previous}» تُكسر همزة «إنّ»`, `after “${previous}”, إنّ takes its hamza below`],
    'clause-inna': [`بعد «${previous}» تُكسر همزة «إنّ»`, `after “${previous}”, إنّ takes its hamza below`],
    'reported-anna': [`بعد «${previous}» تُفتح همزة «أنّ»`, `after “${previous}”, أنّ takes its hamza above`],
    'first-person': [`بعد «${previous}» فعل مضارع، وهمزة المتكلم فيه تُكتب`, `after “${previous}” comes a present verb, and its first-person hamza is written`]
  }
  const [ar, en] = why[slip.reason]
  return locale === 'ar' ? `${ar}: «${fix}».` : `${en}: “${fix}”.`
}

/** Why a word the list accepts is flagged, in the reporter's language, with the likeliest fix. */
function slipMessage(word: string, slip: ProbableSlip, locale: ProofingLocale): string {
  const fix = slip.fixes.join(locale === 'ar' ? '» أو «' : '” or “')
  const why: Record<SlipReason, [string, string]> = {
    'definite-heh': [`«${word}» معرّفة بـ«ال» فلا تنتهي بضمير`, `“${word}” is definite (ال), so it cannot end in a pronoun`],
    hamza: [`«${word}» لا تُكتب بلا همزة`, `“${word}” is never written without its hamza`],
    'hamza-article': [`ألف «ال» لا تُكتب همزة في «${word}»`, `the alef of the article (ال) takes no hamza in “${word}”`],
    'dagger-alef': [`ألف «${word}» لا تُكتب`, `the long alef of “${word}” is not written`],
    tripled: [`في «${word}» حرف مكرر ثلاث مرات`, `“${word}” has one letter three times`],
    'rare-heh': [`«${word}» نادرة وهي بالتاء المربوطة شائعة`, `“${word}” is rare, and common with teh marbuta`],
    'adjective-heh': [`«${word.slice(0, -1)}» صفة نسبة لا تتصل بضمير`, `“${word.slice(0, -1)}” is a relational adjective and takes no pronoun`],
    doubled: [`«${word}» نادرة وفيها حرف مكرر`, `“${word}” is rare and has a letter typed twice`]
  }
  const [ar, en] = why[slip.reason]
  return locale === 'ar' ? `${ar}: الأرجح «${fix}».` : `${en}: most likely “${fix}”.`
}
