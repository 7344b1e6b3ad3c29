import { describe, expect, it } from 'vitest'
import { countCharacters, countText, countWords, countWordsWithSegmenter, readingMinutes } from '@shared/arabic/count'
import { newsParagraphs } from '../../support/arabic-text'
import { expandToArabicWords, wordEndAfter, wordStartBefore } from '@shared/arabic/word-boundaries'

describe('countWords', () => {
  it('counts Arabic words with attached clitics as one word each', () => {
    expect(countWords('وقال الرئيس إن الحكومة ستعلن قرارها غدًا')).toBe(7)
    expect(countWords('والكتاب بالقلم وللمدرسة')).toBe(3)
  })

  it('counts Latin words and numbers mixed into Arabic copy', () => {
    expect(countWords('أعلنت شركة Apple عن iPhone 17 في 2025')).toBe(8)
    expect(countWords('ارتفع المؤشر ٣٫٥٪ خلال ٢٤ ساعة')).toBe(6)
  })

  it('ignores punctuation, quotes and extra spaces', () => {
    expect(countWords('  «هذا»   —   نصٌّ، قصير؟!  ')).toBe(3)
    expect(countWords('')).toBe(0)
    expect(countWords(' \n\n ')).toBe(0)
  })

  it('gives exactly what Intl.Segmenter gives, on news copy and on odd tokens', () => {
    const samples = [
      newsParagraphs(3000, 3).join('\n\n'),
      "COVID-19 و e-mail و 3.5% و ٣٫٥٪ و «اقتباس» و (قوسين) و U.S.A. و don't و ـــتطويل و 東京タワー و สวัสดีครับ",
      'أحمد—محمد/علي…ثم؟! 12:30 2026-11-27 1,000,000 @qalam #خبر https://example.com/a?b=c'
    ]
    for (const text of samples) expect(countWords(text)).toBe(countWordsWithSegmenter(text))
  })

  it('does not split voweled words at their diacritics', () => {
    expect(countWords('كَتَبَ الطَّالِبُ الدَّرْسَ')).toBe(3)
  })
})

describe('countCharacters and reading time', () => {
  it('counts a letter with its diacritics as one character', () => {
    expect(countCharacters('كَتَبَ')).toBe(3)
    expect(countCharacters('قلم')).toBe(3)
    expect(countCharacters('a\nb')).toBe(2)
  })

  it('gives at least one minute for any text and rounds up', () => {
    expect(readingMinutes(0)).toBe(0)
    expect(readingMinutes(1)).toBe(1)
    expect(readingMinutes(180)).toBe(1)
    expect(readingMinutes(181)).toBe(2)
    expect(countText('كلمة واحدة فقط')).toEqual({ words: 3, characters: 14, readingMinutes: 1 })
  })
})

describe('Arabic word boundaries for formatting', () => {
  const text = 'كتب الصحفي مقالا'
  it('widens a selection that starts or ends inside an Arabic word', () => {
    // "حف" inside «الصحفي» (indices 4..10)
    expect(expandToArabicWords(text, 7, 9)).toEqual([4, 10])
    expect(wordStartBefore(text, 6)).toBe(4)
    expect(wordEndAfter(text, 12)).toBe(16)
  })

  it('leaves edges already at word boundaries alone', () => {
    expect(expandToArabicWords(text, 4, 10)).toEqual([4, 10])
    expect(expandToArabicWords(text, 0, text.length)).toEqual([0, text.length])
  })

  it('does not touch Latin words', () => {
    expect(expandToArabicWords('the Apple phone', 5, 7)).toEqual([5, 7])
  })
})
