/**
 * Arabic text folding for search, pure and dependency-free.
 *
 * `normalizeArabic` does what Lucene's ArabicNormalizer does, character for
 * character: alef with hamza above/below and alef with madda → bare alef (ا),
 * alef maksura (ى) → yeh (ي), teh marbuta (ة) → heh (ه), tatweel (ـ) removed, the
 * harakat (fathatan … sukun, U+064B–U+0652) removed. Beyond Lucene it maps
 * Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII digits, so «2026», «٢٠٢٦» and
 * «۲۰۲۶» are one token. It keeps length changes simple (characters are only removed
 * or replaced one for one), so offsets can be mapped back to the original text.
 *
 * `stemArabic` is a light stemmer in the manner of Light10 (Larkey, Ballesteros and
 * Connell), as Lucene's ArabicStemmer implements it: one of the prefixes
 * ال وال بال كال فال لل و, then the suffixes ها ان ات ون ين يه ية ه ة ي, each only when
 * at least two letters remain (و only from words of four letters or more). It expects
 * normalized input.
 */

import { NOUN_PRONOUNS, pronounPattern } from './pronouns'

const ALEF = 'ا'
const FOLD: Record<string, string> = {
  آ: ALEF, // alef with madda above
  أ: ALEF, // alef with hamza above
  إ: ALEF, // alef with hamza below
  ى: 'ي', // alef maksura → yeh
  ة: 'ه' // teh marbuta → heh
}

/** True for a character that normalizeArabic drops outright: tatweel and the eight harakat. */
export function isRemovedMark(char: string): boolean {
  return char === '\u0640' || (char >= '\u064B' && char <= '\u0652')
}

function foldChar(char: string): string {
  const folded = FOLD[char]
  if (folded !== undefined) return folded
  const code = char.charCodeAt(0)
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 48)
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 48)
  return char
}

/** Lucene's Arabic normalization, plus Arabic-Indic and Persian digits to ASCII. */
export function normalizeArabic(text: string): string {
  let out = ''
  for (const char of text) if (!isRemovedMark(char)) out += foldChar(char)
  return out
}

const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و']
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي']

function stemPrefix(word: string): string {
  for (const prefix of PREFIXES) {
    if (!word.startsWith(prefix)) continue
    // Lucene's guards: و only from words of at least four letters; otherwise two letters must remain.
    if (prefix.length === 1 ? word.length < 4 : word.length < prefix.length + 2) continue
    return word.slice(prefix.length)
  }
  return word
}

function stemSuffix(word: string): string {
  let w = word
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length >= suffix.length + 2) w = w.slice(0, -suffix.length)
  }
  return w
}

/** Light10-style stem of one normalized word. */
export function stemArabic(word: string): string {
  return stemSuffix(stemPrefix(word))
}

/** Arabic letters (the basic block); a word without one is left alone by the Arabic-only rules. */
const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/

export function hasArabic(word: string): boolean {
  return ARABIC_LETTER.test(word)
}

/** Single-letter proclitics news copy attaches to a word: و ف ب ل ك. */
const PROCLITIC = /^[وفبلك]/

/**
 * Forms a word is found by, besides itself: its stem, and the stem of what remains
 * after a one-letter proclitic («لبيروت» is also found as «بيروت»). Light10 leaves those
 * letters alone because so many words begin with them; offering both forms on both
 * sides keeps recall without guessing which.
 */
export function searchForms(normalizedWord: string): string[] {
  if (!hasArabic(normalizedWord)) return [normalizedWord.toLowerCase()]
  const forms = new Set([normalizedWord, stemArabic(normalizedWord)])
  const bases = [normalizedWord]
  if (PROCLITIC.test(normalizedWord) && normalizedWord.length >= 4) bases.push(normalizedWord.slice(1))
  for (const base of bases) {
    forms.add(base)
    forms.add(stemArabic(base))
    // A teh marbuta is written teh before a pronoun («طبيعتها»): the noun is found as «طبيعه».
    const m = PRONOUN_AFTER_TEH.exec(base)
    if (m !== null && m.index >= 2) forms.add(stemArabic(`${base.slice(0, m.index)}ه`))
  }
  return [...forms]
}

/** Teh followed by an attached pronoun at the end of a word. */
const PRONOUN_AFTER_TEH = new RegExp(`ت(${pronounPattern(NOUN_PRONOUNS)})$`)

/** Words of a text with their offsets in it: letters, digits and marks joined, as a reader sees a word. */
export function wordsWithOffsets(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = []
  const re = /[\p{L}\p{N}\p{M}\u0640]+/gu
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length })
  return out
}

/** The word right before the i-th of `words` (as wordsWithOffsets gives them), when only spaces part the two. */
export function wordBefore(text: string, words: readonly { word: string; start: number; end: number }[], i: number): string | null {
  const previous = words[i - 1]
  const word = words[i]
  if (previous === undefined || word === undefined || text.slice(previous.end, word.start).trim() !== '') return null
  return previous.word
}

/** searchForms, remembered: a newsroom's vocabulary repeats, so most words are looked up, not worked out. */
const formsCache = new Map<string, string[]>()
export function searchFormsCached(normalizedWord: string): string[] {
  let forms = formsCache.get(normalizedWord)
  if (forms === undefined) {
    if (formsCache.size > 200_000) formsCache.clear()
    forms = searchForms(normalizedWord)
    formsCache.set(normalizedWord, forms)
  }
  return forms
}
