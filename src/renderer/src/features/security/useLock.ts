import { useCallback, useEffect, useState } from 'react'
import { api, call } from '../../api'
import { useShortcut } from '../../app/useShortcut'
import { flushAll } from '../editor/flush-registry'

/** Activity that keeps the desk open. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const

/**
 * Locking the desk: on Ctrl+Shift+L, or after the chosen minutes without a key or a
 * click. Everything typed is written first; then the store closes and lets go of its key,
 * and the window starts over on the lock screen (nothing of the articles stays in the page).
 */
export function useLock(initialMinutes: number) {
  const [minutes, setMinutesState] = useState(initialMinutes)
  const lock = useCallback(async () => {
    await flushAll()
    await call(api().store.lock())
    window.location.reload()
  }, [])
  useShortcut('lock', () => void lock())
  useEffect(() => {
    if (minutes === 0) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const reset = () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => void lock(), minutes * 60_000)
    }
    reset()
    for (const event of ACTIVITY) window.addEventListener(event, reset, { capture: true, passive: true })
    return () => {
      if (timer !== null) clearTimeout(timer)
      for (const event of ACTIVITY) window.removeEventListener(event, reset, { capture: true })
    }
  }, [minutes, lock])
  const setMinutes = useCallback(async (next: number) => {
    const saved = await call(api().settings.update({ lockAfterMinutes: next as 0 | 5 | 15 | 30 | 60 }))
    setMinutesState(saved.lockAfterMinutes)
  }, [])
  return { minutes, setMinutes, lock }
}

export type LockModel = ReturnType<typeof useLock>
