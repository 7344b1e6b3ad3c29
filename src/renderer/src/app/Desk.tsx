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

/** The reporter's desk: the article list beside the open article. */
export function Desk({ initialSettings }: { initialSettings: Settings }) {
  const { t } = useTranslation()
  const [locale, setLocale] = useState<Locale>(initialSettings.locale)
  const [filter, setFilter] = useState<ListFilter>({ view: 'active', status: '', query: '' })
  const [articles, setArticles] = useState<ArticleSummary[]>([])
  const [open, setOpen] = useState<{ article: Article; token: number } | null>(null)
  const [confirming, setConfirming] = useState<ArticleSummary | null>(null)
  const [showRevisions, setShowRevisions] = useState(false)
  const [revisionVersion, setRevisionVersion] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)

  const reportError = useCallback(
    (error: unknown) => {
      const message = error instanceof ApiError ? `${t(`errors.${error.error.code}`)} — ${error.message}` : String(error)
      setNotice(message)
    },
    [t]
  )

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

  const onSaved = useCallback((info: SavedInfo) => {
    setArticles((list) => {
      const next = list.map((a) => (a.id === info.id ? { ...a, title: info.title, wordCount: info.wordCount, updatedAt: info.updatedAt } : a))
      return next.sort((a, b) => b.updatedAt - a.updatedAt)
    })
  }, [])

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
            toolbarExtra={
              <div className="tb-group tb-end">
                <button type="button" className="tb-btn tb-text" title={`${t('toolbar.snapshot')} (Ctrl+S)`} onClick={snapshot} data-action="snapshot">
                  {t('toolbar.snapshot')}
                </button>
                <button type="button" className="tb-btn tb-text" aria-pressed={showRevisions} onClick={() => setShowRevisions((s) => !s)} data-testid="toggle-revisions">
                  {t('revisions.open')}
                </button>
              </div>
            }
          />
        )}
        {open !== null && showRevisions && (
          <RevisionsPanel
            articleId={open.article.id}
            locale={locale}
            version={revisionVersion}
            onRestore={(id) => void restoreRevision(id)}
            onClose={() => setShowRevisions(false)}
          />
        )}
      </main>
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
