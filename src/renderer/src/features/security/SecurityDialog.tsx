import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LOCK_AFTER_CHOICES, type AppInfo } from '@shared/domain/app'
import { api, ApiError, call } from '../../api'
import { useNotices } from '../../app/notices'
import type { LockModel } from './useLock'

/**
 * What protects this desk, in words, and the reporter's choices: a passphrase for the
 * desk key instead of the keyring, how soon the desk locks itself, locking now, and this
 * machine's signing fingerprint for colleagues to compare.
 */
export function SecurityDialog({ lock, onClose }: { lock: LockModel; onClose: () => void }) {
  const { t } = useTranslation()
  const { notify, report } = useNotices()
  const ref = useRef<HTMLDialogElement>(null)
  const [protection, setProtection] = useState<AppInfo['keyProtection']>(null)
  const [fingerprint, setFingerprint] = useState('')
  const [first, setFirst] = useState('')
  const [second, setSecond] = useState('')
  const [current, setCurrent] = useState('')
  // The reporter was told the key would be unprotected (no keyring) and pressed again.
  const [weakAccepted, setWeakAccepted] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog !== null && !dialog.open) dialog.showModal()
    void call(api().app.info()).then((info) => setProtection(info.keyProtection), report)
    void call(api().bundle.fingerprint()).then(setFingerprint, report)
  }, [report])
  const choose = async (event: FormEvent) => {
    event.preventDefault()
    if (first !== second) {
      setError(t('security.mismatch'))
      return
    }
    setError(null)
    try {
      setProtection(await call(api().store.setPassphrase({ passphrase: first, current: protection === 'passphrase' ? current : null })))
      setFirst('')
      setSecond('')
      setCurrent('')
      notify(t('security.passphraseSet'))
    } catch (e) {
      report(e)
    }
  }
  const backToKeyring = async () => {
    try {
      setProtection(await call(api().store.setPassphrase({ passphrase: null, current, acceptWeak: weakAccepted })))
      setCurrent('')
      notify(t('security.passphraseRemoved'))
    } catch (e) {
      // Told once that the key would stay unprotected; the next press accepts it.
      if (e instanceof ApiError && e.error.reason === 'unprotected-key') setWeakAccepted(true)
      report(e)
    }
  }
  return (
    <dialog ref={ref} className="confirm-dialog security-dialog" onCancel={onClose} aria-labelledby="security-title" data-testid="security-dialog">
      <h2 id="security-title">{t('security.title')}</h2>
      {protection !== null && (
        <p className={protection === 'obfuscated' || protection === 'none' ? 'bundle-preview-warning' : ''} data-testid="key-protection">
          {t(`security.protection.${protection}`)}
        </p>
      )}
      <form onSubmit={(e) => void choose(e)} className="security-passphrase">
        {protection === 'passphrase' && (
          <label className="field">
            <span>{t('security.current')}</span>
            <input type="password" autoComplete="current-password" maxLength={1024} value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="current-passphrase" />
          </label>
        )}
        <label className="field">
          <span>{t('security.passphrase')}</span>
          <input type="password" autoComplete="new-password" minLength={8} maxLength={1024} value={first} onChange={(e) => setFirst(e.target.value)} data-testid="new-passphrase" />
        </label>
        <label className="field">
          <span>{t('security.repeat')}</span>
          <input type="password" autoComplete="new-password" value={second} onChange={(e) => setSecond(e.target.value)} data-testid="repeat-passphrase" />
        </label>
        {error !== null && <p className="form-error">{error}</p>}
        <button type="submit" disabled={first.length < 8} data-testid="set-passphrase">
          {t('security.setPassphrase')}
        </button>
        {protection === 'passphrase' && (
          <button type="button" onClick={() => void backToKeyring()}>
            {t('security.removePassphrase')}
          </button>
        )}
      </form>
      <label className="field">
        <span>{t('security.lockAfter')}</span>
        <select value={lock.minutes} onChange={(e) => void lock.setMinutes(Number(e.target.value)).catch(report)} data-testid="lock-after">
          {LOCK_AFTER_CHOICES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('security.never') : t('security.minutes', { count: m })}
            </option>
          ))}
        </select>
      </label>
      <p>
        {t('security.fingerprint')}{' '}
        <bdi className="fingerprint" dir="ltr" data-testid="own-fingerprint">
          {fingerprint}
        </bdi>
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('security.close')}
        </button>
        <button type="button" className="btn-danger" onClick={() => void lock.lock()} data-testid="lock-now">
          {t('security.lockNow')}
        </button>
      </div>
    </dialog>
  )
}
