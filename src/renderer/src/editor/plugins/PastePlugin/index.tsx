import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND } from 'lexical'
import { $generateNodesFromDOM } from '@lexical/html'
import { $insertGeneratedNodes } from '@lexical/clipboard'
import { sanitizePastedHtml } from './sanitize'

/**
 * Every HTML paste goes through sanitizePastedHtml before Lexical imports it.
 * Lexical's own clipboard format (copy inside Qalam) and plain text are left
 * to Lexical; the link and heading transforms guard those paths.
 */
export function PastePlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null
          if (data === null) return false
          if (data.types.includes('application/x-lexical-editor')) return false
          const html = data.getData('text/html')
          if (html === '') return false
          event.preventDefault()
          const selection = $getSelection()
          if (!$isRangeSelection(selection)) return true
          const root = sanitizePastedHtml(html)
          const nodes = $generateNodesFromDOM(editor, root)
          $insertGeneratedNodes(editor, nodes, selection)
          return true
        },
        COMMAND_PRIORITY_HIGH
      ),
    [editor]
  )
  return null
}
