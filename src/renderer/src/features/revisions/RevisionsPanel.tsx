import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Revision, RevisionSummary } from '../../../../shared/domain/article'
import type { Locale } from '../../../../shared/domain/app'
import { api, call } from '../../api'
import { formatDateTime } from '../../app/i18n'

interface Props {
  articleId: string
  locale: Locale
  /** Changes whenever a snapshot is taken, to reload the list. */
  version: number
  onRestore: (revisionId: string) => void
  onClose: () => void
}

/** An article's saved versions: browse them, read one, restore it. */
export function RevisionsPanel({ articleId, locale, version, onRestore, onClose }: Props) {
  const { t } = useTranslation()
  const [revisions, setRevisions] = useState<RevisionSummary[]>([])
  const [selected, setSelected] = useState<Revision | null>(null)
  useEffect(() => {
    void call(api().revisions.list({ articleId })).then(setRevisions, () => setRevisions([]))
  }, [articleId, version])
  return (
    <aside className="revisions-panel" aria-label={t('revisions.heading')}>
      <header className="panel-head">
        <h2>{t('revisions.heading')}</h2>
        <button type="button" onClick={onClose}>{t('revisions.close')}</button>
      </header>
      {revisions.length === 0 ? (
        <p>{t('revisions.none')}</p>
      ) : (
        <ul className="revision-items">
          {revisions.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={selected?.id === r.id ? 'revision is-selected' : 'revision'}
                onClick={() => void call(api().revisions.get({ id: r.id })).then(setSelected)}
              >
                <span>{formatDateTime(r.createdAt, locale)}</span>
                <span className="revision-reason">{t(`revisions.reason.${r.reason}`)}</span>
                <span>{t('counts.words', { count: r.wordCount })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected !== null && (
        <section className="revision-preview" dir="rtl">
          <h3>{selected.title}</h3>
          {selected.standfirst !== '' && <p className="revision-standfirst">{selected.standfirst}</p>}
          <div className="revision-text">{selected.bodyText}</div>
          <button type="button" className="btn-primary" onClick={() => onRestore(selected.id)} data-testid="restore-revision">
            {t('revisions.restore')}
          </button>
        </section>
      )}
    </aside>
  )
}
