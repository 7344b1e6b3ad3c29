import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Revision, RevisionSummary } from '@shared/domain/article'
import type { RevisionRef, SiteRevision } from '@shared/ipc/contract'
import { api, call } from '../../api'
import { useLocale } from '../../app/notices'
import { formatDateTime } from '../../app/i18n'
import { DiffDialog } from './DiffDialog'
import { SidePanel } from '../../ui/SidePanel'

interface Props {
  articleId: string
  /** Changes whenever a snapshot is taken, to reload the list. */
  version: number
  /** Whether the article is a post on a site (its revisions there are listed too). */
  onSite: boolean
  onRestore: (revisionId: string) => void
  onRestoreSite: (revisionId: number) => void
  onClose: () => void
}

const refKey = (r: RevisionRef) => (r.kind === 'current' ? 'current' : `${r.kind}:${r.id}`)

/** An article's saved versions and the site's: browse them, read one, compare any two, restore one. */
export function RevisionsPanel({ articleId, version, onSite, onRestore, onRestoreSite, onClose }: Props) {
  const locale = useLocale()
  const { t } = useTranslation()
  const [revisions, setRevisions] = useState<RevisionSummary[]>([])
  const [siteRevisions, setSiteRevisions] = useState<SiteRevision[]>([])
  const [selected, setSelected] = useState<Revision | null>(null)
  const [selectedSite, setSelectedSite] = useState<SiteRevision | null>(null)
  const [against, setAgainst] = useState('current')
  const [comparing, setComparing] = useState<{ from: RevisionRef; to: RevisionRef; fromLabel: string; toLabel: string } | null>(null)
  useEffect(() => {
    void call(api().revisions.list({ articleId })).then(setRevisions, () => setRevisions([]))
  }, [articleId, version])
  useEffect(() => {
    if (!onSite) return setSiteRevisions([])
    // Offline, the site's list is simply not there; the local one still is.
    void call(api().revisions.site({ articleId })).then(setSiteRevisions, () => setSiteRevisions([]))
  }, [articleId, version, onSite])

  const label = (ref: RevisionRef): string => {
    if (ref.kind === 'current') return t('revisions.current')
    if (ref.kind === 'local') {
      const r = revisions.find((x) => x.id === ref.id)
      return r === undefined ? '' : `${formatDateTime(r.createdAt, locale)} · ${t(`revisions.reason.${r.reason}`)}`
    }
    const s = siteRevisions.find((x) => x.id === ref.id)
    return s === undefined ? '' : `${formatDateTime(s.createdAt, locale)} · ${t('revisions.fromSite')}`
  }
  const refs: RevisionRef[] = [
    { kind: 'current' },
    ...revisions.map((r) => ({ kind: 'local' as const, id: r.id })),
    ...siteRevisions.map((s) => ({ kind: 'site' as const, id: s.id }))
  ]
  const chosen: RevisionRef | null = selected !== null ? { kind: 'local', id: selected.id } : selectedSite !== null ? { kind: 'site', id: selectedSite.id } : null
  const compare = () => {
    if (chosen === null) return
    const other = refs.find((r) => refKey(r) === against) ?? { kind: 'current' as const }
    // The older one goes first: a snapshot against the article now, or two snapshots by time.
    const time = (r: RevisionRef) =>
      r.kind === 'current' ? Infinity : r.kind === 'local' ? (revisions.find((x) => x.id === r.id)?.createdAt ?? 0) : (siteRevisions.find((x) => x.id === r.id)?.createdAt ?? 0)
    const [from, to] = time(chosen) <= time(other) ? [chosen, other] : [other, chosen]
    setComparing({ from, to, fromLabel: label(from), toLabel: label(to) })
  }

  return (
    <SidePanel className="revisions-panel" title={t('revisions.heading')} onClose={onClose}>
      {revisions.length === 0 ? (
        <p>{t('revisions.none')}</p>
      ) : (
        <ul className="revision-items">
          {revisions.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={selected?.id === r.id ? 'revision is-selected' : 'revision'}
                onClick={() =>
                  void call(api().revisions.get({ id: r.id })).then((rev) => {
                    setSelectedSite(null)
                    setSelected(rev)
                  })
                }
              >
                <span>{formatDateTime(r.createdAt, locale)}</span>
                <span className="revision-reason">{t(`revisions.reason.${r.reason}`)}</span>
                <span>{t('counts.words', { count: r.wordCount })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {siteRevisions.length > 0 && (
        <>
          <h3>{t('revisions.siteHeading')}</h3>
          <ul className="revision-items" data-testid="site-revisions">
            {siteRevisions.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={selectedSite?.id === s.id ? 'revision is-selected' : 'revision'}
                  onClick={() => {
                    setSelected(null)
                    setSelectedSite(s)
                  }}
                >
                  <span>{formatDateTime(s.createdAt, locale)}</span>
                  <span className="revision-reason">{t('revisions.fromSite')}</span>
                  <span>{t('counts.words', { count: s.wordCount })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {chosen !== null && (
        <section className="revision-preview" dir="rtl">
          {selected !== null && (
            <>
              <h3>{selected.title}</h3>
              {selected.standfirst !== '' && <p className="revision-standfirst">{selected.standfirst}</p>}
              <div className="revision-text">{selected.bodyText}</div>
            </>
          )}
          {selectedSite !== null && <h3>{selectedSite.title}</h3>}
          <div className="revision-compare">
            <label className="field">
              <span>{t('revisions.compareWith')}</span>
              <select value={against} onChange={(e) => setAgainst(e.target.value)} data-testid="compare-with">
                {refs
                  .filter((r) => refKey(r) !== refKey(chosen))
                  .map((r) => (
                    <option key={refKey(r)} value={refKey(r)}>
                      {label(r)}
                    </option>
                  ))}
              </select>
            </label>
            <button type="button" onClick={compare} data-testid="compare-revisions">
              {t('revisions.compare')}
            </button>
          </div>
          {selected !== null ? (
            <button type="button" className="btn-primary" onClick={() => onRestore(selected.id)} data-testid="restore-revision">
              {t('revisions.restore')}
            </button>
          ) : (
            <button type="button" className="btn-primary" onClick={() => selectedSite !== null && onRestoreSite(selectedSite.id)} data-testid="restore-site-revision">
              {t('revisions.restoreSite')}
            </button>
          )}
        </section>
      )}
      {comparing !== null && <DiffDialog articleId={articleId} {...comparing} onClose={() => setComparing(null)} />}
    </SidePanel>
  )
}
