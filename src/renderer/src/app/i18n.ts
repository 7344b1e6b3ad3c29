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

/** Times like 12:04 in Latin digits, as newsrooms write them. */
export function formatTime(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(at)
}

export function formatDateTime(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false
  }).format(at)
}

/** "5 minutes ago" style, in the interface language. */
export function formatRelative(at: number, now: number, locale: Locale): string {
  const rtf = new Intl.RelativeTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en', { numeric: 'auto' })
  const seconds = Math.round((at - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(0, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  if (abs < 7 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day')
  return formatDateTime(at, locale)
}
