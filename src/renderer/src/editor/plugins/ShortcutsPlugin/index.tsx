import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { COMMAND_PRIORITY_HIGH, FORMAT_TEXT_COMMAND, KEY_DOWN_COMMAND, REDO_COMMAND, UNDO_COMMAND, type LexicalEditor } from 'lexical'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list'
import { matchShortcut, type EditorAction } from '../../shortcuts'
import { OPEN_LINK_DIALOG_COMMAND, SET_BLOCK_TYPE_COMMAND, TOGGLE_BLOCK_DIRECTION_COMMAND } from '../../commands'

/** Runs one editor action; shared by the keyboard shortcuts and the toolbar. */
export function runEditorAction(editor: LexicalEditor, action: EditorAction): void {
  switch (action) {
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
      editor.dispatchCommand(FORMAT_TEXT_COMMAND, action)
      break
    case 'undo':
      editor.dispatchCommand(UNDO_COMMAND, undefined)
      break
    case 'redo':
      editor.dispatchCommand(REDO_COMMAND, undefined)
      break
    case 'link':
      editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined)
      break
    case 'paragraph':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'quote':
      editor.dispatchCommand(SET_BLOCK_TYPE_COMMAND, action)
      break
    case 'bullet':
      editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)
      break
    case 'number':
      editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)
      break
    case 'direction':
      editor.dispatchCommand(TOGGLE_BLOCK_DIRECTION_COMMAND, undefined)
      break
    case 'snapshot':
    case 'search':
    case 'proofing':
      // Handled for the whole window (the article view, the desk).
      break
  }
}

/** Keyboard shortcuts from the one table in shortcuts.ts. */
export function ShortcutsPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const action = matchShortcut(event)
          if (action === null || action === 'snapshot' || action === 'search' || action === 'proofing') return false
          event.preventDefault()
          runEditorAction(editor, action)
          return true
        },
        COMMAND_PRIORITY_HIGH
      ),
    [editor]
  )
  return null
}
