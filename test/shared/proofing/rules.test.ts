import { describe, expect, it } from 'vitest'
import { checkSubmission, checkText } from '@shared/proofing/rules'
import { QUALITY, NOISE } from '../../support/search-quality'
import { SPELLING_SET } from '../../support/spelling-set'
import { newsParagraphs } from '../../support/arabic-text'

const kinds = (text: string) => checkText(text).map((f) => [f.kind, text.slice(f.start, f.end)])

describe('editorial checks', () => {
  it('finds impossible dates in Western and Levantine month names, in any digit system, paired or alone', () => {
    expect(kinds('وقع الحادث في 31 نيسان الماضي')).toEqual([['impossible-date', '31 نيسان']])
    expect(kinds('الجلسة في ٣٠ فبراير/ شباط')).toEqual([['impossible-date', '٣٠ فبراير/ شباط']])
    expect(kinds('ولد في 29 شباط 2023')).toEqual([['impossible-date', '29 شباط 2023']])
    expect(kinds('ولد في 29 شباط 2024 و31 كانون الأول و31 تشرين الأول')).toEqual([])
    expect(kinds('في ۳۱ تشرين الأول و٣١ آب')).toEqual([])
    expect(kinds('اجتماع 12 مارس/ نيسان')).toEqual([['month-mismatch', '12 مارس/ نيسان']])
    expect(checkText('في 31 نيسان')[0]!.message).toBe('تاريخ مستحيل: أبريل/نيسان 30 يومًا.')
  })

  it('catches the same impossible date however news copy writes it: الـ, من (شهر), a paired month, the day in words, digits', () => {
    const date = (text: string) => kinds(text).filter(([k]) => k === 'impossible-date')
    expect(date('أعلن ذلك في الـ31 من أيلول الماضي')).toEqual([['impossible-date', 'الـ31 من أيلول']])
    expect(date('وقع الانفجار في 31 من شهر سبتمبر 2015')).toEqual([['impossible-date', '31 من شهر سبتمبر 2015']])
    expect(date('الجلسة في 31 أيلول / سبتمبر عام 2015')).toEqual([['impossible-date', '31 أيلول / سبتمبر عام 2015']])
    expect(date('في الحادي والثلاثين من نيسان الماضي')).toEqual([['impossible-date', 'الحادي والثلاثين من نيسان']])
    expect(date('بتاريخ 31/9/2015 و٢٩/٢/٢٠٢٣ و15-13-2020')).toEqual([
      ['impossible-date', '31/9/2015'],
      ['impossible-date', '٢٩/٢/٢٠٢٣'],
      ['impossible-date', '15-13-2020']
    ])
    // Right ones, in the same forms, are left alone.
    expect(kinds('في الـ30 من أيلول، وفي 29/2/2024، وفي الحادي عشر من سبتمبر، والأول من كانون الثاني، و30 من شهر نيسان 2015')).toEqual([])
  })

  it('catches a weekday that was not that date’s, and offers the right one', () => {
    expect(kinds('وصل الوفد الخميس 3 أيلول 2015 إلى بيروت')).toEqual([])
    const [f] = checkText('وصل الوفد يوم الجمعة، 3 سبتمبر عام 2015 إلى بيروت')
    expect(f).toMatchObject({ kind: 'weekday-mismatch', suggestions: ['يوم الخميس، 3 سبتمبر عام 2015'] })
    expect(f!.message).toBe('3 سبتمبر/أيلول 2015 كان يوم الخميس، لا الجمعة.')
    // Without a year there is nothing to check against.
    expect(kinds('الجمعة 3 أيلول')).toEqual([])
  })

  it('finds no date problem in the project’s own Arabic test copy', () => {
    const copy = [...QUALITY.map((q) => q.doc), ...NOISE, ...SPELLING_SET, ...newsParagraphs(5000)]
    const found = copy.flatMap((t) =>
      checkText(t)
        .filter((f) => /date|weekday|month/.test(f.kind))
        .map((f) => t.slice(f.start, f.end))
    )
    expect(found).toEqual([])
  })

  it('finds a repeated word and offers to drop one', () => {
    const [f] = checkText('قال الوزير في في مؤتمر')
    expect(f).toMatchObject({ kind: 'repeated-word', suggestions: ['في'] })
    expect(checkText('نعم، نعم قالها')).toEqual([])
  })

  it('finds Latin punctuation in Arabic text but not in numbers or Latin text', () => {
    const text = 'قال الوزير, إن النمو 3,5 في المئة? وأضاف; إنه بخير. Hello, world?'
    expect(checkText(text).map((f) => [f.kind, text.slice(f.start, f.end), f.suggestions[0]])).toEqual([
      ['latin-punctuation', ',', '،'],
      ['latin-punctuation', '?', '؟'],
      ['latin-punctuation', ';', '؛']
    ])
  })

  it('marks the digits written in the minority system, and double spaces', () => {
    const text = 'في 2026 ارتفع العدد إلى 300 ثم ٤٠٠  شخص'
    expect(checkText(text).map((f) => [f.kind, text.slice(f.start, f.end), f.suggestions[0]])).toEqual([
      ['mixed-digits', '٤٠٠', '400'],
      ['double-space', '  ', ' ']
    ])
  })

  it('finds unbalanced quotes and brackets', () => {
    expect(kinds('قال «لن نتراجع وغادر (القاعة')).toEqual([
      ['unbalanced', '«'],
      ['unbalanced', '(']
    ])
    expect(kinds('قال «لن» و“نعم” (هنا)')).toEqual([])
  })

  it('checks an article before it is submitted', () => {
    expect(checkSubmission({ title: '', byline: ' ', dateline: 'بيروت' }, 80).map((f) => f.kind)).toEqual(['missing-headline', 'missing-byline'])
    const long = checkSubmission({ title: 'ع'.repeat(91), byline: 'أ', dateline: 'ب' }, 90)
    expect(long.map((f) => f.message)).toEqual(['العنوان 91 حرفًا، والحد على الموقع 90.'])
  })
})
