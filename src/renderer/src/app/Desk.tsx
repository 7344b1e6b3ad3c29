import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Article, ArticleSummary } from '../../../shared/domain/article'
import type { Locale, Settings } from '../../../shared/domain/app'
import { api, call, ApiError } from '../api'
import { formatTime, switchLocale } from './i18n'
import { ArticleList, type ListFilter } from '../features/drafts/ArticleList'
import { ConfirmDialog } from '../features/drafts/ConfirmDialog'
import { ArticleEditor, type SavedInfo } from '../features/editor/ArticleEditor'
import { flushAll } from '../features/editor/flush-registry'
import { RevisionsPanel } from '../features/revisions/RevisionsPanel'
import { useSync } from '../features/sync/useSync'
import { SyncPanel, useFailureText } from '../features/sync/SyncPanel'
import { ArticleSyncBar } from '../features/sync/ArticleSyncBar'
import { ConflictDialog } from '../features/sync/ConflictDialog'
import { SearchDialog } from '../features/search/SearchDialog'
import { ReviewQueue } from '../features/review/ReviewQueue'
import { matchShortcut, shortcutLabel } from '../editor/shortcuts'
import type { SyncConflict } from '../../../shared/domain/sync'

/** The reporter's desk: the article list beside the open article. */
export function Desk({ initialSettings }: { initialSettings: Settings }) {
  const { t, i18n } = useTranslation()
  const [locale, setLocale] = useState<Locale>(initialSettings.locale)
  const [filter, setFilter] = useState<ListFilter>({ view: 'active', status: '', query: '' })
  const [articles, setArticles] = useState<ArticleSummary[]>([])
  const [open, setOpen] = useState<{ article: Article; token: number } | null>(null)
  const [confirming, setConfirming] = useState<ArticleSummary | null>(null)
  const [showRevisions, setShowRevisions] = useState(false)
  const [revisionVersion, setRevisionVersion] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  const [showSync, setShowSync] = useState(false)
  const [showSearch, setShowSearch] = useState(false)
  const [showProofing, setShowProofing] = useState(false)
  const [showReview, setShowReview] = useState(false)
  const [showQueue, setShowQueue] = useState(false)

  // Search is one shortcut away from anywhere in the window.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = matchShortcut(event)
      if (action === 'search') {
        event.preventDefault()
        setShowSearch(true)
      } else if (action === 'proofing') {
        event.preventDefault()
        setShowProofing((v) => !v)
      } else if (action === 'review') {
        event.preventDefault()
        setShowReview((v) => !v)
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
  const [conflict, setConflict] = useState<SyncConflict | null>(null)
  const failureText = useFailureText()

  const reportError = useCallback(
    (error: unknown) => {
      const reason = error instanceof ApiError ? error.error.reason : undefined
      const message =
        error instanceof ApiError && reason === undefined
          ? `${t(`errors.${error.error.code}`)} — ${error.message}`
          : reason !== undefined && i18n.exists(`review.refusals.${reason}`)
            ? t(`review.refusals.${reason}`)
            : reason !== undefined && i18n.exists(`bundle.problems.${reason}`)
              ? t(`bundle.problems.${reason}`)
              : failureText(error)
      setNotice(message)
    },
    // failureText only closes over t.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n]
  )
  const sync = useSync(reportError)

  // Only the newest list request may fill the list: an older answer arriving late (say, for the
  // search text before the reporter cleared it) must not replace a newer one.
  const listRequest = useRef(0)
  const refresh = useCallback(async () => {
    const request = ++listRequest.current
    try {
      const list = await call(
        api().articles.list({ view: filter.view, status: filter.status === '' ? undefined : filter.status, query: filter.query || undefined })
      )
      if (request === listRequest.current) setArticles(list)
    } catch (error) {
      reportError(error)
    }
  }, [filter, reportError])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const openArticle = useCallback(
    async (id: string, quiet = false) => {
      try {
        await flushAll()
        const article = await call(api().articles.get({ id }))
        if (article.trashedAt !== null) return
        setOpen((prev) => ({ article, token: (prev?.token ?? 0) + 1 }))
        setShowRevisions(false)
        await call(api().settings.update({ lastArticleId: id }))
      } catch (error) {
        // On start, an article deleted since last time is simply not reopened.
        if (!quiet) reportError(error)
      }
    },
    [reportError]
  )

  // Reopen the article the reporter was writing, caret and all.
  useEffect(() => {
    if (initialSettings.lastArticleId !== null) void openArticle(initialSettings.lastArticleId, true)
    // Only on start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Sync states change with saves ("changed here"): refreshed once typing pauses, not on every save.
  const statesTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const { reload: reloadSync } = sync
  const onSaved = useCallback(
    (info: SavedInfo) => {
      setArticles((list) => {
        const next = list.map((a) => (a.id === info.id ? { ...a, title: info.title, wordCount: info.wordCount, updatedAt: info.updatedAt } : a))
        return next.sort((a, b) => b.updatedAt - a.updatedAt)
      })
      if (statesTimer.current !== null) clearTimeout(statesTimer.current)
      statesTimer.current = setTimeout(() => void reloadSync(), 1_500)
    },
    [reloadSync]
  )

  // When a sync brought the site's changes into the open article, the editor shows them.
  const openId = open?.article.id ?? null
  useEffect(
    () =>
      api().on('sync:progress', (p) => {
        if (p.running) return
        void refresh()
        if (openId !== null && p.pulled.includes(openId)) {
          // The site's changes are on screen before the notice says they came.
          void openArticle(openId, true).then(() => setNotice(t('sync.pulled')))
        }
      }),
    [openId, refresh, openArticle, t]
  )

  // The open article's site offers its categories for picking.
  const openSiteId = open === null ? null : (sync.states[open.article.id]?.siteId ?? null)
  const [siteCategories, setSiteCategories] = useState<{ id: number; name: string; parent: number }[]>([])
  useEffect(() => {
    if (openSiteId === null) return setSiteCategories([])
    void call(api().sites.terms({ siteId: openSiteId })).then((terms) => setSiteCategories(terms.categories), () => setSiteCategories([]))
  }, [openSiteId, sync.progress?.finishedAt])

  const runSync = async (articleIds?: string[]) => {
    try {
      await flushAll()
      await call(api().sync.run({ articleIds }))
    } catch (error) {
      reportError(error)
    }
    await sync.reload()
  }

  const onStale = useCallback(
    (id: string) => {
      void openArticle(id, true).then(() => setNotice(t('sync.stale')))
    },
    [openArticle, t]
  )

  const act = async (work: () => Promise<unknown>) => {
    try {
      await flushAll()
      await work()
    } catch (error) {
      reportError(error)
    }
    await refresh()
  }

  const create = () =>
    act(async () => {
      const article = await call(api().articles.create({}))
      setFilter((f) => ({ ...f, view: 'active' }))
      await openArticle(article.id)
    })

  const snapshot = useCallback(() => {
    if (open === null) return
    void call(api().revisions.create({ articleId: open.article.id })).then(
      (r) => {
        setNotice(t('save.snapshotDone', { time: formatTime(r.createdAt, locale) }))
        setRevisionVersion((v) => v + 1)
      },
      reportError
    )
  }, [open, t, locale, reportError])

  const restoreRevision = (revisionId: string) =>
    act(async () => {
      const article = await call(api().revisions.restore({ id: revisionId }))
      setOpen((prev) => ({ article, token: (prev?.token ?? 0) + 1 }))
      setRevisionVersion((v) => v + 1)
      setNotice(t('revisions.restored'))
    })

  const exportBundle = async () => {
    if (open === null) return
    try {
      await flushAll()
      if (await call(api().bundle.export({ articleId: open.article.id }))) {
        setNotice(t('bundle.exported'))
        setRevisionVersion((v) => v + 1)
      }
    } catch (error) {
      reportError(error)
    }
  }

  const importBundle = async () => {
    try {
      await flushAll()
      const result = await call(api().bundle.import({}))
      if (result === null) return
      // The merged text is on screen before the notice says it was merged.
      await refresh()
      await openArticle(result.articleId, true)
      setNotice(t(`bundle.results.${result.outcome}`, { title: result.title || t('list.untitled'), count: result.conflicts }))
    } catch (error) {
      reportError(error)
    }
  }

  const changeLocale = async (next: Locale) => {
    setLocale(next)
    await switchLocale(next)
    await call(api().settings.update({ locale: next })).catch(reportError)
  }

  return (
    <div className="desk">
      <header className="app-header">
        <h1 className="app-name">{t('app.name')}</h1>
        <span className="app-tagline">{t('app.tagline')}</span>
        {notice !== null && (
          <p className="notice" role="status" onClick={() => setNotice(null)}>
            {notice}
          </p>
        )}
        <button type="button" className="tb-btn tb-text header-search" title={`${t('search.open')} (${shortcutLabel('search')})`} onClick={() => setShowSearch(true)} data-testid="open-search">
          {t('search.open')}
        </button>
        <button type="button" className="tb-btn tb-text header-queue" aria-pressed={showQueue} onClick={() => setShowQueue((v) => !v)} data-testid="toggle-queue">
          {t('review.queue.open')}
        </button>
        <button type="button" className="tb-btn tb-text header-import" onClick={() => void importBundle()} data-testid="import-bundle">
          {t('bundle.import')}
        </button>
        <button type="button" className="tb-btn tb-text header-sync" aria-pressed={showSync} onClick={() => setShowSync((v) => !v)} data-testid="toggle-sync">
          {t('sync.open')}
        </button>
        <label className="locale-switch">
          <span>{t('settings.language')}</span>
          <select value={locale} onChange={(e) => void changeLocale(e.target.value as Locale)} data-testid="locale">
            <option value="ar">{t('settings.arabic')}</option>
            <option value="en">{t('settings.english')}</option>
          </select>
        </label>
      </header>
      <ArticleList
        articles={articles}
        filter={filter}
        onFilter={setFilter}
        openId={open?.article.id ?? null}
        locale={locale}
        onOpen={(id) => void openArticle(id)}
        onCreate={() => void create()}
        onDuplicate={(id) =>
          void act(async () => {
            const copy = await call(api().articles.duplicate({ id }))
            await openArticle(copy.id)
          })
        }
        onTrash={(id) =>
          void act(async () => {
            await call(api().articles.trash({ id }))
            if (open?.article.id === id) setOpen(null)
          })
        }
        onRestore={(id) => void act(() => call(api().articles.restore({ id })))}
        onDeleteForever={setConfirming}
        syncStates={Object.fromEntries(Object.values(sync.states).map((i) => [i.articleId, i.state]))}
      />
      <main className="workspace">
        {open === null ? (
          <p className="empty-workspace">{t('editor.noArticle')}</p>
        ) : (
          <ArticleEditor
            key={`${open.article.id}:${open.token}`}
            article={open.article}
            locale={locale}
            onSaved={onSaved}
            onSnapshot={snapshot}
            onStale={onStale}
            siteCategories={siteCategories}
            proofing={showProofing}
            onCloseProofing={() => setShowProofing(false)}
            review={showReview}
            onCloseReview={() => setShowReview(false)}
            onStatusChange={(summary) => {
              setOpen((prev) => (prev === null || prev.article.id !== summary.id ? prev : { ...prev, article: { ...prev.article, status: summary.status } }))
              void refresh()
              void sync.reload()
            }}
            onNotice={setNotice}
            onError={reportError}
            siteId={sync.states[open.article.id]?.siteId ?? null}
            sideExtra={
              <ArticleSyncBar
                info={sync.states[open.article.id]}
                sites={sync.sites}
                status={open.article.status}
                running={sync.progress?.running === true}
                onAssign={(siteId) => void call(api().sync.assign({ articleId: open.article.id, siteId })).then(() => sync.reload(), reportError)}
                onSync={() => void runSync([open.article.id])}
                onShowConflict={() => void call(api().sync.conflict({ articleId: open.article.id })).then(setConflict, reportError)}
                onRecreate={() => void call(api().sync.recreate({ articleId: open.article.id })).then(() => sync.reload(), reportError)}
              />
            }
            toolbarExtra={
              <div className="tb-group tb-end">
                <button type="button" className="tb-btn tb-text" title={`${t('toolbar.snapshot')} (Ctrl+S)`} onClick={snapshot} data-action="snapshot">
                  {t('toolbar.snapshot')}
                </button>
                <button
                  type="button"
                  className="tb-btn tb-text"
                  title={`${t('proofing.open')} (${shortcutLabel('proofing')})`}
                  aria-pressed={showProofing}
                  onClick={() => setShowProofing((s) => !s)}
                  data-testid="toggle-proofing"
                >
                  {t('proofing.open')}
                </button>
                <button type="button" className="tb-btn tb-text" aria-pressed={showRevisions} onClick={() => setShowRevisions((s) => !s)} data-testid="toggle-revisions">
                  {t('revisions.open')}
                </button>
                <button
                  type="button"
                  className="tb-btn tb-text"
                  title={`${t('review.open')} (${shortcutLabel('review')})`}
                  aria-pressed={showReview}
                  onClick={() => setShowReview((s) => !s)}
                  data-testid="toggle-review"
                >
                  {t('review.open')}
                </button>
                <button type="button" className="tb-btn tb-text" onClick={() => void exportBundle()} data-testid="export-bundle">
                  {t('bundle.export')}
                </button>
              </div>
            }
          />
        )}
        {showQueue && (
          <ReviewQueue
            locale={locale}
            sites={sync.sites}
            onOpen={(id) => {
              setShowReview(true)
              void openArticle(id)
            }}
            onPulled={() => void refresh().then(() => sync.reload())}
            onError={reportError}
            onClose={() => setShowQueue(false)}
          />
        )}
        {showSync && (
          <SyncPanel model={sync} locale={locale} onSyncAll={() => void runSync()} onImported={() => void refresh().then(() => sync.reload())} onClose={() => setShowSync(false)} />
        )}
        {open !== null && showRevisions && (
          <RevisionsPanel
            articleId={open.article.id}
            locale={locale}
            version={revisionVersion}
            onSite={sync.states[open.article.id]?.remoteId != null}
            onError={reportError}
            onRestoreSite={(revisionId) =>
              void act(async () => {
                const article = await call(api().revisions.restoreSite({ articleId: open.article.id, revisionId }))
                setOpen((prev) => ({ article, token: (prev?.token ?? 0) + 1 }))
                setRevisionVersion((v) => v + 1)
                setNotice(t('revisions.restored'))
              })
            }
            onRestore={(id) => void restoreRevision(id)}
            onClose={() => setShowRevisions(false)}
          />
        )}
      </main>
      {showSearch && (
        <SearchDialog
          locale={locale}
          onClose={() => setShowSearch(false)}
          onOpen={(id) => {
            setShowSearch(false)
            void openArticle(id)
          }}
        />
      )}
      {conflict !== null && (
        <ConflictDialog
          conflict={conflict}
          onClose={() => setConflict(null)}
          onApply={(picks, fields) => {
            const articleId = conflict.articleId
            setConflict(null)
            void act(async () => {
              const article = await call(api().sync.resolve({ articleId, picks, fields }))
              setOpen((prev) => ({ article, token: (prev?.token ?? 0) + 1 }))
              await sync.reload()
            })
          }}
        />
      )}
      {confirming !== null && (
        <ConfirmDialog
          title={t('list.confirmDeleteTitle')}
          body={t('list.confirmDeleteBody', { title: confirming.title || t('list.untitled') })}
          confirm={t('list.confirmDelete')}
          cancel={t('list.cancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const target = confirming
            setConfirming(null)
            void act(() => call(api().articles.delete({ id: target.id, confirm: true })))
          }}
        />
      )}
    </div>
  )
}
