import { useCallback, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createRangeSelection, $getNearestNodeFromDOMNode, $isTextNode, $setSelection } from 'lexical'
import { wordsWithOffsets } from '@shared/arabic/normalize'

export interface SpellcheckApi {
  misspelled(words: string[]): Promise<string[]>
  suggest(word: string): Promise<string[]>
  ignore(word: string): Promise<void>
  addWord(word: string): Promise<void>
}

interface Menu {
  x: number
  y: number
  word: string
  node: Text
  start: number
  end: number
  suggestions: string[] | null
}

const HIGHLIGHT = 'qalam-spelling'
const DELAY_MS = 600

/** The CSS Custom Highlight API, where the browser has it (Chromium does). */
function highlights(): { set(name: string, h: unknown): void; delete(name: string): void } | null {
  const css = (globalThis as { CSS?: { highlights?: { set(name: string, h: unknown): void; delete(name: string): void } } }).CSS
  return css?.highlights ?? null
}

/**
 * Underlines misspelled words without touching the document (the CSS Custom Highlight
 * API over the editor's own text nodes), a little after typing stops; the checking
 * happens in main's spell worker. A right click on an underlined word offers the
 * suggestions, «تجاهل» and «أضف إلى قاموس الجريدة».
 */
export function SpellcheckPlugin({ spell }: { spell: SpellcheckApi }) {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation()
  const wrong = useRef(new Set<string>())
  const [menu, setMenu] = useState<Menu | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const run = useRef(0)

  const paint = useCallback(() => {
    const root = editor.getRootElement()
    const registry = highlights()
    if (root === null || registry === null) return
    const ranges: Range[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode() as Text | null; n !== null; n = walker.nextNode() as Text | null) {
      // Only the editable text: not a kept site block, not an image's caption field.
      if (n.parentElement?.closest('[contenteditable]') !== root) continue
      for (const w of wordsWithOffsets(n.data)) {
        if (!wrong.current.has(w.word)) continue
        const r = document.createRange()
        r.setStart(n, w.start)
        r.setEnd(n, w.end)
        ranges.push(r)
      }
    }
    const HighlightCtor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight
    if (HighlightCtor === undefined) return
    registry.set(HIGHLIGHT, new HighlightCtor(...ranges))
    root.dataset.misspelled = String(ranges.length)
  }, [editor])

  const check = useCallback(async () => {
    const root = editor.getRootElement()
    if (root === null) return
    const mine = ++run.current
    const words = [...new Set(wordsWithOffsets(root.textContent ?? '').map((w) => w.word))]
    try {
      const found = await spell.misspelled(words)
      if (mine !== run.current) return
      wrong.current = new Set(found)
      paint()
    } catch {
      // The spell checker is a help, never a blocker: no underlines this round.
    }
  }, [editor, spell, paint])

  useEffect(() => {
    const schedule = () => {
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = setTimeout(() => void check(), DELAY_MS)
    }
    schedule()
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      // Text changed: nothing on the keystroke itself; check and repaint once typing pauses.
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) schedule()
    })
    return () => {
      unregister()
      if (timer.current !== null) clearTimeout(timer.current)
      highlights()?.delete(HIGHLIGHT)
    }
  }, [editor, check, paint])

  useEffect(() => {
    const root = editor.getRootElement()
    if (root === null) return
    const onContextMenu = (event: MouseEvent) => {
      const caret = document.caretRangeFromPoint?.(event.clientX, event.clientY)
      const node = caret?.startContainer
      if (caret == null || node === undefined || node.nodeType !== Node.TEXT_NODE) return
      const text = node as Text
      const hit = wordsWithOffsets(text.data).find((w) => caret.startOffset >= w.start && caret.startOffset <= w.end && wrong.current.has(w.word))
      if (hit === undefined) return
      event.preventDefault()
      setMenu({ x: event.clientX, y: event.clientY, word: hit.word, node: text, start: hit.start, end: hit.end, suggestions: null })
      void spell.suggest(hit.word).then(
        (suggestions) => setMenu((m) => (m !== null && m.word === hit.word ? { ...m, suggestions } : m)),
        () => setMenu((m) => (m !== null ? { ...m, suggestions: [] } : m))
      )
    }
    root.addEventListener('contextmenu', onContextMenu)
    return () => root.removeEventListener('contextmenu', onContextMenu)
  }, [editor, spell])

  useEffect(() => {
    if (menu === null) return
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return
      if (e instanceof MouseEvent && (e.target as Element | null)?.closest('.spell-menu') !== null) return
      // This Escape closes the menu only, not the side panel beneath it.
      if (e instanceof KeyboardEvent) e.preventDefault()
      setMenu(null)
    }
    window.addEventListener('keydown', close, true)
    window.addEventListener('mousedown', close, true)
    return () => {
      window.removeEventListener('keydown', close, true)
      window.removeEventListener('mousedown', close, true)
    }
  }, [menu])

  const replace = (m: Menu, replacement: string) => {
    editor.update(() => {
      const node = $getNearestNodeFromDOMNode(m.node)
      if (!$isTextNode(node) || node.getTextContent().slice(m.start, m.end) !== m.word) return
      const selection = $createRangeSelection()
      selection.anchor.set(node.getKey(), m.start, 'text')
      selection.focus.set(node.getKey(), m.end, 'text')
      $setSelection(selection)
      selection.insertText(replacement)
    })
    setMenu(null)
  }

  const forget = async (m: Menu, how: 'ignore' | 'add') => {
    setMenu(null)
    await (how === 'ignore' ? spell.ignore(m.word) : spell.addWord(m.word))
    wrong.current.delete(m.word)
    paint()
  }

  return menu === null
    ? null
    : createPortal(
        <div
          className="spell-menu"
          role="menu"
          // Opened where the pointer is: the inline-start edge under it, whichever way the interface reads.
          style={{ insetBlockStart: menu.y, insetInlineStart: getComputedStyle(document.body).direction === 'rtl' ? window.innerWidth - menu.x : menu.x }}
          data-testid="spell-menu"
        >
          {menu.suggestions === null ? (
            <div className="spell-menu-note">…</div>
          ) : menu.suggestions.length === 0 ? (
            <div className="spell-menu-note">{t('proofing.noSuggestions')}</div>
          ) : (
            menu.suggestions.map((s) => (
              <button key={s} type="button" role="menuitem" className="spell-suggestion" onClick={() => replace(menu, s)}>
                {s}
              </button>
            ))
          )}
          <hr />
          <button type="button" role="menuitem" onClick={() => void forget(menu, 'ignore')}>
            {t('proofing.ignore')}
          </button>
          <button type="button" role="menuitem" onClick={() => void forget(menu, 'add')}>
            {t('proofing.addWord')}
          </button>
        </div>,
        document.body
      )
}
