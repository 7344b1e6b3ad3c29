import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '@shared/domain/app'
import type { RemotePostSummary, Site } from '@shared/domain/sync'
import { api, call, ApiError } from '../../api'
import { useLocale } from '../../app/notices'
import { describeError } from '../../app/errors'
import { formatDateTime } from '../../app/i18n'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import type { SyncModel } from './useSync'
import { SidePanel } from '../../ui/SidePanel'
import { UploadProgress } from './UploadProgress'

interface Props {
  model: SyncModel
  /** The open article's site and sync state: shown here while the panel hides the column it usually sits in. */
  article?: ReactNode
  onSyncAll: () => void
  onImported: () => void
  onClose: () => void
}

/** Words for a failure from main, as the desk describes every error. */
function useFailureText() {
  const { t, i18n } = useTranslation()
  return (error: unknown): string => describeError(error, t, i18n)
}

function SiteCard({ site, locale, onRemove }: { site: Site; locale: Locale; onRemove: () => void }) {
  const { t } = useTranslation()
  return (
    <li className="site-card" data-testid="site">
      <strong className="site-name" dir="auto">
        {site.name}
      </strong>
      <span className="site-url">
        <bdi dir="ltr">{site.url}</bdi>
      </span>
      <span>{t('sync.signedInAs', { name: site.displayName })}</span>
      <span className="site-last">{site.lastSyncAt === null ? t('sync.never') : t('sync.lastSync', { when: formatDateTime(site.lastSyncAt, locale) })}</span>
      {!site.capabilities.publish_posts && <span className="site-warning">{t('sync.capabilityMissing.publish_posts')}</span>}
      {!site.capabilities.upload_files && <span className="site-warning">{t('sync.capabilityMissing.upload_files')}</span>}
      {site.secretStorage === 'plain' && <span className="site-warning">{t('sync.plainText')}</span>}
      <button type="button" className="btn-link" onClick={onRemove}>
        {t('sync.removeSite')}
      </button>
    </li>
  )
}

function AddSiteForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation()
  const failureText = useFailureText()
  const [url, setUrl] = useState('')
  const [username, setUsername] = useState('')
  const [appPassword, setAppPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [askPlain, setAskPlain] = useState(false)

  const submit = async (allowPlainText = false) => {
    setBusy(true)
    setError(null)
    try {
      await call(api().sites.add({ url, username, appPassword, allowPlainText }))
      setUrl('')
      setUsername('')
      setAppPassword('')
      onAdded()
    } catch (e) {
      if (e instanceof ApiError && e.error.reason === 'insecure_storage') setAskPlain(true)
      else setError(failureText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="site-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h3>{t('sync.addSite')}</h3>
      <label className="field">
        <span>{t('sync.address')}</span>
        <input name="site-url" dir="ltr" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com" required />
      </label>
      <label className="field">
        <span>{t('sync.username')}</span>
        <input name="site-user" dir="ltr" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label className="field">
        <span>{t('sync.appPassword')}</span>
        <input name="site-password" dir="ltr" type="password" autoComplete="off" value={appPassword} onChange={(e) => setAppPassword(e.target.value)} required />
        <small className="hint">{t('sync.appPasswordHint')}</small>
      </label>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={busy} data-testid="add-site">
        {busy ? t('sync.checking') : t('sync.signIn')}
      </button>
      {askPlain && (
        <ConfirmDialog
          title={t('sync.plainStorage.title')}
          body={t('sync.plainStorage.body')}
          confirm={t('sync.plainStorage.confirm')}
          cancel={t('list.cancel')}
          onCancel={() => setAskPlain(false)}
          onConfirm={() => {
            setAskPlain(false)
            void submit(true)
          }}
        />
      )}
    </form>
  )
}

function ImportSection({ site, onImported }: { site: Site; onImported: () => void }) {
  const { t } = useTranslation()
  const failureText = useFailureText()
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<'' | 'publish' | 'future' | 'draft' | 'pending' | 'private'>('')
  const [posts, setPosts] = useState<RemotePostSummary[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const load = async () => {
    try {
      setPosts(await call(api().sync.browse({ siteId: site.id, search: search.trim() === '' ? undefined : search.trim(), status: status === '' ? undefined : status })))
    } catch (e) {
      setMessage(failureText(e))
    }
  }
  const importIds = async (remoteIds?: number[]) => {
    try {
      const { imported } = await call(api().sync.import({ siteId: site.id, remoteIds }))
      setMessage(t('sync.importing.done', { count: imported }))
      onImported()
      await load()
    } catch (e) {
      setMessage(failureText(e))
    }
  }
  return (
    <section className="import-section">
      <h3>{t('sync.importing.title')}</h3>
      <div className="import-search">
        <input
          type="search"
          dir="rtl"
          aria-label={t('sync.importing.search')}
          placeholder={t('sync.importing.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label={t('sync.importing.status')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">{t('list.allStatuses')}</option>
          {(['publish', 'future', 'draft', 'pending', 'private'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`sync.remoteStatus.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void load()} data-testid="browse-site">
          {t('sync.importing.show')}
        </button>
        <button type="button" onClick={() => void importIds()}>
          {t('sync.importing.allNew')}
        </button>
      </div>
      {message !== null && <p role="status">{message}</p>}
      {posts !== null && (
        <ul className="remote-posts">
          {posts.map((p) => (
            <li key={p.remoteId}>
              <span dir="auto">{p.title}</span>
              <span className="remote-status">{t(`sync.remoteStatus.${p.status}`, { defaultValue: p.status })}</span>
              {p.articleId === null ? (
                <button type="button" onClick={() => void importIds([p.remoteId])}>
                  {t('sync.importing.one')}
                </button>
              ) : (
                <span className="remote-have">{t('sync.importing.already')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Sites, «sync all» with its progress, what failed and why, and import. */
export function SyncPanel({ model, article, onSyncAll, onImported, onClose }: Props) {
  const locale = useLocale()
  const { t } = useTranslation()
  const { sites, progress } = model
  const running = progress?.running === true
  return (
    <SidePanel className="sync-panel" title={t('sync.title')} testId="sync-panel" onClose={onClose}>
      {article !== undefined && article !== null && (
        <section className="sync-this-article">
          <h3>{t('sync.thisArticle')}</h3>
          {article}
        </section>
      )}
      <section>
        <h3>{t('sync.sites')}</h3>
        {sites.length === 0 ? (
          <p>{t('sync.noSites')}</p>
        ) : (
          <ul className="site-list">
            {sites.map((s) => (
              <SiteCard key={s.id} site={s} locale={locale} onRemove={() => void call(api().sites.remove({ id: s.id })).then(model.reload)} />
            ))}
          </ul>
        )}
      </section>
      {sites.length > 0 && (
        <section className="sync-run">
          {running ? (
            <button type="button" className="btn-danger" onClick={() => void api().sync.cancel()} data-testid="cancel-sync">
              {t('sync.cancel')}
            </button>
          ) : (
            <button type="button" className="btn-primary" onClick={onSyncAll} data-testid="sync-all">
              {t('sync.syncAll')}
            </button>
          )}
          {progress !== null && progress.startedAt !== null && (
            <div className="sync-progress" role="status" aria-live="polite">
              <p>
                {running ? t('sync.running', { current: progress.current ?? '…' }) : progress.cancelled ? t('sync.cancelled') : t('sync.finished')}{' '}
                {t('sync.progressArticles', { done: progress.articlesDone, total: progress.articlesTotal })}
              </p>
              <UploadProgress progress={progress} locale={locale} />
              {progress.removedCopies > 0 && <p className="sync-removed">{t('sync.removedCopies', { count: progress.removedCopies })}</p>}
              {progress.failures.length > 0 && (
                <div className="sync-failures">
                  <p>{t('sync.failures')}</p>
                  <ul>
                    {progress.failures.map((f) => (
                      <li key={f.articleId}>
                        <span dir="auto">«{f.title || t('list.untitled')}»</span> — {t(`sync.reasons.${f.error.code}`)}
                        {/* The site's own words are English: shown in the English interface only. */}
                        {f.error.detail !== '' && locale === 'en' && (
                          <small className="failure-detail" dir="auto">
                            {' '}
                            ({f.error.detail})
                          </small>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
        </section>
      )}
      <AddSiteForm onAdded={() => void model.reload()} />
      {sites[0] !== undefined && <ImportSection site={sites[0]} onImported={onImported} />}
    </SidePanel>
  )
}
