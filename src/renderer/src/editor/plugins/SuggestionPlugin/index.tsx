import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import {
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
  $getSelection,
  $isRangeSelection
} from 'lexical'
import { $suggestDelete, $suggestDeleteSelection, $suggestInsert } from './suggestions'

export { $acceptSuggestion, $rejectSuggestion, listSuggestions, type SuggestionInfo } from './suggestions'

interface Props {
  /** Suggestion mode: edits become suggestions instead of changing the text. */
  enabled: boolean
  author: string
  /** Told when an edit cannot be a suggestion (a paragraph break), so the user knows why nothing happened. */
  onRefused?: (what: 'structure') => void
}

/**
 * Suggestion mode. Every way text gets in or out (typing, which the browser would
 * otherwise insert itself; delete and backspace by character, word or line; cut;
 * paste) goes through Lexical commands, and in suggestion mode this plugin handles
 * them first. Formatting is applied directly (see README).
 */
export function SuggestionPlugin({ enabled, author, onRefused }: Props) {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    if (!enabled) return
    const onBeforeInput = (event: InputEvent) => {
      // Typed text would be inserted by the browser and read back by Lexical; in suggestion mode it goes through the command instead.
      if ((event.inputType === 'insertText' || event.inputType === 'insertReplacementText') && !event.isComposing) {
        const data = event.data ?? event.dataTransfer?.getData('text/plain') ?? null
        if (data === null || data === '') return
        event.preventDefault()
        event.stopImmediatePropagation()
        editor.update(() => {
          $suggestInsert(data.replace(/\r?\n/g, ' '), author)
        })
      }
    }
    const stopRoot = editor.registerRootListener((root, prev) => {
      prev?.removeEventListener('beforeinput', onBeforeInput, true)
      root?.addEventListener('beforeinput', onBeforeInput, true)
    })
    const stopCommands = mergeRegister(
      editor.registerCommand(
        CONTROLLED_TEXT_INSERTION_COMMAND,
        (payload) => {
          const text = typeof payload === 'string' ? payload : (payload.data ?? '')
          return $suggestInsert(text.replace(/\r?\n/g, ' '), author)
        },
        COMMAND_PRIORITY_CRITICAL
      ),
      editor.registerCommand(DELETE_CHARACTER_COMMAND, (isBackward) => $suggestDelete(author, isBackward, 'character'), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(DELETE_WORD_COMMAND, (isBackward) => $suggestDelete(author, isBackward, 'word'), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(DELETE_LINE_COMMAND, (isBackward) => $suggestDelete(author, isBackward, 'lineboundary'), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(
        REMOVE_TEXT_COMMAND,
        () => {
          const selection = $getSelection()
          if ($isRangeSelection(selection)) $suggestDeleteSelection(selection, author, false)
          return true
        },
        COMMAND_PRIORITY_CRITICAL
      ),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const text = event instanceof ClipboardEvent ? (event.clipboardData?.getData('text/plain') ?? '') : ''
          if (event instanceof ClipboardEvent) event.preventDefault()
          // Pasted in suggestion mode: its text, as one suggested insertion.
          return text === '' ? true : $suggestInsert(text.replace(/\s*\r?\n\s*/g, ' '), author)
        },
        COMMAND_PRIORITY_CRITICAL
      ),
      editor.registerCommand(
        INSERT_PARAGRAPH_COMMAND,
        () => {
          onRefused?.('structure')
          return true
        },
        COMMAND_PRIORITY_CRITICAL
      ),
      editor.registerCommand(
        INSERT_LINE_BREAK_COMMAND,
        () => {
          onRefused?.('structure')
          return true
        },
        COMMAND_PRIORITY_CRITICAL
      )
    )
    return () => {
      stopRoot()
      stopCommands()
      const root = editor.getRootElement()
      root?.removeEventListener('beforeinput', onBeforeInput, true)
    }
  }, [editor, enabled, author, onRefused])
  return null
}
