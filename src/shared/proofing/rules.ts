import { normalizeArabic } from '../arabic/normalize'
import type { Finding } from './findings'

/**
 * Editorial checks on news copy, pure: impossible dates (Western and Levantine month
 * names, alone or paired as «فبراير/ شباط», the day in any digit system), repeated
 * words, Latin punctuation in Arabic text, both digit systems in one text, double
 * spaces, unbalanced quotes and brackets; and, for an article about to be submitted,
 * a missing headline, byline or dateline and a headline too long for the site.
 * Messages are Arabic (the newsroom's language) or English.
 */

export type ProofingLocale = 'ar' | 'en'

/** Month number → its names, Western (Egyptian/Gulf usage) and Levantine. */
const MONTHS: { month: number; names: string[] }[] = [
  { month: 1, names: ['يناير', 'كانون الثاني'] },
  { month: 2, names: ['فبراير', 'شباط'] },
  { month: 3, names: ['مارس', 'آذار'] },
  { month: 4, names: ['أبريل', 'ابريل', 'إبريل', 'نيسان'] },
  { month: 5, names: ['مايو', 'أيار'] },
  { month: 6, names: ['يونيو', 'يونيه', 'حزيران'] },
  { month: 7, names: ['يوليو', 'يوليه', 'تموز'] },
  { month: 8, names: ['أغسطس', 'اغسطس', 'آب'] },
  { month: 9, names: ['سبتمبر', 'أيلول'] },
  { month: 10, names: ['أكتوبر', 'اكتوبر', 'تشرين الأول'] },
  { month: 11, names: ['نوفمبر', 'تشرين الثاني'] },
  { month: 12, names: ['ديسمبر', 'كانون الأول'] }
]

const NAME_TO_MONTH = new Map<string, number>()
for (const m of MONTHS) for (const n of m.names) NAME_TO_MONTH.set(normalizeArabic(n), m.month)

const MONTH_NAMES_AR = [
  '',
  'يناير/كانون الثاني',
  'فبراير/شباط',
  'مارس/آذار',
  'أبريل/نيسان',
  'مايو/أيار',
  'يونيو/حزيران',
  'يوليو/تموز',
  'أغسطس/آب',
  'سبتمبر/أيلول',
  'أكتوبر/تشرين الأول',
  'نوفمبر/تشرين الثاني',
  'ديسمبر/كانون الأول'
]
const MONTH_NAMES_EN = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

// Longest names first, so «تشرين الأول» wins over nothing shorter and «كانون الثاني» is one name.
const NAME_PATTERN = [...MONTHS.flatMap((m) => m.names)].sort((a, b) => b.length - a.length).join('|')
const DIGIT = '[0-9٠-٩۰-۹]'
/** A day, a month name, optionally «/ other name», optionally a year. */
const DATE = new RegExp(`(?<![0-9٠-٩۰-۹])(${DIGIT}{1,2})\\s+(${NAME_PATTERN})(?:\\s*/\\s*(${NAME_PATTERN}))?(?:\\s+(${DIGIT}{4}))?`, 'gu')

const toNumber = (digits: string) => Number(normalizeArabic(digits))
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
function daysIn(month: number, year: number | null): number {
  if (month === 2) return year === null || isLeap(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function dates(text: string, locale: ProofingLocale): Finding[] {
  const out: Finding[] = []
  for (const m of text.matchAll(DATE)) {
    const day = toNumber(m[1]!)
    const first = NAME_TO_MONTH.get(normalizeArabic(m[2]!))!
    const second = m[3] === undefined ? null : NAME_TO_MONTH.get(normalizeArabic(m[3]))!
    const year = m[4] === undefined ? null : toNumber(m[4])
    const start = m.index
    const end = start + m[0].length
    if (second !== null && second !== first) {
      out.push({
        start,
        end,
        kind: 'month-mismatch',
        message:
          locale === 'ar'
            ? `«${m[2]}» و«${m[3]}» شهران مختلفان: ${MONTH_NAMES_AR[first]} أم ${MONTH_NAMES_AR[second]}؟`
            : `“${m[2]}” and “${m[3]}” are different months: ${MONTH_NAMES_EN[first]} or ${MONTH_NAMES_EN[second]}?`,
        suggestions: []
      })
      continue
    }
    const max = daysIn(first, year)
    if (day < 1 || day > max) {
      const leapNote = first === 2 && day === 29 && year !== null ? (locale === 'ar' ? ` (${year} ليست كبيسة)` : ` (${year} is not a leap year)`) : ''
      out.push({
        start,
        end,
        kind: 'impossible-date',
        message: locale === 'ar' ? `تاريخ مستحيل: ${MONTH_NAMES_AR[first]} ${max} يومًا${leapNote}.` : `Impossible date: ${MONTH_NAMES_EN[first]} has ${max} days${leapNote}.`,
        suggestions: []
      })
    }
  }
  return out
}

const WORD = /[\p{L}\p{M}\u0640]+/gu

function repeatedWords(text: string, locale: ProofingLocale): Finding[] {
  const out: Finding[] = []
  let prev: { word: string; norm: string; start: number; end: number } | null = null
  for (const m of text.matchAll(WORD)) {
    const cur = { word: m[0], norm: normalizeArabic(m[0]).toLowerCase(), start: m.index, end: m.index + m[0].length }
    // Only words separated by spaces count: «في، في» is a list, not a slip.
    if (prev !== null && prev.norm === cur.norm && /^[ \u00a0]+$/.test(text.slice(prev.end, cur.start))) {
      out.push({
        start: prev.start,
        end: cur.end,
        kind: 'repeated-word',
        message: locale === 'ar' ? `كلمة مكررة: «${cur.word}».` : `Repeated word: “${cur.word}”.`,
        suggestions: [prev.word]
      })
    }
    prev = cur
  }
  return out
}

const ARABIC = /[\u0600-\u06FF]/
const LATIN_TO_ARABIC: Record<string, string> = { ',': '،', '?': '؟', ';': '؛' }

function latinPunctuation(text: string, locale: ProofingLocale): Finding[] {
  const out: Finding[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const arabic = LATIN_TO_ARABIC[ch]
    if (arabic === undefined) continue
    // Between digits it is a number (3,5); it must follow Arabic to be Arabic punctuation.
    let b = i - 1
    while (b >= 0 && text[b] === ' ') b--
    let a = i + 1
    while (a < text.length && text[a] === ' ') a++
    const before = text[b] ?? ''
    const after = text[a] ?? ''
    if (/[0-9]/.test(before) && /[0-9]/.test(after)) continue
    if (!ARABIC.test(before) || (after !== '' && !ARABIC.test(after) && !/[\s«(“"]/.test(after) && after !== '\n')) continue
    out.push({
      start: i,
      end: i + 1,
      kind: 'latin-punctuation',
      message: locale === 'ar' ? `علامة لاتينية «${ch}» في نص عربي: «${arabic}».` : `Latin “${ch}” in Arabic text: use “${arabic}”.`,
      suggestions: [arabic]
    })
  }
  return out
}

const WESTERN = /[0-9]+/g
const EASTERN = /[٠-٩۰-۹]+/g

function mixedDigits(text: string, locale: ProofingLocale): Finding[] {
  const western = [...text.matchAll(WESTERN)]
  const eastern = [...text.matchAll(EASTERN)]
  if (western.length === 0 || eastern.length === 0) return []
  // The fewer ones are the odd ones out; the fix writes them the way the rest are written.
  const minority = eastern.length <= western.length ? eastern : western
  const toWestern = minority === eastern
  return minority.map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: 'mixed-digits' as const,
    message:
      locale === 'ar'
        ? `النص يكتب الأرقام بنظامين؛ أغلبه ${toWestern ? 'بالأرقام 0-9' : 'بالأرقام ٠-٩'}.`
        : `The text writes numbers in two digit systems; most of it uses ${toWestern ? '0–9' : '٠–٩'}.`,
    suggestions: [toWestern ? normalizeArabic(m[0]) : m[0].replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)))]
  }))
}

function doubleSpaces(text: string, locale: ProofingLocale): Finding[] {
  return [...text.matchAll(/ {2,}/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: 'double-space' as const,
    message: locale === 'ar' ? 'مسافة مزدوجة.' : 'Double space.',
    suggestions: [' ']
  }))
}

const PAIRS: [string, string][] = [
  ['«', '»'],
  ['“', '”'],
  ['(', ')']
]

function unbalanced(text: string, locale: ProofingLocale): Finding[] {
  const out: Finding[] = []
  for (const [open, close] of PAIRS) {
    const stack: number[] = []
    for (let i = 0; i < text.length; i++) {
      if (text[i] === open) stack.push(i)
      else if (text[i] === close) {
        if (stack.length > 0) stack.pop()
        else
          out.push({
            start: i,
            end: i + 1,
            kind: 'unbalanced',
            message: locale === 'ar' ? `«${close}» بلا «${open}» يقابلها.` : `“${close}” without a matching “${open}”.`,
            suggestions: []
          })
      }
    }
    for (const i of stack) out.push({ start: i, end: i + 1, kind: 'unbalanced', message: locale === 'ar' ? `«${open}» لا تُغلق.` : `“${open}” is never closed.`, suggestions: [] })
  }
  return out
}

/** The checks on a text, in text order. */
export function checkText(text: string, locale: ProofingLocale = 'ar'): Finding[] {
  return [
    ...dates(text, locale),
    ...repeatedWords(text, locale),
    ...latinPunctuation(text, locale),
    ...mixedDigits(text, locale),
    ...doubleSpaces(text, locale),
    ...unbalanced(text, locale)
  ].sort((a, b) => a.start - b.start || a.end - b.end)
}

export interface SubmissionFields {
  title: string
  byline: string
  dateline: string
}

/** What an article lacks before it goes to the desk. */
export function checkSubmission(article: SubmissionFields, headlineLimit: number, locale: ProofingLocale = 'ar'): Finding[] {
  const out: Finding[] = []
  const say = (kind: Finding['kind'], ar: string, en: string) => out.push({ start: 0, end: 0, kind, message: locale === 'ar' ? ar : en, suggestions: [] })
  if (article.title.trim() === '') say('missing-headline', 'المادة بلا عنوان.', 'The article has no headline.')
  if (article.byline.trim() === '') say('missing-byline', 'لم يُذكر الكاتب.', 'No byline.')
  if (article.dateline.trim() === '') say('missing-dateline', 'لم يُذكر مكان الكتابة.', 'No dateline.')
  const length = [...article.title.trim()].length
  if (length > headlineLimit)
    say('headline-too-long', `العنوان ${length} حرفًا، والحد على الموقع ${headlineLimit}.`, `The headline is ${length} characters; the site allows ${headlineLimit}.`)
  return out
}
