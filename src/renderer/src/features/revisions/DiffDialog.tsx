import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RevisionDiff, RevisionRef } from '@shared/ipc/contract'
import type { DiffPart } from '@shared/review/diff'
import { sideBySide } from '@shared/review/diff'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'

interface Props {
  articleId: string
  from: RevisionRef
  to: RevisionRef
  fromLabel: string
  toLabel: string
  onClose: () => void
}

function Parts({ parts, testId }: { parts: DiffPart[]; testId?: string }) {
  return (
    <div className="diff-text" dir="auto" data-testid={testId}>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} className="diff-added">
            {p.text}
          </ins>
        ) : (
          <del key={i} className="diff-removed">
            {p.text}
          </del>
        )
      )}
    </div>
  )
}

/** Two versions compared word by word: inline, or side by side (the older at the start side, the newer beside it). */
export function DiffDialog({ articleId, from, to, fromLabel, toLabel, onClose }: Props) {
  const { report: onError } = useNotices()
  const { t } = useTranslation()
  const [ignoreMarks, setIgnoreMarks] = useState(false)
  const [view, setView] = useState<'inline' | 'side'>('inline')
  const [diff, setDiff] = useState<RevisionDiff | null>(null)
  useEffect(() => {
    void call(api().revisions.diff({ articleId, from, to, ignoreMarks })).then(setDiff, onError)
  }, [articleId, from, to, ignoreMarks, onError])
  const fields = diff === null ? [] : (['title', 'standfirst', 'body'] as const).filter((f) => diff[f].some((p) => p.kind !== 'same') || (f === 'body' && diff[f].length > 0))
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className="dialog diff-dialog" role="dialog" aria-modal="true" aria-label={t('revisions.diffTitle')} dir="rtl" data-testid="diff-dialog">
        <header className="panel-head">
          <h2>{t('revisions.diffTitle')}</h2>
          <button type="button" onClick={onClose}>
            {t('revisions.close')}
          </button>
        </header>
        <p className="diff-sides">
          <span className="diff-removed-label">{fromLabel}</span> ← <span className="diff-added-label">{toLabel}</span>
        </p>
        <div className="diff-options">
          <label>
            <input type="checkbox" checked={ignoreMarks} onChange={(e) => setIgnoreMarks(e.target.checked)} data-testid="diff-ignore-marks" /> {t('revisions.ignoreMarks')}
          </label>
          <span role="radiogroup" className="diff-view">
            <button type="button" aria-pressed={view === 'inline'} onClick={() => setView('inline')} data-testid="diff-inline">
              {t('revisions.inline')}
            </button>
            <button type="button" aria-pressed={view === 'side'} onClick={() => setView('side')} data-testid="diff-side">
              {t('revisions.sideBySide')}
            </button>
          </span>
          {diff !== null && (
            <span className="diff-stats" data-testid="diff-stats">
              {t('revisions.stats', { added: diff.added, removed: diff.removed })}
            </span>
          )}
        </div>
        {diff !== null && diff.added === 0 && diff.removed === 0 && <p className="review-empty">{t('revisions.noChange')}</p>}
        {diff !== null &&
          fields.map((f) => (
            <section key={f} className="diff-field">
              <h3>{t(`revisions.${f}`)}</h3>
              {view === 'inline' ? (
                <Parts parts={diff[f]} testId={`diff-${f}`} />
              ) : (
                <div className="diff-columns">
                  <div>
                    <h4>{t('revisions.older')}</h4>
                    <Parts parts={sideBySide(diff[f]).before} testId={`diff-${f}-before`} />
                  </div>
                  <div>
                    <h4>{t('revisions.newer')}</h4>
                    <Parts parts={sideBySide(diff[f]).after} testId={`diff-${f}-after`} />
                  </div>
                </div>
              )}
            </section>
          ))}
      </div>
    </div>
  )
}
