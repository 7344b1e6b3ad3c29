import { useTranslation } from 'react-i18next'
import { DIGITS, MONTH_NAMES } from '@shared/domain/app'
import { formatLongDate } from '../../app/i18n'
import { useDates } from '../../app/dates'
import { UpdatesSection } from '../updates/UpdatesSection'
import { PhotosSection } from '../photos/PhotosSection'
import { NetworkSection } from '../network/NetworkSection'
import { useModal } from '../../ui/useModal'

/**
 * «الإعدادات»: how the Arabic interface writes dates (the newsroom's month names, يناير or
 * كانون الثاني, and digits, 0-9 or ٠-٩, with today shown as it will read), and updates.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { choices, change } = useDates()
  const ref = useModal()
  return (
    <dialog ref={ref} className="confirm-dialog settings-dialog" onCancel={onClose} aria-labelledby="settings-title" data-testid="settings-dialog">
      <h2 id="settings-title">{t('dates.settings')}</h2>
      <section className="settings-section" aria-labelledby="dates-title">
        <h3 id="dates-title">{t('dates.title')}</h3>
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
      </section>
      <NetworkSection />
      <PhotosSection />
      <UpdatesSection />
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          {t('dates.close')}
        </button>
      </div>
    </dialog>
  )
}
