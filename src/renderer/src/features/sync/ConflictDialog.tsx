import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SyncConflict } from '@shared/domain/sync'

type Pick = 'local' | 'remote' | 'both'

interface Props {
  conflict: SyncConflict
  onApply: (picks: Pick[], fields: Partial<Record<'title' | 'standfirst' | 'slug', 'local' | 'remote'>>) => void
  onClose: () => void
}

/**
 * Both versions side by side where they overlap, paragraph by paragraph: the
 * reporter's on the inline start, the site's beside it. Only plain text is shown;
 * nothing from the site is rendered as HTML.
 */
export function ConflictDialog({ conflict, onApply, onClose }: Props) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const spots = conflict.chunks.filter((c) => c.kind === 'conflict')
  const [picks, setPicks] = useState<Pick[]>(() => spots.map(() => 'local'))
  const [fields, setFields] = useState<Partial<Record<'title' | 'standfirst' | 'slug', 'local' | 'remote'>>>({})
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  const text = (blocks: string[]) => (blocks.length === 0 ? t('sync.conflict.empty') : blocks.map((b) => conflict.text[b] ?? '').join('\n\n'))
  return (
    <dialog ref={ref} className="conflict-dialog" aria-label={t('sync.conflict.title')} onCancel={onClose} data-testid="conflict-dialog">
      <h2>{t('sync.conflict.title')}</h2>
      <p>{t('sync.conflict.intro')}</p>
      {conflict.fields.map((f) => (
        <fieldset key={f.field} className="conflict-spot">
          <legend>{t(`sync.conflict.fields.${f.field}`)}</legend>
          <div className="conflict-sides">
            <label className={fields[f.field] !== 'remote' ? 'side is-picked' : 'side'}>
              <input type="radio" name={`field-${f.field}`} checked={fields[f.field] !== 'remote'} onChange={() => setFields({ ...fields, [f.field]: 'local' })} />
              <span className="side-label">{t('sync.conflict.mine')}</span>
              <span className="side-text" dir="auto">
                {f.local}
              </span>
            </label>
            <label className={fields[f.field] === 'remote' ? 'side is-picked' : 'side'}>
              <input type="radio" name={`field-${f.field}`} checked={fields[f.field] === 'remote'} onChange={() => setFields({ ...fields, [f.field]: 'remote' })} />
              <span className="side-label">{t('sync.conflict.theirs')}</span>
              <span className="side-text" dir="auto">
                {f.remote}
              </span>
            </label>
          </div>
        </fieldset>
      ))}
      {spots.map((spot, i) =>
        spot.kind === 'conflict' ? (
          <fieldset key={i} className="conflict-spot" data-testid="conflict-spot">
            <div className="conflict-sides">
              {(['local', 'remote'] as const).map((side) => (
                <label key={side} className={picks[i] === side || picks[i] === 'both' ? 'side is-picked' : 'side'}>
                  <input type="radio" name={`spot-${i}`} checked={picks[i] === side} onChange={() => setPicks(picks.map((p, k) => (k === i ? side : p)))} />
                  <span className="side-label">{side === 'local' ? t('sync.conflict.mine') : t('sync.conflict.theirs')}</span>
                  <span className="side-text" dir="auto">
                    {text(side === 'local' ? spot.local : spot.remote)}
                  </span>
                </label>
              ))}
            </div>
            <label className="both">
              <input type="radio" name={`spot-${i}`} checked={picks[i] === 'both'} onChange={() => setPicks(picks.map((p, k) => (k === i ? 'both' : p)))} />
              {t('sync.conflict.both')}
            </label>
          </fieldset>
        ) : null
      )}
      <div className="dialog-actions">
        <button type="button" className="btn-primary" onClick={() => onApply(picks, fields)} data-testid="apply-resolution">
          {t('sync.conflict.apply')}
        </button>
        <button type="button" onClick={onClose}>
          {t('sync.conflict.close')}
        </button>
      </div>
    </dialog>
  )
}
