import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoreStatus } from '@shared/domain/app'
import { api, call, ApiError } from '../../api'
import { NoticesProvider } from '../../app/notices'
import { PanicWipe } from '../panic/PanicWipe'

/**
 * All the window shows while the desk is locked: nothing of the articles. A passphrase
 * desk asks for it (its key was let go); a keyring desk opens with a click. The panic
 * wipe is here too, by its keys or its button.
 */
export function LockScreen({ status, onUnlocked }: { status: Extract<StoreStatus, { state: 'locked' }>; onUnlocked: () => void }) {
  const { t } = useTranslation()
  const [passphrase, setPassphrase] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const unlock = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const next = await call(api().store.unlock(status.needsPassphrase ? { passphrase } : {}))
      setPassphrase('')
      if (next.state === 'locked') setError(t('lock.wrong'))
      else onUnlocked()
    } catch (e) {
      setError(e instanceof ApiError && e.error.reason === 'wrong-passphrase' ? t('lock.wrong') : e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <NoticesProvider>
      <main className="lock-screen" data-testid="lock-screen">
        <h1>{t('lock.title')}</h1>
        <p>{status.needsPassphrase ? t('lock.needsPassphrase') : t('lock.keyring')}</p>
        <form onSubmit={(e) => void unlock(e)} className="lock-form">
          {status.needsPassphrase && (
            <label className="field">
              <span>{t('lock.passphrase')}</span>
              <input type="password" autoFocus autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="lock-passphrase" />
            </label>
          )}
          {error !== null && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn-primary" disabled={busy} autoFocus={!status.needsPassphrase} data-testid="unlock">
            {t('lock.unlock')}
          </button>
        </form>
        <p className="lock-panic">{t('lock.panic')}</p>
        <PanicWipe withButton />
      </main>
    </NoticesProvider>
  )
}
