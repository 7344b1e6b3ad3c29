import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, $isTextNode, COMMAND_PRIORITY_CRITICAL, FORMAT_TEXT_COMMAND } from 'lexical'
import { wordEndAfter, wordStartBefore } from '@shared/arabic/word-boundaries'

/**
 * Bold or italic on part of an Arabic word would put a style boundary between
 * joined letters. Before any text format is applied, a selection edge that
 * falls inside an Arabic word is moved to the word's edge, so formatting
 * always covers whole words and the letters keep their joined forms.
 */
export function ArabicFormatPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        FORMAT_TEXT_COMMAND,
        () => {
          const selection = $getSelection()
          if (!$isRangeSelection(selection) || selection.isCollapsed()) return false
          const backward = selection.isBackward()
          const start = backward ? selection.focus : selection.anchor
          const end = backward ? selection.anchor : selection.focus
          const startNode = start.getNode()
          const endNode = end.getNode()
          if (start.type === 'text' && $isTextNode(startNode)) {
            const moved = wordStartBefore(startNode.getTextContent(), start.offset)
            if (moved !== start.offset) start.set(start.key, moved, 'text')
          }
          if (end.type === 'text' && $isTextNode(endNode)) {
            const moved = wordEndAfter(endNode.getTextContent(), end.offset)
            if (moved !== end.offset) end.set(end.key, moved, 'text')
          }
          // Not handled: the rich-text plugin applies the format to the widened selection.
          return false
        },
        COMMAND_PRIORITY_CRITICAL
      ),
    [editor]
  )
  return null
}
