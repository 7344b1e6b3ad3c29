import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getMarkIDs, $isMarkNode, $unwrapMarkNode, $wrapSelectionInMarkNode, MarkNode } from '@lexical/mark'
import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, ParagraphNode, type EditorState, type LexicalEditor, type LexicalNode } from 'lexical'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListNode } from '@lexical/list'
import { expandToArabicWords } from '@shared/arabic/word-boundaries'
import { blockNoteId, noteAnchor, noteIdOfThread } from '@shared/domain/notes'

/**
 * Comment anchors: Lexical's MarkNode around the commented text, its ids the
 * threads' ids (a passage can carry several). The text stays ordinary text, so an
 * anchor follows every edit around it; when all of its text is deleted the mark goes
 * with it, and the thread shows as detached.
 */

/** Wraps the selection in a mark for a new thread; its quote, or null when nothing is selected. */
export function $anchorComment(threadId: string): string | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return null
  // An anchor that starts or ends inside an Arabic word takes the whole word, as formatting does (the mark's edge stays at a word boundary).
  const anchorNode = selection.anchor.getNode()
  const focusNode = selection.focus.getNode()
  if ($isTextNode(anchorNode) && anchorNode === focusNode) {
    const [start, end] = expandToArabicWords(anchorNode.getTextContent(), selection.anchor.offset, selection.focus.offset)
    selection.setTextNodeRange(anchorNode, start, anchorNode, end)
  }
  const quote = selection.getTextContent()
  if (quote.trim() === '') return null
  $wrapSelectionInMarkNode(selection, selection.isBackward(), threadId)
  return quote.slice(0, 2_000)
}

function $marks(): MarkNode[] {
  const out: MarkNode[] = []
  const walk = (node: LexicalNode) => {
    if ($isMarkNode(node)) out.push(node)
    if ($isElementNode(node)) for (const child of node.getChildren()) walk(child)
  }
  walk($getRoot())
  return out
}

/** Takes a thread's anchor out of the text (the text stays). */
export function $removeAnchor(threadId: string): void {
  for (const mark of $marks()) {
    if (!mark.hasID(threadId)) continue
    mark.deleteID(threadId)
    if (mark.getIDs().length === 0) $unwrapMarkNode(mark)
  }
}

/** The site's note on a top-level block (WordPress's Notes), from its node state. */
const $blockNote = (node: LexicalNode): number | null => blockNoteId((node.exportJSON() as { $?: unknown }).$)

/** The threads the document anchors, in reading order: the marks' thread ids, and `note:<id>` for a block carrying a site's note. */
export function anchoredThreads(state: EditorState): string[] {
  return state.read(() => {
    const ids: string[] = []
    for (const block of $getRoot().getChildren()) {
      const note = $blockNote(block)
      if (note !== null && !ids.includes(noteAnchor(note))) ids.push(noteAnchor(note))
      const walk = (node: LexicalNode) => {
        if ($isMarkNode(node)) for (const id of node.getIDs()) if (!ids.includes(id)) ids.push(id)
        if ($isElementNode(node)) for (const child of node.getChildren()) walk(child)
      }
      walk(block)
    }
    return ids
  })
}

/** Scrolls a thread's anchor into view and flashes it. */
export function showAnchor(editor: LexicalEditor, threadId: string): void {
  const note = noteIdOfThread(threadId)
  const key = editor.getEditorState().read(() =>
    note !== null
      ? $getRoot()
          .getChildren()
          .find((b) => $blockNote(b) === note)
          ?.getKey()
      : $marks()
          .find((m) => m.hasID(threadId))
          ?.getKey()
  )
  if (key === undefined) return
  const el = editor.getElementByKey(key)
  el?.scrollIntoView({ block: 'center' })
  el?.classList.add('q-comment-flash')
  setTimeout(() => el?.classList.remove('q-comment-flash'), 1200)
}

interface Props {
  /** The threads anchored where the caret is (empty when none). */
  onActive: (threadIds: string[]) => void
  /** The anchored threads, after every change to the text. */
  onAnchors: (threadIds: string[]) => void
}

/**
 * Tells the review panel which threads are anchored, and which one the caret is in.
 * Nothing here walks the document on a keystroke: the anchors are listed again only
 * when a mark is created, changed or destroyed (a mutation listener), and the thread
 * at the caret is read from the caret's own text node.
 */
export function CommentPlugin({ onActive, onAnchors }: Props) {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    onAnchors(anchoredThreads(editor.getEditorState()))
    let last = ''
    const stopMarks = editor.registerMutationListener(MarkNode, () => onAnchors(anchoredThreads(editor.getEditorState())), { skipInitialization: true })
    // A block that may carry a site's note came or went (typing only updates blocks: nothing is walked then).
    const blocksCameOrWent = (mutations: Map<string, 'created' | 'updated' | 'destroyed'>) => {
      for (const kind of mutations.values()) if (kind !== 'updated') return onAnchors(anchoredThreads(editor.getEditorState()))
    }
    const stopBlocks = [ParagraphNode, HeadingNode, QuoteNode, ListNode].map((klass) => editor.registerMutationListener(klass, blocksCameOrWent, { skipInitialization: true }))
    const stopCaret = editor.registerUpdateListener(({ editorState }) => {
      const active = editorState.read(() => {
        const selection = $getSelection()
        if (!$isRangeSelection(selection)) return []
        const node = selection.anchor.getNode()
        return $isTextNode(node) ? ($getMarkIDs(node, selection.anchor.offset) ?? []) : []
      })
      const key = active.join(' ')
      if (key !== last) {
        last = key
        onActive(active)
      }
    })
    return () => {
      stopMarks()
      for (const stop of stopBlocks) stop()
      stopCaret()
    }
  }, [editor, onActive, onAnchors])
  return null
}
