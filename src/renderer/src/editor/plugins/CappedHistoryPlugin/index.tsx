import { useEffect, useMemo } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { createEmptyHistoryState, registerHistory } from '@lexical/history'

/** Undo steps kept; a day of typing must not grow memory without bound. */
export const HISTORY_MAX_DEPTH = 300
/** Keystrokes closer together than this merge into one undo step. */
export const HISTORY_MERGE_DELAY_MS = 1000

/** Undo/redo with a capped stack: the oldest steps fall off first. */
export function CappedHistoryPlugin({ maxDepth = HISTORY_MAX_DEPTH }: { maxDepth?: number }): null {
  const [editor] = useLexicalComposerContext()
  const historyState = useMemo(() => createEmptyHistoryState(), [])
  useEffect(() => registerHistory(editor, historyState, HISTORY_MERGE_DELAY_MS, undefined, undefined, maxDepth), [editor, historyState, maxDepth])
  return null
}
