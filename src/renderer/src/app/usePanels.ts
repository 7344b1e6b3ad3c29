import { useCallback, useEffect, useRef, useState } from 'react'
import { useShortcut } from './useShortcut'

/** The panels and dialogs of the desk, and which are open. */
export const PANELS = ['search', 'sync', 'queue', 'proofing', 'review', 'revisions', 'notes', 'security', 'help', 'list', 'settings'] as const
export type Panel = (typeof PANELS)[number]

/** Panels that take room beside the text: one at a time, so the column a reporter writes in keeps its measure. */
const BESIDE: readonly Panel[] = ['sync', 'queue', 'proofing', 'review', 'revisions', 'notes']

const CLOSED: Record<Panel, boolean> = {
  search: false,
  sync: false,
  queue: false,
  proofing: false,
  review: false,
  revisions: false,
  notes: false,
  security: false,
  help: false,
  list: false,
  settings: false
}

/**
 * Which panels are open, in the order they were opened: Escape closes the topmost one
 * (a modal dialog closes itself first), and focus goes back to where it was when that
 * panel opened.
 */
export function usePanels() {
  const [shown, setShown] = useState<Record<Panel, boolean>>(CLOSED)
  /** Open panels, last opened last, each with the element that had focus before it. */
  const stack = useRef<{ panel: Panel; from: Element | null; home: Element | null }[]>([])

  const set = useCallback((panel: Panel, on: boolean) => {
    if (on && BESIDE.includes(panel)) {
      // Opening one panel beside the text closes the one that was there (its focus origin is inherited).
      const others = stack.current.filter((s) => s.panel !== panel && BESIDE.includes(s.panel))
      if (others.length > 0) {
        stack.current = stack.current.filter((s) => !others.includes(s))
        setShown((s) => ({ ...s, ...Object.fromEntries(others.map((o) => [o.panel, false])) }))
      }
    }
    if (on && !stack.current.some((s) => s.panel === panel)) {
      // A button in a menu that closes behind it (the toolbar's «المزيد») gives focus back to the menu's own button.
      const from = document.activeElement
      stack.current.push({ panel, from, home: from?.closest('[data-focus-home]')?.querySelector('button') ?? null })
    }
    if (!on) {
      const entry = stack.current.find((s) => s.panel === panel)
      stack.current = stack.current.filter((s) => s.panel !== panel)
      // Focus goes back where it was, once the panel is gone (the element may have been inside it).
      if (entry !== undefined)
        setTimeout(() => {
          const back = entry.from instanceof HTMLElement && entry.from.isConnected ? entry.from : entry.home
          if (back instanceof HTMLElement && back.isConnected) back.focus()
        }, 0)
    }
    setShown((s) => (s[panel] === on ? s : { ...s, [panel]: on }))
  }, [])
  const open = useCallback((panel: Panel) => set(panel, true), [set])
  const close = useCallback((panel: Panel) => set(panel, false), [set])
  const toggle = useCallback((panel: Panel) => set(panel, !stack.current.some((s) => s.panel === panel)), [set])

  // Search is one shortcut away from anywhere in the window; proofing, review and the shortcut list toggle.
  useShortcut('search', () => open('search'))
  useShortcut('proofing', () => toggle('proofing'))
  useShortcut('review', () => toggle('review'))
  useShortcut('help', () => toggle('help'))

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      // A modal dialog (search, help, a confirmation) takes its own Escape through its cancel event.
      if (document.querySelector('dialog[open]') !== null) return
      const top = stack.current[stack.current.length - 1]
      if (top === undefined) return
      event.preventDefault()
      close(top.panel)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [close])

  return { shown, open, close, toggle }
}

export type PanelsModel = ReturnType<typeof usePanels>
