import { useCallback, useEffect, useState } from 'react'
import { TEXT_SIZES, type Settings } from '@shared/domain/app'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'
import { useShortcut } from '../../app/useShortcut'

type Theme = Settings['theme']

/** The dark theme follows the system unless the reporter chose one. */
function applyTheme(theme: Theme, systemDark: boolean): void {
  document.documentElement.dataset.theme = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme
}

/**
 * Night work and long sessions: the theme (system, light, dark), the copy's text size
 * (Ctrl+= / Ctrl+-, kept per person in the settings), and focus mode (Ctrl+Shift+Enter,
 * or Escape to leave: only the headline and the body).
 */
export function useAppearance(initial: Pick<Settings, 'theme' | 'textSize'>) {
  const { report } = useNotices()
  const [theme, setThemeState] = useState<Theme>(initial.theme)
  const [textSize, setTextSizeState] = useState(initial.textSize)
  const [focus, setFocus] = useState(false)

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    applyTheme(theme, query.matches)
    const follow = () => applyTheme(theme, query.matches)
    query.addEventListener('change', follow)
    return () => query.removeEventListener('change', follow)
  }, [theme])
  useEffect(() => {
    document.documentElement.style.setProperty('--text-scale', String(textSize / 100))
  }, [textSize])

  const setTheme = useCallback(
    (next: Theme) => {
      setThemeState(next)
      void call(api().settings.update({ theme: next })).catch(report)
    },
    [report]
  )
  const step = useCallback(
    (by: 1 | -1) => {
      setTextSizeState((current) => {
        const at = TEXT_SIZES.indexOf(current as (typeof TEXT_SIZES)[number])
        const next = TEXT_SIZES[Math.min(TEXT_SIZES.length - 1, Math.max(0, (at === -1 ? TEXT_SIZES.indexOf(100) : at) + by))]!
        if (next !== current) void call(api().settings.update({ textSize: next })).catch(report)
        return next
      })
    },
    [report]
  )
  useShortcut('textBigger', () => step(1))
  useShortcut('textSmaller', () => step(-1))
  useShortcut('focus', () => setFocus((f) => !f))
  useEffect(() => {
    if (!focus) return
    // Caught before the panels' Escape: in focus mode the first Escape leaves it (the hidden panels stay as they were).
    const leave = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]') !== null) return
      event.preventDefault()
      setFocus(false)
    }
    window.addEventListener('keydown', leave, true)
    return () => window.removeEventListener('keydown', leave, true)
  }, [focus])

  return { theme, setTheme, textSize, focus, setFocus }
}

export type AppearanceModel = ReturnType<typeof useAppearance>
