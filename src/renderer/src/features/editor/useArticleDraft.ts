import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { $getRoot, BLUR_COMMAND, COMMAND_PRIORITY_LOW, type LexicalEditor } from 'lexical'
import { mergeRegister } from '@lexical/utils'
import type { Article, ArticleMeta } from '@shared/domain/article'
import { countText, readingMinutes, type TextCounts } from '@shared/arabic/count'
import { api, call } from '../../api'
import { $getCaretPosition, $restoreCaret } from '../../editor/caret'
import type { SavedInfo } from '../drafts/useArticleList'
import { AutosaveScheduler, type SaveState } from './autosave'
import { registerFlusher } from './flush-registry'

const COUNT_DELAY_MS = 300

/** What the desk is told as an article is written. */
export interface DraftEvents {
  onSaved: (info: SavedInfo) => void
  /** The article was written by something else (a sync) since it was loaded: reload it. */
  onStale: (id: string) => void
}

/** The update that puts the saved caret back on opening: not an edit. */
const CARET_RESTORED = 'qalam-caret-restored'

/** The status bar's counts: characters are counted once the browser is idle after opening. */
export type DraftCounts = Omit<TextCounts, 'characters'> & { characters: number | null }

/**
 * One article being written: its fields, the body editor, autosave (see
 * AutosaveScheduler), the caret, and live counts. Everything is written on blur,
 * on hiding the window, on switching articles and on quit.
 */
export function useArticleDraft(article: Article, events: DraftEvents) {
  const [title, setTitle] = useState(article.title)
  const [standfirst, setStandfirst] = useState(article.standfirst)
  const [meta, setMeta] = useState<ArticleMeta>(article.meta)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', at: article.saveCount > 0 ? article.updatedAt : null })
  // The stored word count shows at once; the full count (characters are graphemes: 30 ms for 5,000 words) waits
  // until the browser is idle, so it never delays the first editable frame.
  const [counts, setCounts] = useState<DraftCounts>(() => ({ words: article.wordCount, characters: null, readingMinutes: readingMinutes(article.wordCount) }))
  const fields = useRef({ title, standfirst, meta })
  fields.current = { title, standfirst, meta }
  const editorRef = useRef<LexicalEditor | null>(null)
  const caretDirty = useRef(false)
  const eventsRef = useRef(events)
  eventsRef.current = events
  // The status bar and the save both need the counts of the same text: count it once.
  const lastCount = useRef<{ text: string; counts: TextCounts } | null>(null)
  const countsOf = useCallback((text: string): TextCounts => {
    if (lastCount.current?.text !== text) lastCount.current = { text, counts: countText(text) }
    return lastCount.current.counts
  }, [])
  const knownSaveCount = useRef(article.saveCount)
  useEffect(() => {
    const idle = requestIdleCallback(() => setCounts((now) => (now.characters === null ? countsOf(article.bodyText) : now)), { timeout: 1000 })
    return () => cancelIdleCallback(idle)
  }, [article.bodyText, countsOf])

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
        eventsRef.current.onStale(article.id)
        return
      }
      knownSaveCount.current = result.saveCount
      eventsRef.current.onSaved({ id: article.id, title: currentTitle, wordCount: result.wordCount, updatedAt: result.savedAt })
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
    const unregister = registerFlusher(flush, () => scheduler.hasPendingChanges)
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

  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const recount = useCallback(() => {
    if (countTimer.current !== null) clearTimeout(countTimer.current)
    countTimer.current = setTimeout(() => {
      const text = editorRef.current?.getEditorState().read(() => $getRoot().getTextContent()) ?? ''
      setCounts(countsOf(text))
    }, COUNT_DELAY_MS)
  }, [countsOf])

  /** Takes the body editor once it exists: restores the caret, focuses, and listens for changes (plus `more` listeners). */
  const attach = useCallback(
    (editor: LexicalEditor, more: (editor: LexicalEditor) => () => void) => {
      if (editorRef.current === editor) return
      editorRef.current = editor
      editor.update(() => $restoreCaret(article.caret), { tag: ['history-merge', CARET_RESTORED] })
      editor.focus(undefined, { defaultSelection: 'rootEnd' })
      mergeRegister(
        editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, prevEditorState, tags }) => {
          // Loading the article and putting its caret back (which marks the caret's nodes dirty) change nothing to save.
          if (prevEditorState.isEmpty() || tags.has(CARET_RESTORED)) return
          if (dirtyElements.size === 0 && dirtyLeaves.size === 0) {
            caretDirty.current = true
            return
          }
          scheduler.change()
          recount()
        }),
        editor.registerCommand(BLUR_COMMAND, () => (void flush(), false), COMMAND_PRIORITY_LOW),
        more(editor)
      )
    },
    [article.caret, scheduler, flush, recount]
  )

  /** The body's editor, once it exists. */
  const editor = useCallback(() => editorRef.current, [])

  /** A field the reporter changed: kept, and saved with the rest. */
  const changeField =
    <T>(setter: (v: T) => void) =>
    (value: T) => {
      setter(value)
      scheduler.change()
    }

  return {
    title,
    standfirst,
    meta,
    setTitle: changeField(setTitle),
    setStandfirst: changeField(setStandfirst),
    setMeta: changeField(setMeta),
    saveState,
    counts,
    editor,
    flush,
    /** Writes what is pending now (before a move that reads the saved text). */
    save: () => scheduler.flush(),
    attach
  }
}

export type DraftModel = ReturnType<typeof useArticleDraft>
