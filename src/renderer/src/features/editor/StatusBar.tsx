import { useTranslation } from 'react-i18next'
import { formatTime } from '../../app/i18n'
import { useLocale } from '../../app/notices'
import type { SaveState } from './autosave'
import { ApiError } from '../../api'
import { describeError } from '../../app/errors'
import type { DraftCounts } from './useArticleDraft'

/** Under the article: its counts and whether it is saved, in words. */
export function StatusBar({ counts, saveState }: { counts: DraftCounts; saveState: SaveState }) {
  const { t, i18n } = useTranslation()
  const locale = useLocale()
  // A full disk or a folder gone: its own words (nothing typed from now on is on disk until it is fixed).
  const storage = saveState.kind === 'error' && saveState.error instanceof ApiError && ['DISK_FULL', 'STORAGE_GONE'].includes(saveState.error.error.code)
  const statusText =
    saveState.kind === 'saving'
      ? t('save.saving')
      : saveState.kind === 'error'
        ? storage
          ? t('save.storage', { reason: describeError(saveState.error, t, i18n) })
          : t('save.error', { reason: describeError(saveState.error, t, i18n) })
        : saveState.kind === 'dirty'
          ? t('save.unsaved')
          : saveState.at === null
            ? ''
            : t('save.saved', { time: formatTime(saveState.at, locale) })
  return (
    <footer className="status-bar" aria-live="polite">
      <span data-testid="word-count">{t('counts.words', { count: counts.words })}</span>
      {counts.characters !== null && <span data-testid="char-count">{t('counts.characters', { count: counts.characters })}</span>}
      <span data-testid="reading-time">{t('counts.reading', { count: counts.readingMinutes })}</span>
      <span className={`save-status save-${saveState.kind}`} data-testid="save-status" role="status">
        {statusText}
      </span>
    </footer>
  )
}
