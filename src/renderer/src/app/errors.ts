import type { TFunction, i18n as I18n } from 'i18next'
import { ApiError } from '../api'

/**
 * The one way an error becomes words for the person: a refusal with a reason says
 * why in the reason's own words (review rules, bundle problems, sync reasons); any
 * other error from main says its code's words and its detail.
 */
export function describeError(error: unknown, t: TFunction, i18n: I18n): string {
  if (!(error instanceof ApiError)) return String(error)
  const reason = error.error.reason
  if (reason === undefined) return `${t(`errors.${error.error.code}`)} — ${error.message}`
  for (const family of ['review.refusals', 'bundle.problems', 'image.problems', 'security.problems', 'sync.reasons'] as const) {
    // A reason is a code main sends; whether it has words is known only here, at run time.
    const key = `${family}.${reason}`
    if (i18n.exists(key)) return String(t(key as 'sync.reasons.cancelled'))
  }
  return `${t(`errors.${error.error.code}`)} — ${error.message}`
}
