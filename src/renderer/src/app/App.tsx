import { useEffect, useState } from 'react'
import type { Settings, StoreStatus } from '@shared/domain/app'
import { api, call } from '../api'
import { setMediaBaseUrl } from '../editor/media-url'
import { flushAll } from '../features/editor/flush-registry'
import { StoreRecovery } from '../features/store/StoreRecovery'
import { LockScreen } from '../features/store/LockScreen'
import { Desk } from './Desk'
import { initI18n, setDateChoices } from './i18n'

type Boot =
  | { kind: 'loading' }
  | { kind: 'store-failed'; status: Extract<StoreStatus, { state: 'failed' }> }
  | { kind: 'locked'; status: Extract<StoreStatus, { state: 'locked' }> }
  | { kind: 'ready'; settings: Settings }
  | { kind: 'error'; message: string }

/** Boots the app: the store's state first, then the desk or the recovery screen. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' })

  const start = async () => {
    // Before the settings are read (the lock screen, the recovery screen), the system's choice of light or dark.
    document.documentElement.dataset.theme ??= window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
    try {
      // Each answer is a round trip: the two that do not depend on each other are asked together.
      const [info, status] = await Promise.all([call(api().app.info()), call(api().store.status())])
      setMediaBaseUrl(info.mediaBaseUrl)
      if (status.state === 'failed') {
        setBoot({ kind: 'store-failed', status })
        return
      }
      if (status.state === 'locked') {
        setBoot({ kind: 'locked', status })
        return
      }
      const settings = await call(api().settings.get())
      await initI18n(settings.locale)
      setDateChoices(settings)
      setBoot({ kind: 'ready', settings })
    } catch (error) {
      setBoot({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
    }
  }

  useEffect(() => {
    void start()
    // Quitting: write every open article, then tell the main process it may go.
    return api().on('app:flush', () => {
      // How many articles still hold words that are not on disk (a full disk): the main process warns before quitting.
      void flushAll().then(
        (unsaved) => void api().app.flushed({ unsaved }),
        () => void api().app.flushed({ unsaved: 0 })
      )
    })
  }, [])

  switch (boot.kind) {
    case 'loading':
      return <div className="boot" aria-busy="true" />
    case 'error':
      return (
        <main className="store-recovery" role="alert">
          <p>{boot.message}</p>
        </main>
      )
    case 'store-failed':
      return <StoreRecovery status={boot.status} onReady={() => void start()} />
    case 'locked':
      return <LockScreen status={boot.status} onUnlocked={() => void start()} />
    case 'ready':
      return <Desk initialSettings={boot.settings} />
  }
}
