import { describe, expect, it } from 'vitest'
import { normalizeArabic, searchForms, stemArabic } from '@shared/arabic/normalize'

/** Lucene's own cases: TestArabicNormalizationFilter and TestArabicStemFilter, one by one. */
describe('normalizeArabic, as Lucene’s ArabicNormalizer', () => {
  const cases: [string, string, string][] = [
    ['alif madda', 'آجن', 'اجن'],
    ['alif hamza above', 'أحمد', 'احمد'],
    ['alif hamza below', 'إعاذ', 'اعاذ'],
    ['alif maksura', 'بنى', 'بني'],
    ['teh marbuta', 'فاطمة', 'فاطمه'],
    ['tatweel', 'روبرـــــت', 'روبرت'],
    ['fatha', 'مَبنا', 'مبنا'],
    ['kasra', 'علِي', 'علي'],
    ['damma', 'بُوات', 'بوات'],
    ['fathatan', 'ولداً', 'ولدا'],
    ['kasratan', 'ولدٍ', 'ولد'],
    ['dammatan', 'ولدٌ', 'ولد'],
    ['sukun', 'نلْسون', 'نلسون'],
    ['shaddah', 'هتميّ', 'هتمي']
  ]
  for (const [name, input, output] of cases) it(name, () => expect(normalizeArabic(input)).toBe(output))

  it('folds Arabic-Indic and Persian digits to ASCII, and leaves Latin alone', () => {
    expect(normalizeArabic('٢٠٢٦ و۲۰۲۶ و2026')).toBe('2026 و2026 و2026')
    expect(normalizeArabic('Reuters, 3.5%')).toBe('Reuters, 3.5%')
  })

  it('keeps the hamza that is not on an alef, as Lucene does', () => {
    expect(normalizeArabic('مسؤول شيء رئيس')).toBe('مسؤول شيء رئيس')
  })
})

describe('stemArabic, as Lucene’s ArabicStemmer (Light10)', () => {
  const cases: [string, string, string][] = [
    ['al prefix', 'الحسن', 'حسن'],
    ['wal prefix', 'والحسن', 'حسن'],
    ['bal prefix', 'بالحسن', 'حسن'],
    ['kal prefix', 'كالحسن', 'حسن'],
    ['fal prefix', 'فالحسن', 'حسن'],
    ['ll prefix', 'للاخر', 'اخر'],
    ['wa prefix', 'وحسن', 'حسن'],
    ['ah suffix', 'زوجها', 'زوج'],
    ['an suffix', 'ساهدان', 'ساهد'],
    ['at suffix', 'ساهدات', 'ساهد'],
    ['wn suffix', 'ساهدون', 'ساهد'],
    ['yn suffix', 'ساهدين', 'ساهد'],
    ['yh suffix', 'ساهديه', 'ساهد'],
    ['yp suffix', 'ساهدية', 'ساهد'],
    ['h suffix', 'ساهده', 'ساهد'],
    ['p suffix', 'ساهدة', 'ساهد'],
    ['y suffix', 'ساهدي', 'ساهد'],
    ['prefix and suffix', 'وساهدون', 'ساهد'],
    ['two suffixes', 'ساهدهات', 'ساهد'],
    ['too short to stem', 'الو', 'الو'],
    ['not Arabic', 'English', 'English']
  ]
  for (const [name, input, output] of cases) it(name, () => expect(stemArabic(input)).toBe(output))
})

describe('search forms', () => {
  it('find a word behind a one-letter proclitic, and through its stem', () => {
    expect(searchForms('لبيروت')).toContain('بيروت')
    expect(searchForms('والمدينه')).toContain(stemArabic('المدينه'))
    expect(searchForms('Beirut')).toEqual(['beirut'])
  })
})
