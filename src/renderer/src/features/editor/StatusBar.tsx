import { useTranslation } from 'react-i18next'
import { formatTime } from '../../app/i18n'
import { useLocale } from '../../app/notices'
import type { SaveState } from './autosave'
import type { DraftCounts } from './useArticleDraft'

/** Under the article: its counts and whether it is saved, in words. */
export function StatusBar({ counts, saveState }: { counts: DraftCounts; saveState: SaveState }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const statusText =
    saveState.kind === 'saving'
      ? t('save.saving')
      : saveState.kind === 'error'
        ? t('save.error', { reason: saveState.message })
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
