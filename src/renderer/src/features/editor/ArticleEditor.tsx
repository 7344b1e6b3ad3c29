import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { $getRoot, BLUR_COMMAND, COMMAND_PRIORITY_LOW, type LexicalEditor } from 'lexical'
import { mergeRegister } from '@lexical/utils'
import type { Article, ArticleMeta } from '../../../../shared/domain/article'
import type { Locale } from '../../../../shared/domain/app'
import { countText, type TextCounts } from '../../../../shared/arabic/count'
import { api, call } from '../../api'
import { formatTime } from '../../app/i18n'
import { ArticleBodyEditor } from '../../editor/Editor'
import { $getCaretPosition, $restoreCaret } from '../../editor/caret'
import { AutosaveScheduler, type SaveState } from './autosave'
import { registerFlusher } from './flush-registry'
import { MetaPanel } from './MetaPanel'
import { ProofingPanel } from '../proofing/ProofingPanel'
import { matchShortcut } from '../../editor/shortcuts'
import { ReviewPanel } from '../review/ReviewPanel'
import { SuggestionNode } from '../../editor/nodes/SuggestionNode'
import { SuggestionPlugin, $acceptSuggestion, $rejectSuggestion, listSuggestions, type SuggestionInfo } from '../../editor/plugins/SuggestionPlugin'
import { CommentPlugin, $anchorComment, $removeAnchor, showAnchor } from '../../editor/plugins/CommentPlugin'
import type { ArticleReview, ReviewIdentity } from '../../../../shared/domain/review'
import type { ArticleStatus, ArticleSummary } from '../../../../shared/domain/article'

export interface SavedInfo {
  id: string
  title: string
  wordCount: number
  updatedAt: number
}

interface Props {
  article: Article
  locale: Locale
  onSaved: (info: SavedInfo) => void
  toolbarExtra?: React.ReactNode
  onSnapshot: () => void
  /** Shown under the metadata: the article's place on the site. */
  sideExtra?: React.ReactNode
  /** The article was written by something else (a sync) since it was loaded: reload it. */
  onStale?: (id: string) => void
  siteCategories?: { id: number; name: string; parent: number }[]
  /** The proofing panel is open beside the article. */
  proofing?: boolean
  onCloseProofing?: () => void
  /** The review panel is open beside the article. */
  review?: boolean
  onCloseReview?: () => void
  /** A workflow move went through. */
  onStatusChange?: (summary: ArticleSummary) => void
  /** Something the user should read (a refusal, a hint). */
  onNotice?: (text: string) => void
  onError?: (error: unknown) => void
  /** The site the article belongs to: who the user is depends on it. */
  siteId?: string | null
}

const COUNT_DELAY_MS = 300

/** Who the user is for an article, and its review data. */
const fetchReview = (articleId: string) => Promise.all([call(api().review.identity({ articleId })), call(api().review.get({ articleId }))])

function useAutoGrow(value: string) {
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    const el = ref.current
    if (el === null) return
    el.style.height = 'auto'
    el.style.height = `${el.scrollHeight}px`
  }, [value])
  return ref
}

/**
 * One article open for writing: headline, standfirst, body and metadata, all
 * saved on their own (see AutosaveScheduler), with live counts and a save status.
 */
export function ArticleEditor({
  article,
  locale,
  onSaved,
  toolbarExtra,
  onSnapshot,
  sideExtra,
  onStale,
  siteCategories,
  proofing,
  onCloseProofing,
  review: showReview,
  onCloseReview,
  onStatusChange,
  onNotice,
  onError,
  siteId = null
}: Props) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(article.title)
  const [standfirst, setStandfirst] = useState(article.standfirst)
  const [meta, setMeta] = useState<ArticleMeta>(article.meta)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', at: article.saveCount > 0 ? article.updatedAt : null })
  const [counts, setCounts] = useState<TextCounts>(() => countText(article.bodyText))
  const fields = useRef({ title, standfirst, meta })
  fields.current = { title, standfirst, meta }
  const editorRef = useRef<LexicalEditor | null>(null)
  const caretDirty = useRef(false)
  // The status bar and the save both need the counts of the same text: count it once.
  const lastCount = useRef<{ text: string; counts: TextCounts } | null>(null)
  const countsOf = useCallback((text: string): TextCounts => {
    if (lastCount.current?.text !== text) lastCount.current = { text, counts: countText(text) }
    return lastCount.current.counts
  }, [])
  const knownSaveCount = useRef(article.saveCount)
  const staleRef = useRef(onStale)
  staleRef.current = onStale
  const [identity, setIdentity] = useState<ReviewIdentity | null>(null)
  const [reviewData, setReviewData] = useState<ArticleReview | null>(null)
  const [anchors, setAnchors] = useState<string[]>([])
  const [active, setActive] = useState<string[]>([])
  const [suggestions, setSuggestions] = useState<SuggestionInfo[]>([])
  const [suggesting, setSuggesting] = useState(false)
  const [pendingThread, setPendingThread] = useState<{ id: string; quote: string } | null>(null)
  const [status, setStatus] = useState<ArticleStatus>(article.status)
  const noticeRef = useRef(onNotice)
  noticeRef.current = onNotice
  const errorRef = useRef(onError)
  errorRef.current = onError
  const titleRef = useAutoGrow(title)
  const standfirstRef = useAutoGrow(standfirst)

  const scheduler = useMemo(() => {
    const save = async () => {
      const editor = editorRef.current
      if (editor === null) return
      const state = editor.getEditorState()
      const { bodyText, caret } = state.read(() => ({ bodyText: $getRoot().getTextContent(), caret: $getCaretPosition() }))
      const body = JSON.stringify(state.toJSON())
      const { title: currentTitle, standfirst: currentStandfirst, meta: currentMeta } = fields.current
      const textCounts = countsOf(bodyText)
      setCounts(textCounts)
      caretDirty.current = false
      const result = await call(
        api().articles.save({
          id: article.id,
          title: currentTitle,
          standfirst: currentStandfirst,
          body,
          bodyText,
          wordCount: textCounts.words,
          meta: currentMeta,
          caret,
          expectedSaveCount: knownSaveCount.current
        })
      )
      if (result.stale === true) {
        // Kept as a revision by main; the article itself has the newer content.
        staleRef.current?.(article.id)
        return
      }
      knownSaveCount.current = result.saveCount
      onSaved({ id: article.id, title: currentTitle, wordCount: result.wordCount, updatedAt: result.savedAt })
    }
    return new AutosaveScheduler(save, setSaveState)
    // One scheduler per open article.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article.id])

  const flush = useCallback(async () => {
    if (!scheduler.hasPendingChanges && caretDirty.current && editorRef.current !== null) {
      caretDirty.current = false
      const caret = editorRef.current.getEditorState().read($getCaretPosition)
      await api().articles.saveCaret({ id: article.id, caret })
    }
    await scheduler.flush()
  }, [scheduler, article.id])

  useEffect(() => {
    const unregister = registerFlusher(flush)
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    const onBlur = () => void flush()
    window.addEventListener('blur', onBlur)
    window.addEventListener('pagehide', onBlur)
    document.addEventListener('visibilitychange', onHidden)
    return () => {
      unregister()
      window.removeEventListener('blur', onBlur)
      window.removeEventListener('pagehide', onBlur)
      document.removeEventListener('visibilitychange', onHidden)
      // Switching articles or closing the view: write what is pending, then stop.
      void flush().finally(() => scheduler.dispose())
    }
  }, [flush, scheduler])

  // Ctrl/Cmd+S anywhere in the article: write everything, then keep a snapshot.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (matchShortcut(event) !== 'snapshot') return
      event.preventDefault()
      event.stopPropagation()
      void flush().then(onSnapshot)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [flush, onSnapshot])

  const articleId = article.id
  const loadReview = () =>
    fetchReview(articleId).then(
      ([who, data]) => {
        setIdentity(who)
        setReviewData(data)
      },
      (error: unknown) => errorRef.current?.(error)
    )
  useEffect(() => {
    void fetchReview(articleId).then(
      ([who, data]) => {
        setIdentity(who)
        setReviewData(data)
      },
      (error: unknown) => errorRef.current?.(error)
    )
    // Linking the article to a site, or opening the panel, can change who the user is for it.
  }, [articleId, siteId, showReview])

  const suggestionTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const relistSuggestions = useCallback(() => {
    if (suggestionTimer.current !== null) clearTimeout(suggestionTimer.current)
    suggestionTimer.current = setTimeout(() => {
      const editor = editorRef.current
      if (editor !== null) setSuggestions(listSuggestions(editor.getEditorState()))
    }, 150)
  }, [])

  const startComment = useCallback(() => {
    const editor = editorRef.current
    if (editor === null) return
    const id = crypto.randomUUID()
    let quote: string | null = null
    editor.update(
      () => {
        quote = $anchorComment(id)
      },
      { discrete: true }
    )
    if (quote === null) {
      noticeRef.current?.(t('review.selectFirst'))
      return
    }
    setPendingThread({ id, quote })
    if (!showReview) noticeRef.current?.(t('review.newComment'))
  }, [showReview, t])

  const cancelComment = useCallback(() => {
    const pending = pendingThread
    setPendingThread(null)
    if (pending !== null) editorRef.current?.update(() => $removeAnchor(pending.id))
  }, [pendingThread])

  const addComment = (body: string, threadId?: string) => {
    const pending = pendingThread
    const request =
      threadId === undefined
        ? pending === null
          ? null
          : { articleId: article.id, id: pending.id, body, quote: pending.quote }
        : { articleId: article.id, id: crypto.randomUUID(), threadId, body }
    if (request === null) return
    void call(api().review.comment(request))
      .then(() => {
        if (threadId === undefined) setPendingThread(null)
        return loadReview()
      })
      .catch((error: unknown) => errorRef.current?.(error))
  }

  const transition = (to: ArticleStatus, note: string) => {
    // The rules look at the text as it is (open suggestions): write it first.
    void scheduler
      .flush()
      .then(() => call(api().review.transition({ articleId: article.id, to, note })))
      .then((summary) => {
        setStatus(summary.status)
        onStatusChange?.(summary)
        return loadReview()
      })
      .catch((error: unknown) => errorRef.current?.(error))
  }

  // Review shortcuts: comment on the selection, suggestion mode.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = matchShortcut(event)
      if (action === 'comment') {
        event.preventDefault()
        startComment()
      } else if (action === 'suggest') {
        event.preventDefault()
        setSuggesting((v) => !v)
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [startComment])

  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const recount = useCallback(() => {
    if (countTimer.current !== null) clearTimeout(countTimer.current)
    countTimer.current = setTimeout(() => {
      const text = editorRef.current?.getEditorState().read(() => $getRoot().getTextContent()) ?? ''
      setCounts(countsOf(text))
    }, COUNT_DELAY_MS)
  }, [countsOf])

  const attachEditor = useCallback(
    (editor: LexicalEditor | null) => {
      if (editor === null || editorRef.current === editor) return
      editorRef.current = editor
      editor.update(() => $restoreCaret(article.caret), { tag: 'history-merge' })
      editor.focus(undefined, { defaultSelection: 'rootEnd' })
      setSuggestions(listSuggestions(editor.getEditorState()))
      mergeRegister(
        editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, prevEditorState }) => {
          if (prevEditorState.isEmpty()) return
          if (dirtyElements.size === 0 && dirtyLeaves.size === 0) {
            caretDirty.current = true
            return
          }
          scheduler.change()
          recount()
        }),
        // The suggestions are listed again only when one is created, changed or removed, never on plain typing.
        editor.registerMutationListener(SuggestionNode, relistSuggestions, { skipInitialization: true }),
        editor.registerCommand(BLUR_COMMAND, () => (void flush(), false), COMMAND_PRIORITY_LOW)
      )
    },
    [article.caret, scheduler, flush, recount, relistSuggestions]
  )

  const changeField = <T,>(setter: (v: T) => void) => (value: T) => {
    setter(value)
    scheduler.change()
  }

  const pickImage = useCallback(async () => {
    const item = await call(api().media.pickImage())
    return item === null ? null : { mediaId: item.id }
  }, [])
  const openExternal = useCallback((url: string) => void api().shell.openExternal({ url }), [])
  const spell = useMemo(
    () => ({
      misspelled: (words: string[]) => call(api().proofing.spell({ words })),
      suggest: (word: string) => call(api().proofing.suggest({ word })),
      ignore: async (word: string) => void (await call(api().proofing.ignore({ word }))),
      addWord: async (word: string) => void (await call(api().proofing.addWord({ word })))
    }),
    []
  )

  const onRefused = useCallback(() => noticeRef.current?.(t('review.structureRefused')), [t])

  const statusText =
    saveState.kind === 'saving'
      ? t('save.saving')
      : saveState.kind === 'error'
        ? t('save.error', { reason: saveState.message })
        : saveState.kind === 'dirty'
          ? t('save.unsaved')
          : saveState.at === null
            ? ''
            : t('save.saved', { time: formatTime(saveState.at, locale) })

  return (
    <div className="article-editor">
      <div className="article-main">
        <textarea
          ref={titleRef}
          className="headline"
          name="headline"
          dir="rtl"
          rows={1}
          aria-label={t('editor.headline')}
          placeholder={t('editor.headlinePlaceholder')}
          value={title}
          onChange={(e) => changeField(setTitle)(e.target.value.replace(/\n/g, ' '))}
          onBlur={() => void flush()}
        />
        <textarea
          ref={standfirstRef}
          className="standfirst"
          name="standfirst"
          dir="rtl"
          rows={2}
          aria-label={t('editor.standfirst')}
          placeholder={t('editor.standfirstPlaceholder')}
          value={standfirst}
          onChange={(e) => changeField(setStandfirst)(e.target.value)}
          onBlur={() => void flush()}
        />
        <ArticleBodyEditor
          initialState={article.body}
          placeholder={t('editor.bodyPlaceholder')}
          ariaLabel={t('editor.bodyPlaceholder')}
          editorRef={attachEditor}
          pickImage={pickImage}
          openExternal={openExternal}
          toolbarExtra={toolbarExtra}
          spell={spell}
        >
          <SuggestionPlugin enabled={suggesting} author={identity?.name || t('review.anonymous')} onRefused={onRefused} />
          <CommentPlugin onActive={setActive} onAnchors={setAnchors} />
        </ArticleBodyEditor>
        {suggesting && (
          <p className="suggesting-banner" role="status" data-testid="suggesting-banner">
            {t('review.suggestModeOn')}
          </p>
        )}
      </div>
      <div className="side-column">
        {showReview === true && (
          <ReviewPanel
            locale={locale}
            status={status}
            identity={identity}
            review={reviewData}
            anchors={anchors}
            active={active}
            suggestions={suggestions}
            suggesting={suggesting}
            pendingThread={pendingThread?.id ?? null}
            onToggleSuggesting={() => setSuggesting((v) => !v)}
            onTransition={transition}
            onStartComment={startComment}
            onCancelComment={cancelComment}
            onComment={addComment}
            onResolve={(threadId, resolved) => void call(api().review.resolve({ threadId, resolved })).then(loadReview, onError)}
            onDelete={(id) =>
              void call(api().review.deleteComment({ id })).then(() => {
                editorRef.current?.update(() => $removeAnchor(id))
                return loadReview()
              }, onError)
            }
            onShowThread={(id) => editorRef.current !== null && showAnchor(editorRef.current, id)}
            onAccept={(id) => editorRef.current?.update(() => void $acceptSuggestion(id))}
            onReject={(id) => editorRef.current?.update(() => void $rejectSuggestion(id))}
            onIdentity={(patch) => void call(api().settings.update(patch)).then(loadReview, onError)}
            onClose={() => onCloseReview?.()}
          />
        )}
        {proofing === true && (
          <ProofingPanel
            editor={editorRef.current}
            article={{ title, byline: meta.byline, dateline: meta.dateline }}
            locale={locale}
            onClose={() => onCloseProofing?.()}
          />
        )}
        <MetaPanel meta={meta} status={status} onChange={changeField(setMeta)} pickImage={pickImage} siteCategories={siteCategories} />
        {sideExtra}
      </div>
      <footer className="status-bar" aria-live="polite">
        <span data-testid="word-count">{t('counts.words', { count: counts.words })}</span>
        <span data-testid="char-count">{t('counts.characters', { count: counts.characters })}</span>
        <span data-testid="reading-time">{t('counts.reading', { count: counts.readingMinutes })}</span>
        <span className={`save-status save-${saveState.kind}`} data-testid="save-status" role="status">
          {statusText}
        </span>
      </footer>
    </div>
  )
}
