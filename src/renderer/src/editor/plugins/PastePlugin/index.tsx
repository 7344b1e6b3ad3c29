import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND } from 'lexical'
import { $generateNodesFromDOM } from '@lexical/html'
import { $generateNodesFromSerializedNodes, $insertGeneratedNodes, type BaseSerializedNode } from '@lexical/clipboard'
import { sanitizePastedHtml } from './sanitize'
import { LEXICAL_MIME, ownClipboardNodes, stampClipboardJson } from './own-clipboard'

/**
 * Every paste is checked here first. Lexical's own format counts only when this run
 * copied it (see own-clipboard), and comes in without review markup; every HTML paste
 * goes through sanitizePastedHtml; plain text is left to Lexical, whose link and heading
 * transforms guard that path.
 */
export function PastePlugin(): null {
  const [editor] = useLexicalComposerContext()
  // After Lexical has filled the clipboard on copy or cut (the editor's own listener runs first), its JSON gets this run's stamp.
  useEffect(() => {
    const stamp = (event: ClipboardEvent) => {
      const data = event.clipboardData
      const root = editor.getRootElement()
      if (data === null || root === null || !(event.target instanceof Node) || !root.contains(event.target)) return
      const json = data.getData(LEXICAL_MIME)
      const stamped = json === '' ? null : stampClipboardJson(json)
      if (stamped !== null) data.setData(LEXICAL_MIME, stamped)
    }
    window.addEventListener('copy', stamp)
    window.addEventListener('cut', stamp)
    return () => {
      window.removeEventListener('copy', stamp)
      window.removeEventListener('cut', stamp)
    }
  }, [editor])
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null
          if (data === null) return false
          const selection = $getSelection()
          const own = data.types.includes(LEXICAL_MIME) ? ownClipboardNodes(data.getData(LEXICAL_MIME)) : null
          if (own !== null) {
            event.preventDefault()
            if ($isRangeSelection(selection)) $insertGeneratedNodes(editor, $generateNodesFromSerializedNodes(own as BaseSerializedNode[]), selection)
            return true
          }
          const html = data.getData('text/html')
          if (html === '') {
            // Lexical's format from anywhere else is not read: its plain text is.
            if (!data.types.includes(LEXICAL_MIME)) return false
            event.preventDefault()
            if ($isRangeSelection(selection)) selection.insertRawText(data.getData('text/plain'))
            return true
          }
          event.preventDefault()
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
