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

/** Days written in words, as dates are read aloud: «الأول» … «الحادي والثلاثين» (genitive and nominative tens). */
const UNITS = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع']
const ORDINAL_DAYS = new Map<string, number>()
UNITS.forEach((u, i) => ORDINAL_DAYS.set(u, i + 1))
ORDINAL_DAYS.set('العاشر', 10)
UNITS.forEach((u, i) => ORDINAL_DAYS.set(`${i === 0 ? 'الحادي' : u} عشر`, 11 + i))
for (const [tens, value] of [
  ['العشرين', 20],
  ['العشرون', 20],
  ['الثلاثين', 30],
  ['الثلاثون', 30]
] as const) {
  ORDINAL_DAYS.set(tens, value)
  UNITS.forEach((u, i) => ORDINAL_DAYS.set(`${i === 0 ? 'الحادي' : u} و${tens}`, value + i + 1))
}
const ORDINAL_BY_NORMAL = new Map([...ORDINAL_DAYS].map(([k, v]) => [normalizeArabic(k), v]))
const ORDINAL_PATTERN = [...ORDINAL_DAYS.keys()].sort((a, b) => b.length - a.length).join('|')

/** Weekdays, Sunday first (Date.getUTCDay's order). */
const WEEKDAYS = [['الأحد'], ['الاثنين', 'الإثنين'], ['الثلاثاء'], ['الأربعاء'], ['الخميس'], ['الجمعة'], ['السبت']]
const WEEKDAY_BY_NORMAL = new Map(WEEKDAYS.flatMap((names, i) => names.map((n) => [normalizeArabic(n), i] as const)))
const WEEKDAY_PATTERN = WEEKDAYS.flat().join('|')
const WEEKDAY_NAMES_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/**
 * A date as news copy writes it: an optional weekday («الخميس»، «يوم الخميس،»), the day in
 * digits (with «الـ» before them or not) or in words, «من» or «من شهر» or «شهر» between day
 * and month, a month name optionally paired after a slash («أيلول / سبتمبر»), and an optional
 * year («2015»، «عام 2015»).
 */
const DATE = new RegExp(
  `(?:(?:يوم\\s+)?(${WEEKDAY_PATTERN})\\s*[،,]?\\s+)?` +
    `(?:(?:الـ\\s*|ال)?(?<![0-9٠-٩۰-۹])(${DIGIT}{1,2})|(?<!\\p{L})(${ORDINAL_PATTERN}))` +
    `\\s+(?:من\\s+)?(?:شهر\\s+)?(${NAME_PATTERN})(?:\\s*/\\s*(${NAME_PATTERN}))?` +
    `(?:\\s*[،,]?\\s+(?:(?:عام|سنة)\\s+)?(${DIGIT}{4}))?(?!${DIGIT})`,
  'gu'
)
/** A date in digits, day first as Arabic copy writes it: 31/9/2015, 31-9-2015, ٣١/٩/٢٠١٥. */
const DIGIT_DATE = new RegExp(`(?<![0-9٠-٩۰-۹/.-])(${DIGIT}{1,2})([/.-])(${DIGIT}{1,2})\\2(${DIGIT}{4})(?![0-9٠-٩۰-۹])`, 'gu')

const toNumber = (digits: string) => Number(normalizeArabic(digits))
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
function daysIn(month: number, year: number | null): number {
  if (month === 2) return year === null || isLeap(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function impossible(start: number, end: number, month: number, day: number, year: number | null, locale: ProofingLocale): Finding | null {
  const max = daysIn(month, year)
  if (day >= 1 && day <= max) return null
  const leapNote = month === 2 && day === 29 && year !== null ? (locale === 'ar' ? ` (${year} ليست كبيسة)` : ` (${year} is not a leap year)`) : ''
  return {
    start,
    end,
    kind: 'impossible-date',
    message: locale === 'ar' ? `تاريخ مستحيل: ${MONTH_NAMES_AR[month]} ${max} يومًا${leapNote}.` : `Impossible date: ${MONTH_NAMES_EN[month]} has ${max} days${leapNote}.`,
    suggestions: []
  }
}

function dates(text: string, locale: ProofingLocale): Finding[] {
  const out: Finding[] = []
  for (const m of text.matchAll(DATE)) {
    const [, weekdayName, digits, words, monthName, pairedName, yearDigits] = m
    const day = digits !== undefined ? toNumber(digits) : ORDINAL_BY_NORMAL.get(normalizeArabic(words!))!
    const first = NAME_TO_MONTH.get(normalizeArabic(monthName!))!
    const second = pairedName === undefined ? null : NAME_TO_MONTH.get(normalizeArabic(pairedName))!
    const year = yearDigits === undefined ? null : toNumber(yearDigits)
    const start = m.index
    const end = start + m[0].length
    if (second !== null && second !== first) {
      out.push({
        start,
        end,
        kind: 'month-mismatch',
        message:
          locale === 'ar'
            ? `«${monthName}» و«${pairedName}» شهران مختلفان: ${MONTH_NAMES_AR[first]} أم ${MONTH_NAMES_AR[second]}؟`
            : `“${monthName}” and “${pairedName}” are different months: ${MONTH_NAMES_EN[first]} or ${MONTH_NAMES_EN[second]}?`,
        suggestions: []
      })
      continue
    }
    const wrong = impossible(start, end, first, day, year, locale)
    if (wrong !== null) {
      out.push(wrong)
      continue
    }
    // A weekday that was not that date's (checked only when the year is given).
    if (weekdayName !== undefined && year !== null) {
      const given = WEEKDAY_BY_NORMAL.get(normalizeArabic(weekdayName))!
      const actual = new Date(Date.UTC(year, first - 1, day)).getUTCDay()
      if (given !== actual)
        out.push({
          start,
          end,
          kind: 'weekday-mismatch',
          message:
            locale === 'ar'
              ? `${day} ${MONTH_NAMES_AR[first]} ${year} كان يوم ${WEEKDAYS[actual]![0]}، لا ${weekdayName}.`
              : `${MONTH_NAMES_EN[first]} ${day}, ${year} was a ${WEEKDAY_NAMES_EN[actual]}, not a ${WEEKDAY_NAMES_EN[given]}.`,
          suggestions: [text.slice(start, end).replace(weekdayName, WEEKDAYS[actual]![0]!)]
        })
    }
  }
  for (const m of text.matchAll(DIGIT_DATE)) {
    const day = toNumber(m[1]!)
    const month = toNumber(m[3]!)
    const year = toNumber(m[4]!)
    const start = m.index
    const end = start + m[0].length
    if (month < 1 || month > 12) {
      out.push({
        start,
        end,
        kind: 'impossible-date',
        message: locale === 'ar' ? `تاريخ مستحيل: لا شهر ${month} (اليوم أولًا ثم الشهر).` : `Impossible date: there is no month ${month} (day first, then month).`,
        suggestions: []
      })
      continue
    }
    const wrong = impossible(start, end, month, day, year, locale)
    if (wrong !== null) out.push(wrong)
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
