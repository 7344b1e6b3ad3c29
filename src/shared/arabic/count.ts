/**
 * Counting words the way an Arabic reader does: Intl.Segmenter's word segments,
 * so that «والكتاب» is one word and digits, Latin words and punctuation are
 * handled by the Unicode rules rather than by splitting on spaces.
 */
const wordSegmenter = new Intl.Segmenter('ar', { granularity: 'word' })
const graphemeSegmenter = new Intl.Segmenter('ar', { granularity: 'grapheme' })

/** Number of word-like segments in the text. */
export function countWords(text: string): number {
  let n = 0
  for (const segment of wordSegmenter.segment(text)) {
    if (segment.isWordLike) n++
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
