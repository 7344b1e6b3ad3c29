import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UPLOAD_SIDES } from '@shared/domain/app'
import { api, call } from '../../api'
import { useLocale, useNotices } from '../../app/notices'
import { formatNumber } from '../../app/i18n'

/** «الصور المرسلة»: the largest side photos go to the site at (2,048 px by default), or full size; the original stays on the desk. */
export function PhotosSection() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { report } = useNotices()
  const [side, setSide] = useState<number | null>(null)
  useEffect(() => {
    void call(api().settings.get()).then((s) => setSide(s.uploadMaxSide), report)
  }, [report])
  if (side === null) return null
  const choose = (next: number) => {
    setSide(next)
    void call(api().settings.update({ uploadMaxSide: next })).catch(report)
  }
  return (
    <section className="settings-section" aria-labelledby="photos-title">
      <h3 id="photos-title">{t('photos.title')}</h3>
      <label className="field">
        <span>{t('photos.maxSide')}</span>
        <select value={side} onChange={(e) => choose(Number(e.target.value))} data-testid="upload-max-side">
          {UPLOAD_SIDES.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? t('photos.fullSize') : t('photos.pixels', { count: s, value: formatNumber(s, locale) })}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t('photos.hint')}</p>
    </section>
  )
}
