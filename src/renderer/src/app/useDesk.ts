import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '@shared/domain/article'
import type { Locale } from '@shared/domain/app'
import type { SyncConflict } from '@shared/domain/sync'
import type { BundlePreview, BundleSeal } from '@shared/domain/bundle'
import { api, call } from '../api'
import { formatTime, switchLocale } from './i18n'
import { useLocale, useNotices } from './notices'
import { useOpenArticle } from './useOpenArticle'
import { usePanels } from './usePanels'
import { useArticleList, type SavedInfo } from '../features/drafts/useArticleList'
import { flushAll } from '../features/editor/flush-registry'
import { useSync } from '../features/sync/useSync'

/**
 * Everything the desk does, as one model: the list, the open article, the panels,
 * sync, and the actions that tie them together. The desk's components take the
 * parts they need.
 */
export function useDesk(lastArticleId: string | null) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { notify, report } = useNotices()
  const list = useArticleList()
  const editor = useOpenArticle()
  const panels = usePanels()
  const sync = useSync(report)
  const [confirming, setConfirming] = useState<ArticleSummary | null>(null)
  /** A bundle read and checked, waiting for the user to import it or cancel. */
  const [bundlePreview, setBundlePreview] = useState<BundlePreview | null>(null)
  /** The export dialog is open (signed, or sealed with a passphrase or for a colleague). */
  const [exporting, setExporting] = useState(false)
  /** A sealed bundle waits for its passphrase. */
  const [sealedToken, setSealedToken] = useState<string | null>(null)
  const [conflict, setConflict] = useState<SyncConflict | null>(null)
  /** Bumped when the open article's versions change, so the versions panel reads them again. */
  const [revisionVersion, setRevisionVersion] = useState(0)
  const { refresh } = list
  const { openArticle, show } = editor
  const openId = editor.open?.article.id ?? null

  // Reopen the article the reporter was writing, caret and all.
  useEffect(() => {
    if (lastArticleId !== null) void openArticle(lastArticleId, true)
    // Only on start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // When a sync brought the site's changes into the open article, the editor shows them.
  useEffect(
    () =>
      api().on('sync:progress', (p) => {
        if (p.running) return
        void refresh()
        // The site's changes are on screen before the notice says they came.
        if (openId !== null && p.pulled.includes(openId)) void openArticle(openId, true).then(() => notify(t('sync.pulled')))
      }),
    [openId, refresh, openArticle, notify, t]
  )

  /** Writes what is pending, does the work, reports a failure in words, and refreshes the list. */
  const act = useCallback(
    async (work: () => Promise<unknown>) => {
      try {
        await flushAll()
        await work()
      } catch (error) {
        report(error)
      }
      await refresh()
    },
    [report, refresh]
  )

  // Sync states change with saves ("changed here"): refreshed once typing pauses, not on every save.
  const statesTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const { reload: reloadSync } = sync
  const onSaved = useCallback(
    (info: SavedInfo) => {
      list.noteSaved(info)
      if (statesTimer.current !== null) clearTimeout(statesTimer.current)
      statesTimer.current = setTimeout(() => void reloadSync(), 1_500)
    },
    [list, reloadSync]
  )

  const articles = {
    open: (id: string) => void openArticle(id),
    create: () =>
      void act(async () => {
        const article = await call(api().articles.create({}))
        list.setFilter((f) => ({ ...f, view: 'active' }))
        await openArticle(article.id)
      }),
    duplicate: (id: string) =>
      void act(async () => {
        const copy = await call(api().articles.duplicate({ id }))
        await openArticle(copy.id)
      }),
    trash: (id: string) =>
      void act(async () => {
        await call(api().articles.trash({ id }))
        editor.close(id)
      }),
    restore: (id: string) => void act(() => call(api().articles.restore({ id }))),
    askDelete: setConfirming,
    confirmDelete: () => {
      const target = confirming
      setConfirming(null)
      if (target !== null) void act(() => call(api().articles.delete({ id: target.id, confirm: true })))
    },
    cancelDelete: () => setConfirming(null)
  }

  const snapshot = useCallback(() => {
    if (openId === null) return
    void call(api().revisions.create({ articleId: openId })).then((r) => {
      notify(t('save.snapshotDone', { time: formatTime(r.createdAt, locale) }))
      setRevisionVersion((v) => v + 1)
    }, report)
  }, [openId, t, locale, notify, report])

  /** Puts a version back (a local one, or one of the site's) and shows it. */
  const restore = (work: () => Promise<Parameters<typeof show>[0]>) =>
    void act(async () => {
      show(await work())
      setRevisionVersion((v) => v + 1)
      notify(t('revisions.restored'))
    })

  const runSync = async (articleIds?: string[]) => {
    try {
      await flushAll()
      await call(api().sync.run({ articleIds }))
    } catch (error) {
      report(error)
    }
    await sync.reload()
  }

  const bundles = {
    exporting,
    sealedToken,
    openExport: () => setExporting(openId !== null),
    closeExport: () => setExporting(false),
    export: async (seal: BundleSeal = { kind: 'none' }, includeNotes = false) => {
      if (openId === null) return
      setExporting(false)
      try {
        await flushAll()
        if (await call(api().bundle.export({ articleId: openId, seal, includeNotes }))) {
          notify(t('bundle.exported'))
          setRevisionVersion((v) => v + 1)
        }
      } catch (error) {
        report(error)
      }
    },
    /** Reads the bundle the user picks and shows what importing it would change; nothing changes yet. */
    import: async () => {
      try {
        await flushAll()
        const inspected = await call(api().bundle.inspect({}))
        if (inspected !== null && 'needsPassphrase' in inspected) setSealedToken(inspected.token)
        else if (inspected !== null) setBundlePreview(inspected)
      } catch (error) {
        report(error)
      }
    },
    /** The passphrase of a sealed bundle: then what importing it would change. */
    unseal: async (passphrase: string) => {
      if (sealedToken === null) return
      try {
        setBundlePreview(await call(api().bundle.unseal({ token: sealedToken, passphrase })))
        setSealedToken(null)
      } catch (error) {
        report(error)
      }
    },
    cancelUnseal: () => {
      if (sealedToken !== null) void call(api().bundle.discard({ token: sealedToken })).catch(() => undefined)
      setSealedToken(null)
    },
    /** The user agreed to what the preview showed. */
    apply: async (preview: BundlePreview, trustSigner = false) => {
      setBundlePreview(null)
      try {
        const result = await call(api().bundle.apply({ token: preview.token, trustSigner }))
        // The merged text is on screen before the notice says it was merged.
        await refresh()
        await openArticle(result.articleId, true)
        const said = t(`bundle.results.${result.outcome}`, { title: result.title || t('list.untitled'), count: result.conflicts })
        notify(result.refusedStatus === null ? said : `${said} ${t('bundle.refusedStatusShort', { status: t(`status.${result.refusedStatus}`) })}`)
      } catch (error) {
        report(error)
      }
    },
    /** The user cancelled: the bundle is forgotten and nothing changed. */
    cancel: (preview: BundlePreview) => {
      setBundlePreview(null)
      void call(api().bundle.discard({ token: preview.token })).catch(() => undefined)
    }
  }

  const conflicts = {
    conflict,
    show: (articleId: string) => void call(api().sync.conflict({ articleId })).then(setConflict, report),
    close: () => setConflict(null),
    apply: (picks: ('local' | 'remote' | 'both')[], fields: Partial<Record<'title' | 'standfirst' | 'slug', 'local' | 'remote'>>) => {
      if (conflict === null) return
      const articleId = conflict.articleId
      setConflict(null)
      void act(async () => {
        show(await call(api().sync.resolve({ articleId, picks, fields })))
        await sync.reload()
      })
    }
  }

  const changeLocale = async (next: Locale) => {
    await switchLocale(next)
    await call(api().settings.update({ locale: next })).catch(report)
  }

  /** The article was written by something else (a sync) since the editor loaded it: reload it. */
  const onStale = useCallback((id: string) => void openArticle(id, true).then(() => notify(t('sync.stale'))), [openArticle, notify, t])

  const onStatusChange = (summary: ArticleSummary) => {
    editor.statusChanged(summary)
    void refresh()
    void sync.reload()
  }

  return {
    list,
    editor,
    panels,
    sync,
    articles,
    confirming,
    bundlePreview,
    conflicts,
    bundles,
    revisionVersion,
    snapshot,
    restore,
    runSync,
    changeLocale,
    host: { onSaved, onStale, onSnapshot: snapshot, onStatusChange }
  }
}

export type DeskModel = ReturnType<typeof useDesk>
