import { useCallback, useState } from 'react'
import { useShortcut } from './useShortcut'

/** The panels and dialogs of the desk, and which are open. */
export const PANELS = ['search', 'sync', 'queue', 'proofing', 'review', 'revisions', 'notes', 'security'] as const
export type Panel = (typeof PANELS)[number]

export function usePanels() {
  const [shown, setShown] = useState<Record<Panel, boolean>>({
    search: false,
    sync: false,
    queue: false,
    proofing: false,
    review: false,
    revisions: false,
    notes: false,
    security: false
  })
  const set = useCallback((panel: Panel, on: boolean) => setShown((s) => (s[panel] === on ? s : { ...s, [panel]: on })), [])
  const toggle = useCallback((panel: Panel) => setShown((s) => ({ ...s, [panel]: !s[panel] })), [])
  const open = useCallback((panel: Panel) => set(panel, true), [set])
  const close = useCallback((panel: Panel) => set(panel, false), [set])

  // Search is one shortcut away from anywhere in the window; proofing and review toggle.
  useShortcut('search', () => open('search'))
  useShortcut('proofing', () => toggle('proofing'))
  useShortcut('review', () => toggle('review'))

  return { shown, open, close, toggle }
}

export type PanelsModel = ReturnType<typeof usePanels>
