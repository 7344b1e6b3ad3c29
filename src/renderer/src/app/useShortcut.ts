import { useEffect, useRef } from 'react'
import { matchShortcut, type EditorAction } from '../editor/shortcuts'

/**
 * Runs `handler` when the shortcut for `action` is pressed anywhere in the window
 * (caught before the editor sees it, so Ctrl+S never reaches the page). One window
 * listener serves every registered shortcut.
 */
export function useShortcut(action: EditorAction, handler: () => void, enabled = true): void {
  const ref = useRef(handler)
  ref.current = handler
  useEffect(() => {
    if (!enabled) return
    const entry = { action, run: () => ref.current() }
    handlers.add(entry)
    if (handlers.size === 1) window.addEventListener('keydown', onKey, true)
    return () => {
      handlers.delete(entry)
      if (handlers.size === 0) window.removeEventListener('keydown', onKey, true)
    }
  }, [action, enabled])
}

const handlers = new Set<{ action: EditorAction; run: () => void }>()

function onKey(event: KeyboardEvent): void {
  const action = matchShortcut(event)
  if (action === null) return
  const matching = [...handlers].filter((h) => h.action === action)
  if (matching.length === 0) return
  event.preventDefault()
  event.stopPropagation()
  for (const h of matching) h.run()
}
