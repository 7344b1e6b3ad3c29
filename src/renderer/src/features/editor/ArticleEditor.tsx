import { useCallback, useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import type { Article, ArticleSummary, ImportedImage } from '@shared/domain/article'
import type { IpcResult } from '@shared/ipc/contract'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'
import type { PanelsModel } from '../../app/usePanels'
import { useShortcut } from '../../app/useShortcut'
import { ArticleBodyEditor } from '../../editor/Editor'
import { CommentPlugin } from '../../editor/plugins/CommentPlugin'
import { SuggestionPlugin } from '../../editor/plugins/SuggestionPlugin'
import { AutoGrowField } from '../../ui/AutoGrowField'
import { ProofingPanel } from '../proofing/ProofingPanel'
import { ReviewPanel } from '../review/ReviewPanel'
import { useReview } from '../review/useReview'
import type { SiteCategory } from '../sync/useSiteCategories'
import { MetaPanel } from './MetaPanel'
import { PrivateNotesPanel } from '../notes/PrivateNotesPanel'
import { StatusBar } from './StatusBar'
import { useArticleDraft, type DraftEvents } from './useArticleDraft'
import type { RowGroup } from '../../ui/OverflowRow'

/** A file's bytes as base64 (what the IPC contract takes for a pasted or dropped image). */
async function base64Of(file: File): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'))
    reader.readAsDataURL(file)
  })
  return url.slice(url.indexOf(',') + 1)
}

/** What the desk is told about the open article, and asked to do for it. */
export interface EditorHost extends DraftEvents {
  /** Ctrl/Cmd+S: everything is written, then a version is kept. */
  onSnapshot: () => void
  /** A workflow move went through. */
  onStatusChange: (summary: ArticleSummary) => void
}

interface Props {
  article: Article
  host: EditorHost
  panels: PanelsModel
  /** The site the article belongs to (who the user is depends on it) and its categories. */
  site: { id: string | null; categories: SiteCategory[] }
  toolbarExtra?: RowGroup[]
  /** Shown under the metadata: the article's place on the site. */
  sideExtra?: ReactNode
}

/**
 * One article open for writing: headline, standfirst, body and metadata, all
 * saved on their own (useArticleDraft), with live counts and a save status, and the
 * side panels that work on it (review, proofing).
 */
export function ArticleEditor({ article, host, panels, site, toolbarExtra, sideExtra }: Props) {
  const { t } = useTranslation()
  const { notify, report } = useNotices()
  const draft = useArticleDraft(article, host)
  const review = useReview({
    articleId: article.id,
    initialStatus: article.status,
    siteId: site.id,
    open: panels.shown.review,
    editor: draft.editor,
    save: draft.save,
    onStatusChange: host.onStatusChange
  })
  const { flush } = draft
  const { onSnapshot } = host

  // Ctrl/Cmd+S anywhere in the article: write everything, then keep a snapshot.
  useShortcut('snapshot', () => void flush().then(onSnapshot))

  const { attach } = draft
  const { listen } = review
  const attachEditor = useCallback(
    (editor: LexicalEditor | null) => {
      if (editor !== null) attach(editor, listen)
    },
    [attach, listen]
  )

  /** One way for every image: stored cleaned by main; the reporter told once that the location went, or why it was refused. */
  const received = useCallback(
    async (request: Promise<IpcResult<ImportedImage | null>>) => {
      let item
      try {
        item = await call(request)
      } catch (error) {
        // A refused image (HEIC, damaged, too large) is said in words; nothing was stored.
        report(error)
        return null
      }
      if (item !== null && item.removed.length > 0) notify(t('image.cleaned'))
      return item === null ? null : { mediaId: item.id }
    },
    [notify, report, t]
  )
  const pickImage = useCallback(() => received(api().media.pickImage()), [received])
  const importImage = useCallback(async (file: File) => received(api().media.importImage({ name: file.name, base64: await base64Of(file) })), [received])
  const services = useMemo(
    () => ({
      pickImage,
      importImage,
      openExternal: (url: string) => void api().shell.openExternal({ url }),
      spell: {
        misspelled: (words: string[]) => call(api().proofing.spell({ words })),
        inContext: (pairs: [string, string][]) => call(api().proofing.inContext({ pairs })),
        suggest: (word: string, previous?: string) => call(api().proofing.suggest({ word, previous })),
        ignore: async (word: string) => void (await call(api().proofing.ignore({ word }))),
        addWord: async (word: string) => void (await call(api().proofing.addWord({ word })))
      }
    }),
    [pickImage, importImage]
  )
  const onRefused = useCallback(() => notify(t('review.structureRefused')), [notify, t])

  return (
    <div className="article-editor">
      <div className="article-main">
        <AutoGrowField
          name="headline"
          rows={1}
          singleLine
          label={t('editor.headline')}
          placeholder={t('editor.headlinePlaceholder')}
          value={draft.title}
          onChange={draft.setTitle}
          onBlur={() => void flush()}
        />
        <AutoGrowField
          name="standfirst"
          rows={2}
          label={t('editor.standfirst')}
          placeholder={t('editor.standfirstPlaceholder')}
          value={draft.standfirst}
          onChange={draft.setStandfirst}
          onBlur={() => void flush()}
        />
        <ArticleBodyEditor
          initialState={article.body}
          placeholder={t('editor.bodyPlaceholder')}
          ariaLabel={t('editor.bodyPlaceholder')}
          editorRef={attachEditor}
          services={services}
          toolbarExtra={toolbarExtra}
        >
          <SuggestionPlugin enabled={review.suggesting} author={review.identity?.name || t('review.anonymous')} onRefused={onRefused} />
          <CommentPlugin onActive={review.setActive} onAnchors={review.setAnchors} />
        </ArticleBodyEditor>
        {review.suggesting && (
          <p className="suggesting-banner" role="status" data-testid="suggesting-banner">
            {t('review.suggestModeOn')}
          </p>
        )}
      </div>
      <div className="side-column">
        {panels.shown.review && <ReviewPanel model={review} onClose={() => panels.close('review')} />}
        {panels.shown.proofing && (
          <ProofingPanel
            editor={draft.editor()}
            article={{ title: draft.title, byline: draft.meta.byline, dateline: draft.meta.dateline }}
            onClose={() => panels.close('proofing')}
          />
        )}
        {panels.shown.notes && <PrivateNotesPanel articleId={article.id} onClose={() => panels.close('notes')} />}
        <MetaPanel meta={draft.meta} status={review.status} onChange={draft.setMeta} pickImage={pickImage} siteCategories={site.categories} />
        {sideExtra}
      </div>
      <StatusBar counts={draft.counts} saveState={draft.saveState} />
    </div>
  )
}
