import { describe, expect, it } from 'vitest'
import { matchShortcut, shortcutLabel, SHORTCUTS } from '@renderer/editor/shortcuts'

const key = (code: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods
})

describe('shortcuts', () => {
  it('match the physical key, so they work with the Arabic layout', () => {
    // With the Arabic layout, KeyB types «لا», but Ctrl+KeyB is still bold.
    expect(matchShortcut(key('KeyB', { ctrlKey: true }), false)).toBe('bold')
    expect(matchShortcut(key('KeyK', { ctrlKey: true }), false)).toBe('link')
    expect(matchShortcut(key('KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe('redo')
    expect(matchShortcut(key('KeyY', { ctrlKey: true }), false)).toBe('redo')
    expect(matchShortcut(key('Digit2', { ctrlKey: true, altKey: true }), false)).toBe('h2')
    expect(matchShortcut(key('KeyX', { ctrlKey: true, shiftKey: true }), false)).toBe('direction')
  })

  it('use Cmd on macOS and Ctrl elsewhere', () => {
    expect(matchShortcut(key('KeyB', { metaKey: true }), true)).toBe('bold')
    expect(matchShortcut(key('KeyB', { ctrlKey: true }), true)).toBeNull()
    expect(matchShortcut(key('KeyB', { metaKey: true }), false)).toBeNull()
    expect(matchShortcut(key('KeyB'), false)).toBeNull()
  })

  it('are unambiguous', () => {
    const seen = new Set<string>()
    for (const list of Object.values(SHORTCUTS)) {
      for (const s of list) {
        const id = `${s.code}:${s.shift ?? false}:${s.alt ?? false}`
        expect(seen.has(id), id).toBe(false)
        seen.add(id)
      }
    }
  })

  it('label themselves for tooltips', () => {
    expect(shortcutLabel('bold', false)).toBe('Ctrl+B')
    expect(shortcutLabel('redo', false)).toBe('Ctrl+Shift+Z')
    expect(shortcutLabel('h3', false)).toBe('Ctrl+Alt+3')
    expect(shortcutLabel('bold', true)).toBe('⌘B')
  })
})
