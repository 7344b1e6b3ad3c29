/**
 * Every editing shortcut in one table: the keydown handler matches it and the
 * toolbar's tooltips show it. Matched on `event.code` (the physical key), so
 * the shortcuts work the same with an Arabic keyboard layout active.
 */
export type EditorAction =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'link'
  | 'undo'
  | 'redo'
  | 'paragraph'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'bullet'
  | 'number'
  | 'quote'
  | 'direction'
  | 'snapshot'
  | 'search'
  | 'proofing'
  | 'comment'
  | 'suggest'
  | 'review'
  | 'wipe'
  | 'lock'
  | 'help'
  | 'textBigger'
  | 'textSmaller'
  | 'focus'

export interface Shortcut {
  code: string
  shift?: boolean
  alt?: boolean
}

export const SHORTCUTS: Record<EditorAction, Shortcut[]> = {
  bold: [{ code: 'KeyB' }],
  italic: [{ code: 'KeyI' }],
  underline: [{ code: 'KeyU' }],
  strikethrough: [{ code: 'KeyS', shift: true }],
  link: [{ code: 'KeyK' }],
  undo: [{ code: 'KeyZ' }],
  redo: [{ code: 'KeyZ', shift: true }, { code: 'KeyY' }],
  paragraph: [{ code: 'Digit0', alt: true }],
  h2: [{ code: 'Digit2', alt: true }],
  h3: [{ code: 'Digit3', alt: true }],
  h4: [{ code: 'Digit4', alt: true }],
  bullet: [{ code: 'Digit8', shift: true }],
  number: [{ code: 'Digit7', shift: true }],
  quote: [{ code: 'Digit9', shift: true }],
  direction: [{ code: 'KeyX', shift: true }],
  snapshot: [{ code: 'KeyS' }],
  search: [{ code: 'KeyF', shift: true }],
  proofing: [{ code: 'KeyP', shift: true }],
  comment: [{ code: 'KeyM', alt: true }],
  suggest: [{ code: 'KeyE', shift: true }],
  review: [{ code: 'KeyR', shift: true }],
  // The panic wipe: Ctrl+Shift+Delete opens it, the same keys again carry it out.
  wipe: [{ code: 'Delete', shift: true }],
  lock: [{ code: 'KeyL', shift: true }],
  help: [{ code: 'Slash' }],
  textBigger: [{ code: 'Equal' }],
  textSmaller: [{ code: 'Minus' }],
  focus: [{ code: 'Enter', shift: true }]
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

interface KeyLike {
  code: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

/** The action a key event asks for, if any. */
export function matchShortcut(event: KeyLike, mac = isMac()): EditorAction | null {
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
  if (!mod) return null
  for (const [action, shortcuts] of Object.entries(SHORTCUTS) as [EditorAction, Shortcut[]][]) {
    for (const s of shortcuts) {
      if (s.code === event.code && (s.shift ?? false) === event.shiftKey && (s.alt ?? false) === event.altKey) return action
    }
  }
  return null
}

function keyName(code: string): string {
  if (code === 'Slash') return '/'
  if (code === 'Equal') return '='
  if (code === 'Minus') return '-'
  if (code.startsWith('Key')) return code.slice(3)
  if (code.startsWith('Digit')) return code.slice(5)
  return code
}

/** "Ctrl+Shift+X" or "⌘⇧X", for tooltips. Shortcut labels are always LTR. */
export function shortcutLabel(action: EditorAction, mac = isMac()): string {
  const s = SHORTCUTS[action][0]!
  if (mac) return `⌘${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${keyName(s.code)}`
  return ['Ctrl', s.alt ? 'Alt' : null, s.shift ? 'Shift' : null, keyName(s.code)].filter(Boolean).join('+')
}
