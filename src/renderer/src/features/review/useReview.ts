import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import type { ArticleStatus, ArticleSummary } from '@shared/domain/article'
import type { ArticleReview, ReviewIdentity } from '@shared/domain/review'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'
import { useShortcut } from '../../app/useShortcut'
import { SuggestionNode } from '../../editor/nodes/SuggestionNode'
import { $anchorComment, $removeAnchor, showAnchor } from '../../editor/plugins/CommentPlugin'
import { $acceptSuggestion, $rejectSuggestion, listSuggestions, type SuggestionInfo } from '../../editor/plugins/SuggestionPlugin'

/** Who the user is for an article, and its review data. */
const fetchReview = (articleId: string) => Promise.all([call(api().review.identity({ articleId })), call(api().review.get({ articleId }))])

interface ReviewOptions {
  articleId: string
  initialStatus: ArticleStatus
  /** The site the article belongs to: who the user is depends on it. */
  siteId: string | null
  /** Whether the review panel is open (opening it reads who the user is again). */
  open: boolean
  /** The body's editor, once it exists. */
  editor: () => LexicalEditor | null
  /** Writes the text first: the workflow rules look at it as it is. */
  save: () => Promise<void>
  onStatusChange: (summary: ArticleSummary) => void
}

/**
 * The open article's review: who the user is, its status and history, comment
 * threads and where they are anchored, suggestions and suggestion mode, and every
 * action on them. The review panel shows this model; the editor's plugins feed it.
 */
export function useReview({ articleId, initialStatus, siteId, open, editor, save, onStatusChange }: ReviewOptions) {
  const { t } = useTranslation()
  const { notify, report } = useNotices()
  const [identity, setIdentity] = useState<ReviewIdentity | null>(null)
  const [review, setReview] = useState<ArticleReview | null>(null)
  const [anchors, setAnchors] = useState<string[]>([])
  const [active, setActive] = useState<string[]>([])
  const [suggestions, setSuggestions] = useState<SuggestionInfo[]>([])
  const [suggesting, setSuggesting] = useState(false)
  const [pendingThread, setPendingThread] = useState<{ id: string; quote: string } | null>(null)
  const [status, setStatus] = useState<ArticleStatus>(initialStatus)

  const load = useCallback(
    () =>
      fetchReview(articleId).then(([who, data]) => {
        setIdentity(who)
        setReview(data)
      }, report),
    [articleId, report]
  )
  // Linking the article to a site, or opening the panel, can change who the user is for it.
  useEffect(() => {
    void load()
  }, [load, siteId, open])

  const suggestionTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const relistSuggestions = useCallback(() => {
    if (suggestionTimer.current !== null) clearTimeout(suggestionTimer.current)
    suggestionTimer.current = setTimeout(() => {
      const lexical = editor()
      if (lexical !== null) setSuggestions(listSuggestions(lexical.getEditorState()))
    }, 150)
  }, [editor])

  /** The editor's listeners for review: suggestions are listed again only when one is created, changed or removed, never on plain typing. */
  const listen = useCallback(
    (lexical: LexicalEditor) => {
      setSuggestions(listSuggestions(lexical.getEditorState()))
      return lexical.registerMutationListener(SuggestionNode, relistSuggestions, { skipInitialization: true })
    },
    [relistSuggestions]
  )

  const startComment = useCallback(() => {
    const lexical = editor()
    if (lexical === null) return
    const id = crypto.randomUUID()
    let quote: string | null = null
    lexical.update(
      () => {
        quote = $anchorComment(id)
      },
      { discrete: true }
    )
    if (quote === null) return notify(t('review.selectFirst'))
    setPendingThread({ id, quote })
    if (!open) notify(t('review.newComment'))
  }, [editor, open, notify, t])

  const cancelComment = useCallback(() => {
    const pending = pendingThread
    setPendingThread(null)
    if (pending !== null) editor()?.update(() => $removeAnchor(pending.id))
  }, [pendingThread, editor])

  /** A new thread's first comment (anchored at the selection), or a reply in a thread. */
  const comment = (body: string, threadId?: string) => {
    const pending = pendingThread
    const request =
      threadId === undefined ? (pending === null ? null : { articleId, id: pending.id, body, quote: pending.quote }) : { articleId, id: crypto.randomUUID(), threadId, body }
    if (request === null) return
    void call(api().review.comment(request))
      .then(() => {
        if (threadId === undefined) setPendingThread(null)
        return load()
      })
      .catch(report)
  }

  const transition = (to: ArticleStatus, note: string) => {
    void save()
      .then(() => call(api().review.transition({ articleId, to, note })))
      .then((summary) => {
        setStatus(summary.status)
        onStatusChange(summary)
        return load()
      })
      .catch(report)
  }

  useShortcut('comment', startComment)
  useShortcut('suggest', () => setSuggesting((v) => !v))

  return {
    identity,
    review,
    status,
    anchors,
    active,
    suggestions,
    suggesting,
    pendingThread: pendingThread?.id ?? null,
    /** The plugins report where threads are anchored and which are under the caret. */
    setAnchors,
    setActive,
    listen,
    toggleSuggesting: () => setSuggesting((v) => !v),
    transition,
    startComment,
    cancelComment,
    comment,
    resolve: (threadId: string, resolved: boolean) => void call(api().review.resolve({ threadId, resolved })).then(load, report),
    deleteComment: (id: string) =>
      void call(api().review.deleteComment({ id })).then(() => {
        editor()?.update(() => $removeAnchor(id))
        return load()
      }, report),
    showThread: (id: string) => {
      const lexical = editor()
      if (lexical !== null) showAnchor(lexical, id)
    },
    accept: (id?: string) => editor()?.update(() => void $acceptSuggestion(id)),
    reject: (id?: string) => editor()?.update(() => void $rejectSuggestion(id)),
    setIdentity: (patch: { userName?: string; role?: 'reporter' | 'editor' }) => void call(api().settings.update(patch)).then(load, report),
    /** Removes the review's words and the old versions for good (after the user confirmed). */
    purge: () =>
      void call(api().review.purge({ articleId, confirm: true })).then((r) => {
        notify(t('review.purged', { count: r.versions }))
        return load()
      }, report)
  }
}

export type ReviewModel = ReturnType<typeof useReview>
