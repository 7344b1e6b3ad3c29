import type { ReactNode } from 'react'

/** A toolbar button that shows whether what it opens or switches on is on (aria-pressed). */
export function ToggleButton({ pressed, onToggle, title, testId, children }: { pressed: boolean; onToggle: () => void; title?: string; testId?: string; children: ReactNode }) {
  return (
    <button type="button" className="tb-btn tb-text" title={title} aria-pressed={pressed} onClick={onToggle} data-testid={testId}>
      {children}
    </button>
  )
}
