import { useTranslation } from 'react-i18next'
import { SidePanel } from '../../ui/SidePanel'
import { usePrivateNote } from './usePrivateNote'

/**
 * The reporter's source notes for this article: names, numbers, where a source was met.
 * Said plainly, because it is the promise: they stay on this machine.
 */
export function PrivateNotesPanel({ articleId, onClose }: { articleId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const note = usePrivateNote(articleId)
  return (
    <SidePanel className="notes-panel" title={t('notes.title')} testId="notes-panel" onClose={onClose}>
      <p className="notes-promise">{t('notes.promise')}</p>
      <label className="field">
        <span>{t('notes.label')}</span>
        <textarea
          className="notes-body"
          dir="auto"
          rows={12}
          value={note.body}
          disabled={note.state === 'loading'}
          maxLength={100_000}
          onChange={(e) => note.change(e.target.value)}
          onBlur={() => void note.save()}
          data-testid="notes-body"
        />
      </label>
      <p className="notes-state" role="status" data-testid="notes-state">
        {t(`notes.state.${note.state}`)}
      </p>
    </SidePanel>
  )
}
