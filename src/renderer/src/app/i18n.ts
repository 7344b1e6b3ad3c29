import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import ar from './locales/ar'
import en from './locales/en'
import type { Locale, Settings } from '@shared/domain/app'

/** i18next with Arabic as the default; direction follows the interface language. */
export async function initI18n(locale: Locale = 'ar'): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources: { ar: { translation: ar }, en: { translation: en } },
      lng: locale,
      fallbackLng: 'ar',
      interpolation: { escapeValue: false },
      returnNull: false
    })
  } else if (i18next.language !== locale) {
    await i18next.changeLanguage(locale)
  }
  applyDocumentDirection(locale)
  return i18next
}

export function applyDocumentDirection(locale: Locale): void {
  document.documentElement.lang = locale
  document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr'
}

export async function switchLocale(locale: Locale): Promise<void> {
  await i18next.changeLanguage(locale)
  applyDocumentDirection(locale)
}

/** The newsroom's choices for dates in the Arabic interface (the English one is en-GB whatever they are). */
let choices: Pick<Settings, 'monthNames' | 'digits'> = { monthNames: 'western', digits: 'latn' }

/** Sets the month names and digits every date, time and figure of the interface is written with. */
export function setDateChoices(next: Pick<Settings, 'monthNames' | 'digits'>): void {
  choices = { monthNames: next.monthNames, digits: next.digits }
}

/**
 * The BCP 47 tag Intl formats with: CLDR's Levantine Arabic (ar-SY) names the months
 * كانون الثاني… and Egyptian Arabic (ar-EG) يناير…; the digits are a Unicode extension.
 */
export function intlTag(locale: Locale): string {
  if (locale === 'en') return 'en-GB'
  return `${choices.monthNames === 'levantine' ? 'ar-SY' : 'ar-EG'}-u-nu-${choices.digits}`
}

/** One formatter per kind and tag: building one costs about a millisecond, and the article list formats every row. */
function cached<F>(make: (tag: string) => F): (locale: Locale) => F {
  const made = new Map<string, F>()
  return (locale) => {
    const tag = intlTag(locale)
    let f = made.get(tag)
    if (f === undefined) made.set(tag, (f = make(tag)))
    return f
  }
}

const timeFormat = cached((tag) => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hour12: false }))
const dateTimeFormat = cached((tag) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }))
const relativeFormat = cached((tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }))
const longDateFormat = cached((tag) => new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }))
const numberFormat = cached((tag) => new Intl.NumberFormat(tag, { useGrouping: false }))
const twoDigitFormat = cached((tag) => new Intl.NumberFormat(tag, { useGrouping: false, minimumIntegerDigits: 2 }))

/** «الخميس، 3 أيلول 2026»: a day as the interface writes it. */
export function formatLongDate(at: Date, locale: Locale): string {
  return longDateFormat(locale).format(at)
}

/** A figure (a day, a percentage) in the interface's digits; `twoDigits` for hours and minutes (09, ٠٩). */
export function formatNumber(n: number, locale: Locale, twoDigits = false): string {
  return (twoDigits ? twoDigitFormat : numberFormat)(locale).format(n)
}

/** Times like 12:04, in the digits the newsroom chose. */
export function formatTime(at: number, locale: Locale): string {
  return timeFormat(locale).format(at)
}

export function formatDateTime(at: number, locale: Locale): string {
  return dateTimeFormat(locale).format(at)
}

/** "5 minutes ago" style, in the interface language. */
export function formatRelative(at: number, now: number, locale: Locale): string {
  const rtf = relativeFormat(locale)
  const seconds = Math.round((at - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(0, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day')
  return formatDateTime(at, locale)
}
