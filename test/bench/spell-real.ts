import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { SpellChecker } from '@main/proofing/spell'
import { wordBefore, wordsWithOffsets } from '@shared/arabic/normalize'

/**
 * The spell checker on errors nobody here wrote: a TSV in the ZAEBUC corpus's format
 * (../shared/corpora/zaebuc-typos.tsv by default; see its README: evaluation only, never
 * copied into the project). Columns: sentence_or_word, wrong, right, source, kind
 * (error | correct | clean), tag (ARETA: OH hamza, OT teh marbuta/heh, OA alef maksura/yeh…),
 * wrong_is_word. Run with an empty newsroom dictionary.
 */

export const DEFAULT_CORPUS = resolve(__dirname, '../../../shared/corpora/zaebuc-typos.tsv')

export interface SpellRealFigures {
  file: string
  /** Misspellings that are not themselves real words (the recall target's set). */
  errors: number
  flagged: number
  top1: number
  top5: number
  /** All misspellings, real-word ones included. */
  allErrors: number
  allFlagged: number
  correctWords: number
  correctFlagged: number
  runningWords: number
  runningFlagged: number
  byTag: Map<string, { n: number; flagged: number; top1: number; top5: number }>
  msPerSuggestion: number
}

interface Row {
  context: string
  wrong: string
  right: string
  kind: string
  tag: string
  wrongIsWord: boolean
}

function readRows(file: string): Row[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
  const header = lines[0]!.split('\t')
  const col = (name: string) => header.indexOf(name)
  const [c, w, r, k, t, x] = ['sentence_or_word', 'wrong', 'right', 'kind', 'tag', 'wrong_is_word'].map(col)
  return lines.slice(1).map((line) => {
    const f = line.split('\t')
    return { context: f[c!] ?? '', wrong: f[w!] ?? '', right: f[r!] ?? '', kind: f[k!] ?? '', tag: f[t!] ?? '', wrongIsWord: /^(true|1|yes)$/i.test(f[x!] ?? '') }
  })
}

export async function benchSpellReal(file = DEFAULT_CORPUS): Promise<SpellRealFigures | null> {
  if (!existsSync(file)) return null
  const rows = readRows(file)
  const checker = await SpellChecker.load()
  checker.setExtraWords([])
  // Flagged: not in the word list, a probable slip the list cannot decide, or a slip the word right before tells
  // (context-slips.ts: the proofing panel reads each word in its sentence, and so does this).
  const flags = (word: string) => !checker.isCorrect(word) || checker.probableSlip(word) !== null
  const before = (sentence: string, word: string, words = wordsWithOffsets(sentence), i = words.findIndex((w) => w.word === word)) => wordBefore(sentence, words, i) ?? undefined
  const inContext = (previous: string | undefined, word: string) => (previous === undefined ? null : checker.contextSlip(previous, word))
  const figures: SpellRealFigures = {
    file,
    errors: 0,
    flagged: 0,
    top1: 0,
    top5: 0,
    allErrors: 0,
    allFlagged: 0,
    correctWords: 0,
    correctFlagged: 0,
    runningWords: 0,
    runningFlagged: 0,
    byTag: new Map(),
    msPerSuggestion: 0
  }
  let suggestTime = 0
  let suggestCalls = 0
  for (const row of rows) {
    if (row.kind === 'error') {
      figures.allErrors++
      const previous = before(row.context, row.wrong)
      const flagged = flags(row.wrong) || inContext(previous, row.wrong) !== null
      if (flagged) figures.allFlagged++
      if (row.wrongIsWord) continue
      figures.errors++
      const tag = figures.byTag.get(row.tag) ?? { n: 0, flagged: 0, top1: 0, top5: 0 }
      figures.byTag.set(row.tag, tag)
      tag.n++
      if (!flagged) continue
      figures.flagged++
      tag.flagged++
      const t0 = performance.now()
      // What the right-click menu offers: the context's fix, a probable slip's fixes, then the speller's.
      const suggestions = checker.suggest(row.wrong, previous)
      suggestTime += performance.now() - t0
      suggestCalls++
      if (suggestions[0] === row.right) {
        figures.top1++
        tag.top1++
      }
      if (suggestions.slice(0, 5).includes(row.right)) {
        figures.top5++
        tag.top5++
      }
    } else if (row.kind === 'correct') {
      figures.correctWords++
      const word = row.wrong || row.right
      if (flags(word) || inContext(before(row.context, word), word) !== null) figures.correctFlagged++
    } else if (row.kind === 'clean') {
      const words = wordsWithOffsets(row.context)
      words.forEach((w, i) => {
        figures.runningWords++
        if (flags(w.word) || inContext(before(row.context, w.word, words, i), w.word) !== null) figures.runningFlagged++
      })
    }
  }
  figures.msPerSuggestion = suggestCalls === 0 ? 0 : suggestTime / suggestCalls
  return figures
}
