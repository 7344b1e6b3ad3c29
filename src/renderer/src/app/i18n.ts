import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import ar from './locales/ar'
import en from './locales/en'
import type { Locale } from '@shared/domain/app'

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

const intlTag = (locale: Locale) => (locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB')

/** One formatter per kind and language: building one costs about a millisecond, and the article list formats every row. */
function cached<F>(make: (locale: Locale) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>()
  return (locale) => {
    let f = made.get(locale)
    if (f === undefined) made.set(locale, (f = make(locale)))
    return f
  }
}

const timeFormat = cached((locale) => new Intl.DateTimeFormat(intlTag(locale), { hour: '2-digit', minute: '2-digit', hour12: false }))
const dateTimeFormat = cached((locale) => new Intl.DateTimeFormat(intlTag(locale), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }))
const relativeFormat = cached((locale) => new Intl.RelativeTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en', { numeric: 'auto' }))

/** Times like 12:04 in Latin digits, as newsrooms write them. */
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
