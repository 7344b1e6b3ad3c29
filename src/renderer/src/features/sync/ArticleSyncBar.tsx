import { useTranslation } from 'react-i18next'
import type { ArticleStatus } from '@shared/domain/article'
import type { ArticleSyncInfo, Site } from '@shared/domain/sync'

interface Props {
  info: ArticleSyncInfo | undefined
  sites: Site[]
  status: ArticleStatus
  running: boolean
  onAssign: (siteId: string | null) => void
  onSync: () => void
  onShowConflict: () => void
  onRecreate: () => void
}

/** The open article's place on the site: which site, the status asked for, its sync state, and what to do about it. */
export function ArticleSyncBar({ info, sites, status, running, onAssign, onSync, onShowConflict, onRecreate }: Props) {
  const { t } = useTranslation()
  const state = info?.state ?? 'local'
  return (
    <section className="article-sync" aria-label={t('sync.title')}>
      <label className="field">
        <span>{t('sync.site')}</span>
        <select value={info?.siteId ?? ''} onChange={(e) => onAssign(e.target.value === '' ? null : e.target.value)} disabled={info?.remoteId != null} data-testid="article-site">
          <option value="">{t('sync.noSite')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <p className="field">
        <span>{t('sync.askStatus')}</span>{' '}
        <span className={`status-badge status-${status}`} data-testid="article-status">
          {t(`status.${status}`)}
        </span>
      </p>
      <p className="sync-state">
        <span className={`sync-badge sync-${state}`} data-testid="article-sync-state">
          {t(`sync.states.${state}`)}
        </span>
        {info?.error != null && <span className="sync-error"> {t(`sync.reasons.${info.error.code}`)}</span>}
      </p>
      {state === 'conflict' && (
        <button type="button" className="btn-primary" onClick={onShowConflict} data-testid="show-conflict">
          {t('sync.conflict.open')}
        </button>
      )}
      {state === 'deleted_on_site' && (
        <p className="sync-deleted">
          {t('sync.deleted.notice')}{' '}
          <button type="button" onClick={onRecreate}>
            {t('sync.deleted.recreate')}
          </button>
        </p>
      )}
      {info?.siteId != null && (
        <button type="button" onClick={onSync} disabled={running || state === 'conflict'} data-testid="sync-article">
          {t('sync.syncThis')}
        </button>
      )}
    </section>
  )
}
