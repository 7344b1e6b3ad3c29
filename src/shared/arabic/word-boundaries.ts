/**
 * Formatting part of an Arabic word puts a style boundary inside it, and a
 * boundary between two differently styled runs can break the joining of the
 * letters on either side. Formatting is therefore widened to whole words
 * whenever a selection edge falls inside a word that contains Arabic letters.
 */

// Arabic letters, marks and tatweel, plus ZWJ/ZWNJ that sit inside words.
const ARABIC_WORD_CHAR = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D]/u

export function isArabicWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ARABIC_WORD_CHAR.test(ch)
}

/** Moves an offset back to the start of the Arabic word it falls inside. */
export function wordStartBefore(text: string, offset: number): number {
  if (!isArabicWordChar(text[offset - 1]) || !isArabicWordChar(text[offset])) return offset
  let i = offset
  while (i > 0 && isArabicWordChar(text[i - 1])) i--
  return i
}

/** Moves an offset forward to the end of the Arabic word it falls inside. */
export function wordEndAfter(text: string, offset: number): number {
  if (!isArabicWordChar(text[offset - 1]) || !isArabicWordChar(text[offset])) return offset
  let i = offset
  while (i < text.length && isArabicWordChar(text[i])) i++
  return i
}

/** Widens [start, end) so that neither edge splits an Arabic word. */
export function expandToArabicWords(text: string, start: number, end: number): [number, number] {
  const lo = Math.min(start, end)
  const hi = Math.max(start, end)
  return [wordStartBefore(text, lo), wordEndAfter(text, hi)]
}
