import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BundleSeal, Colleague } from '@shared/domain/bundle'
import { api, call } from '../../api'
import { useModal } from '../../ui/useModal'

type Kind = BundleSeal['kind']

/**
 * How the article leaves: a signed review file, or sealed so that a messenger or a lost
 * USB stick reveals nothing (with a passphrase to tell by phone, or for a colleague whose
 * key this desk recognises). Private notes can go only in a sealed file.
 */
export function ExportBundleDialog({ onExport, onCancel }: { onExport: (seal: BundleSeal, includeNotes: boolean) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const [kind, setKind] = useState<Kind>('none')
  const [passphrase, setPassphrase] = useState('')
  const [colleagues, setColleagues] = useState<Colleague[]>([])
  const [colleague, setColleague] = useState('')
  const [includeNotes, setIncludeNotes] = useState(false)
  useEffect(() => {
    const dialog = ref.current
    if (dialog !== null && !dialog.open) dialog.showModal()
    void call(api().bundle.colleagues()).then(
      (list) => {
        setColleagues(list)
        setColleague(list[0]?.fingerprint ?? '')
      },
      () => setColleagues([])
    )
  }, [])
  const seal: BundleSeal | null =
    kind === 'none' ? { kind } : kind === 'passphrase' ? (passphrase.length >= 8 ? { kind, passphrase } : null) : colleague !== '' ? { kind, fingerprint: colleague } : null
  const option = (value: Kind, label: string, disabled = false) => (
    <label className="export-option">
      <input type="radio" name="seal" value={value} checked={kind === value} disabled={disabled} onChange={() => setKind(value)} data-testid={`seal-${value}`} />
      {label}
    </label>
  )
  return (
    <dialog ref={ref} className="confirm-dialog export-dialog" onCancel={onCancel} aria-labelledby="export-title" data-testid="export-dialog">
      <h2 id="export-title">{t('bundle.exportDialog.title')}</h2>
      <fieldset className="export-options">
        {option('none', t('bundle.exportDialog.signed'))}
        {option('passphrase', t('bundle.exportDialog.passphrase'))}
        {kind === 'passphrase' && (
          <input
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-label={t('bundle.exportDialog.passphraseLabel')}
            placeholder={t('bundle.exportDialog.passphraseLabel')}
            data-testid="seal-passphrase"
          />
        )}
        {option('colleague', colleagues.length === 0 ? t('bundle.exportDialog.noColleagues') : t('bundle.exportDialog.colleague'), colleagues.length === 0)}
        {kind === 'colleague' && colleagues.length > 0 && (
          <select value={colleague} onChange={(e) => setColleague(e.target.value)} aria-label={t('bundle.exportDialog.colleague')} data-testid="seal-colleague">
            {colleagues.map((c) => (
              <option key={c.fingerprint} value={c.fingerprint}>
                {c.name} ({c.fingerprint})
              </option>
            ))}
          </select>
        )}
      </fieldset>
      <label className="export-option">
        <input
          type="checkbox"
          checked={includeNotes && kind !== 'none'}
          disabled={kind === 'none'}
          onChange={(e) => setIncludeNotes(e.target.checked)}
          data-testid="include-notes"
        />
        {t('bundle.exportDialog.notes')}
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('bundle.preview.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          autoFocus
          disabled={seal === null}
          onClick={() => seal !== null && onExport(seal, includeNotes && kind !== 'none')}
          data-testid="export-confirm"
        >
          {t('bundle.exportDialog.export')}
        </button>
      </div>
    </dialog>
  )
}

/** The passphrase of a bundle sealed with one (told by phone, not sent with the file). */
export function UnsealDialog({ onUnseal, onCancel }: { onUnseal: (passphrase: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const ref = useModal()
  const [passphrase, setPassphrase] = useState('')
  return (
    <dialog ref={ref} className="confirm-dialog" onCancel={onCancel} aria-labelledby="unseal-title" data-testid="unseal-dialog">
      <h2 id="unseal-title">{t('bundle.unseal.title')}</h2>
      <p>{t('bundle.unseal.body')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onUnseal(passphrase)
        }}
      >
        <input type="password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-label={t('lock.passphrase')} data-testid="unseal-passphrase" />
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('bundle.preview.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="unseal-confirm">
            {t('bundle.unseal.open')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
