import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { DIGITS, MONTH_NAMES } from '@shared/domain/app'
import { formatLongDate } from '../../app/i18n'
import { useDates } from '../../app/dates'

/**
 * How the Arabic interface writes dates: the newsroom's month names (يناير or كانون الثاني)
 * and digits (0-9 or ٠-٩), with today's date shown as it will read.
 */
export function DatesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { choices, change } = useDates()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog !== null && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog ref={ref} className="confirm-dialog dates-dialog" onCancel={onClose} aria-labelledby="dates-title" data-testid="dates-dialog">
      <h2 id="dates-title">{t('dates.title')}</h2>
      <label className="field">
        <span>{t('dates.monthNames')}</span>
        <select value={choices.monthNames} onChange={(e) => change({ monthNames: e.target.value as (typeof MONTH_NAMES)[number] })} data-testid="month-names">
          {MONTH_NAMES.map((m) => (
            <option key={m} value={m}>
              {t(`dates.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('dates.digits')}</span>
        <select value={choices.digits} onChange={(e) => change({ digits: e.target.value as (typeof DIGITS)[number] })} data-testid="digits">
          {DIGITS.map((d) => (
            <option key={d} value={d}>
              {t(`dates.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="dates-example">
        {t('dates.example')}: <span data-testid="dates-example">{formatLongDate(new Date(), 'ar')}</span>
      </p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          {t('dates.close')}
        </button>
      </div>
    </dialog>
  )
}
