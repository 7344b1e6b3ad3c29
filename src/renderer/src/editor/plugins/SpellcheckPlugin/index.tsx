import { useCallback, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createRangeSelection, $getNearestNodeFromDOMNode, $isTextNode, $setSelection } from 'lexical'
import { wordBefore, wordsWithOffsets } from '@shared/arabic/normalize'

export interface SpellcheckApi {
  misspelled(words: string[]): Promise<string[]>
  /** Of these pairs (the word before, a word), those where the word before tells a slip: «قال أنه». */
  inContext(pairs: [string, string][]): Promise<[string, string][]>
  /** Suggestions, the fix the word before tells first when it is given. */
  suggest(word: string, previous?: string): Promise<string[]>
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

/** The editable text nodes of the editor: not a kept site block, not an image's caption field. */
function* editableText(root: HTMLElement): Generator<Text> {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode() as Text | null; n !== null; n = walker.nextNode() as Text | null) if (n.parentElement?.closest('[contenteditable]') === root) yield n
}

/** Each word of a text node with the word right before it in the same node (only spaces between), if any. */
function wordsOf(text: string): { word: string; start: number; end: number; previous: string | null }[] {
  const words = wordsWithOffsets(text)
  return words.map((w, i) => ({ ...w, previous: wordBefore(text, words, i) }))
}

const pairKey = (previous: string, word: string) => `${previous} ${word}`

/** Underlined: a misspelled word, or a word the word before makes a slip. */
const flaggedIn = (wrong: Set<string>, slips: Set<string>, w: { word: string; previous: string | null }) =>
  wrong.has(w.word) || (w.previous !== null && slips.has(pairKey(w.previous, w.word)))

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
  /** Pairs (pairKey) where the word before makes the word a slip. */
  const slips = useRef(new Set<string>())
  const [menu, setMenu] = useState<Menu | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const run = useRef(0)

  const paint = useCallback(() => {
    const root = editor.getRootElement()
    const registry = highlights()
    if (root === null || registry === null) return
    const ranges: Range[] = []
    for (const n of editableText(root)) {
      for (const w of wordsOf(n.data)) {
        if (!flaggedIn(wrong.current, slips.current, w)) continue
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
    // Word by text node: the editor's paragraphs are not parted by spaces in the root's textContent.
    const words = new Set<string>()
    const pairs = new Map<string, [string, string]>()
    for (const n of editableText(root))
      for (const w of wordsOf(n.data)) {
        words.add(w.word)
        if (w.previous !== null) pairs.set(pairKey(w.previous, w.word), [w.previous, w.word])
      }
    try {
      const [found, inContext] = await Promise.all([spell.misspelled([...words]), spell.inContext([...pairs.values()])])
      if (mine !== run.current) return
      wrong.current = new Set(found)
      slips.current = new Set(inContext.map(([previous, word]) => pairKey(previous, word)))
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
      const hit = wordsOf(text.data).find((w) => caret.startOffset >= w.start && caret.startOffset <= w.end && flaggedIn(wrong.current, slips.current, w))
      if (hit === undefined) return
      event.preventDefault()
      setMenu({ x: event.clientX, y: event.clientY, word: hit.word, node: text, start: hit.start, end: hit.end, suggestions: null })
      // With the word before: the checker puts the fix it tells first, when it tells one.
      void spell.suggest(hit.word, hit.previous ?? undefined).then(
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
    slips.current = new Set([...slips.current].filter((key) => !key.endsWith(` ${m.word}`)))
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
