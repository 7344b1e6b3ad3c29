import type { TFunction, i18n as I18n } from 'i18next'
import { ApiError } from '../api'

/**
 * The one way an error becomes words for the person: a refusal with a reason says
 * why in the reason's own words (review rules, bundle problems, sync reasons); any
 * other error from main says its code's words, and in the English interface its detail
 * (a library's English words never reach the Arabic one).
 */
export function describeError(error: unknown, t: TFunction, i18n: I18n): string {
  if (!(error instanceof ApiError)) return i18n.language === 'en' ? String(error) : String(t('errors.INTERNAL'))
  const reason = error.error.reason
  if (reason === undefined) return withDetail(error, t, i18n)
  for (const family of ['review.refusals', 'bundle.problems', 'image.problems', 'security.problems', 'sync.reasons'] as const) {
    // A reason is a code main sends; whether it has words is known only here, at run time.
    const key = `${family}.${reason}`
    if (i18n.exists(key)) return String(t(key as 'sync.reasons.cancelled'))
  }
  return withDetail(error, t, i18n)
}

/** The code's words; the detail (main's own English) only where the interface is English, and never for a full disk or a folder gone, whose words say it all. */
function withDetail(error: ApiError, t: TFunction, i18n: I18n): string {
  const words = String(t(`errors.${error.error.code}`))
  if (i18n.language !== 'en' || error.error.code === 'DISK_FULL' || error.error.code === 'STORAGE_GONE') return words
  return `${words} — ${error.message}`
}
