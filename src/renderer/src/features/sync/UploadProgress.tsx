import { useTranslation } from 'react-i18next'
import type { Locale } from '@shared/domain/app'
import type { SyncProgress } from '@shared/domain/sync'
import { formatNumber } from '../../app/i18n'

/** Megabytes with one decimal, in the interface's digits. */
const mb = (bytes: number, locale: Locale) => formatNumber(Math.round((bytes / 2 ** 20) * 10) / 10, locale)

/**
 * What is left to send and, at the speed measured so far in this run, about how long it will take:
 * on a slow uplink the reporter knows whether to wait or come back («الوقت المتبقي»).
 */
export function UploadProgress({ progress, locale }: { progress: SyncProgress; locale: Locale }) {
  const { t } = useTranslation()
  if (progress.bytesTotal <= 0) return null
  const left = Math.max(0, progress.bytesTotal - progress.bytesDone)
  const seconds = progress.startedAt === null || progress.updatedAt === null ? 0 : (progress.updatedAt - progress.startedAt) / 1000
  const rate = seconds > 2 && progress.bytesDone > 0 ? progress.bytesDone / seconds : null
  const minutes = rate === null || left === 0 ? null : Math.max(1, Math.ceil(left / rate / 60))
  return (
    <label className="field">
      <span>{t('sync.progressBytes')}</span>
      <progress max={1} value={progress.bytesDone / progress.bytesTotal} />
      <small data-testid="upload-left">
        {t('sync.bytesOf', { done: mb(progress.bytesDone, locale), total: mb(progress.bytesTotal, locale) })}
        {progress.running && minutes !== null && <> · {t('sync.timeLeft', { count: minutes, value: formatNumber(minutes, locale) })}</>}
      </small>
    </label>
  )
}
