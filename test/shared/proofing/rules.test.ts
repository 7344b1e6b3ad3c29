import { describe, expect, it } from 'vitest'
import { checkSubmission, checkText } from '@shared/proofing/rules'

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
