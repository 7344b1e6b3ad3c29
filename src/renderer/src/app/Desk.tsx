import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Settings } from '@shared/domain/app'
import { api, call } from '../api'
import { ArticleList } from '../features/drafts/ArticleList'
import { ArticleEditor } from '../features/editor/ArticleEditor'
import { EditorBoundary } from '../features/editor/EditorBoundary'
import { RevisionsPanel } from '../features/revisions/RevisionsPanel'
import { ReviewQueue } from '../features/review/ReviewQueue'
import { BundlePreviewDialog } from '../features/review/BundlePreviewDialog'
import { ExportBundleDialog, UnsealDialog } from '../features/review/ExportBundleDialog'
import { SearchDialog } from '../features/search/SearchDialog'
import { ArticleSyncBar } from '../features/sync/ArticleSyncBar'
import { ConflictDialog } from '../features/sync/ConflictDialog'
import { SyncPanel } from '../features/sync/SyncPanel'
import { useSiteCategories } from '../features/sync/useSiteCategories'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { PanicWipe } from '../features/panic/PanicWipe'
import { SecurityDialog } from '../features/security/SecurityDialog'
import { ShortcutsHelp } from '../features/help/ShortcutsHelp'
import { SettingsDialog } from '../features/appearance/SettingsDialog'
import { DatesProvider, useDates } from './dates'
import { useLock } from '../features/security/useLock'
import { useAppearance } from '../features/appearance/useAppearance'
import { articleTools } from './ArticleTools'
import { DeskHeader } from './DeskHeader'
import { NoticesProvider, useNotices } from './notices'
import { useDesk } from './useDesk'
import { NARROW_DESK, useMediaQuery } from './useMediaQuery'
import { ListRail } from '../features/drafts/ListRail'

/** The reporter's desk: the article list beside the open article, with notices and errors for every part of it. */
export function Desk({ initialSettings }: { initialSettings: Settings }) {
  return (
    <NoticesProvider>
      <DatesProvider initial={initialSettings}>
        <DeskView settings={initialSettings} />
      </DatesProvider>
    </NoticesProvider>
  )
}

function DeskView({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const { report, notify } = useNotices()
  const desk = useDesk(settings.lastArticleId)
  const lock = useLock(settings.lockAfterMinutes)
  const appearance = useAppearance(settings)
  // Every date and figure on the desk is rewritten when the newsroom's month names or digits change.
  useDates()
  // Once at start: a desk whose key no keyring protects is said so, in words (SECURITY.md says what that means).
  useEffect(() => {
    void call(api().app.info()).then((info) => {
      if (info.keyProtection === 'obfuscated' || info.keyProtection === 'none') notify(t(`store.weakKey.${info.keyProtection}`))
    }, report)
  }, [notify, report, t])
  const { list, editor, panels, sync, articles, conflicts } = desk
  const open = editor.open
  const openInfo = open === null ? undefined : sync.states[open.article.id]
  const siteCategories = useSiteCategories(openInfo?.siteId ?? null, sync.progress?.finishedAt)
  const reloadAll = () => void list.refresh().then(() => sync.reload())
  const narrow = useMediaQuery(NARROW_DESK)
  // On a narrow window the list slides over the text: choosing an article puts it away.
  const listActions = narrow
    ? {
        ...articles,
        open: (id: string) => (panels.close('list'), articles.open(id)),
        create: () => (panels.close('list'), articles.create())
      }
    : articles
  const syncBar =
    open === null ? null : (
      <ArticleSyncBar
        info={openInfo}
        sites={sync.sites}
        status={open.article.status}
        running={sync.progress?.running === true}
        onAssign={(siteId) => void call(api().sync.assign({ articleId: open.article.id, siteId })).then(() => sync.reload(), report)}
        onSync={() => void desk.runSync([open.article.id])}
        onShowConflict={() => conflicts.show(open.article.id)}
        onRecreate={() => void call(api().sync.recreate({ articleId: open.article.id })).then(() => sync.reload(), report)}
      />
    )
  const articleList = (
    <ArticleList
      list={list}
      actions={listActions}
      openId={open?.article.id ?? null}
      syncStates={Object.fromEntries(Object.values(sync.states).map((i) => [i.articleId, i.state]))}
    />
  )

  return (
    <div className={appearance.focus ? 'desk is-focus' : 'desk'} data-testid="desk">
      {appearance.focus && (
        <button type="button" className="focus-exit" onClick={() => appearance.setFocus(false)} data-testid="focus-exit">
          {t('settings.focusExit')}
        </button>
      )}
      <PanicWipe />
      {desk.panels.shown.security && <SecurityDialog lock={lock} onClose={() => desk.panels.close('security')} />}
      {desk.panels.shown.help && <ShortcutsHelp onClose={() => desk.panels.close('help')} />}
      {desk.panels.shown.settings && <SettingsDialog onClose={() => desk.panels.close('settings')} />}
      <DeskHeader desk={desk} appearance={appearance} />
      {narrow ? (
        <ListRail out={panels.shown.list} onToggle={() => panels.toggle('list')} onCreate={articles.create}>
          {articleList}
        </ListRail>
      ) : (
        articleList
      )}
      <main className="workspace">
        {open === null ? (
          <p className="empty-workspace">{t('editor.noArticle')}</p>
        ) : (
          <EditorBoundary
            key={`${open.article.id}:${open.token}`}
            articleId={open.article.id}
            onRestore={(id) => desk.restore(() => call(api().revisions.restore({ id })))}
            onClose={() => editor.close(open.article.id)}
          >
            <ArticleEditor
              article={open.article}
              host={desk.host}
              panels={panels}
              site={{ id: openInfo?.siteId ?? null, categories: siteCategories }}
              toolbarExtra={articleTools(desk)}
              // The sync panel takes the column the article's sync bar sits in: the bar moves into the panel.
              sideExtra={panels.shown.sync ? undefined : syncBar}
            />
          </EditorBoundary>
        )}
        {panels.shown.queue && (
          <ReviewQueue
            sites={sync.sites}
            onOpen={(id) => {
              panels.open('review')
              articles.open(id)
            }}
            onPulled={reloadAll}
            onClose={() => panels.close('queue')}
          />
        )}
        {panels.shown.sync && <SyncPanel model={sync} article={syncBar} onSyncAll={() => void desk.runSync()} onImported={reloadAll} onClose={() => panels.close('sync')} />}
        {open !== null && panels.shown.revisions && (
          <RevisionsPanel
            articleId={open.article.id}
            version={desk.revisionVersion}
            onSite={openInfo?.remoteId != null}
            onRestoreSite={(revisionId) => desk.restore(() => call(api().revisions.restoreSite({ articleId: open.article.id, revisionId })))}
            onRestore={(id) => desk.restore(() => call(api().revisions.restore({ id })))}
            onClose={() => panels.close('revisions')}
          />
        )}
      </main>
      {panels.shown.search && (
        <SearchDialog
          onClose={() => panels.close('search')}
          onOpen={(id) => {
            panels.close('search')
            articles.open(id)
          }}
        />
      )}
      {conflicts.conflict !== null && <ConflictDialog conflict={conflicts.conflict} onClose={conflicts.close} onApply={conflicts.apply} />}
      {desk.bundles.exporting && <ExportBundleDialog onExport={(seal, notes) => void desk.bundles.export(seal, notes)} onCancel={desk.bundles.closeExport} />}
      {desk.bundles.sealedToken !== null && <UnsealDialog onUnseal={(p) => void desk.bundles.unseal(p)} onCancel={desk.bundles.cancelUnseal} />}
      {desk.bundlePreview !== null && (
        <BundlePreviewDialog
          preview={desk.bundlePreview}
          onImport={(trust) => void desk.bundles.apply(desk.bundlePreview!, trust)}
          onCancel={() => desk.bundles.cancel(desk.bundlePreview!)}
        />
      )}
      {desk.confirming !== null && (
        <ConfirmDialog
          title={t('list.confirmDeleteTitle')}
          body={t('list.confirmDeleteBody', { title: desk.confirming.title || t('list.untitled') })}
          confirm={t('list.confirmDelete')}
          cancel={t('list.cancel')}
          onCancel={articles.cancelDelete}
          onConfirm={articles.confirmDelete}
        />
      )}
    </div>
  )
}
