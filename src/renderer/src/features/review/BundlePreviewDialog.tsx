import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BundlePreview, BundleSigner } from '@shared/domain/bundle'
import { formatDateTime } from '../../app/i18n'
import { useLocale } from '../../app/notices'
import { useModal } from '../../ui/useModal'

/** What a bundle will change, before anything changes: who wrote it, status moves, comments, suggestions, paragraphs; Import or Cancel. */
export function BundlePreviewDialog({ preview, onImport, onCancel }: { preview: BundlePreview; onImport: (trustSigner: boolean) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const ref = useModal()
  const [trust, setTrust] = useState(false)
  const status = (s: string) => t(`status.${s as BundlePreview['statusMoves'][number]['to']}`)
  return (
    <dialog ref={ref} className="confirm-dialog bundle-preview" onCancel={onCancel} aria-labelledby="bundle-preview-title" data-testid="bundle-preview">
      <h2 id="bundle-preview-title">{t('bundle.preview.title')}</h2>
      <p>{t('bundle.preview.intro', { title: preview.title || t('list.untitled'), date: formatDateTime(preview.exportedAt, locale), app: preview.app })}</p>
      <SignerLine signer={preview.signer} trust={trust} onTrust={setTrust} />
      {preview.signerChanged !== null && (
        <p className="bundle-preview-warning" data-testid="bundle-signer-changed">
          {t('bundle.signer.changed', { name: preview.signerChanged.name, fingerprint: preview.signerChanged.fingerprint })}
        </p>
      )}
      <ul className="bundle-preview-facts">
        <li>{preview.isNew ? t('bundle.preview.isNew') : t('bundle.preview.merge')}</li>
        <li>{preview.authors.length === 0 ? t('bundle.preview.noAuthors') : t('bundle.preview.authors', { names: preview.authors.join('، ') })}</li>
        {preview.statusMoves.map((m, i) => (
          <li key={i}>{t('bundle.preview.move', { from: status(m.from), to: status(m.to), by: m.by })}</li>
        ))}
        {preview.refusedStatus !== null && <li className="bundle-preview-warning">{t('bundle.preview.refused', { status: status(preview.refusedStatus) })}</li>}
        <li>{t('bundle.preview.comments', { count: preview.commentsAdded })}</li>
        <li>{t('bundle.preview.suggestions', { count: preview.suggestionsAdded })}</li>
        <li>{t('bundle.preview.paragraphs', { changed: preview.paragraphsChanged, removed: preview.paragraphsRemoved })}</li>
        {preview.demotedBlocks > 0 && <li className="bundle-preview-warning">{t('bundle.preview.demoted', { count: preview.demotedBlocks })}</li>}
        {preview.outcome === 'conflict' && <li>{t('bundle.preview.conflict')}</li>}
      </ul>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>
          {t('bundle.preview.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => onImport(trust)} data-testid="bundle-import-confirm">
          {t('bundle.preview.import')}
        </button>
      </div>
    </dialog>
  )
}

/** Who signed the bundle, and for a key not seen before, its fingerprint to compare by phone and the choice to remember it. */
function SignerLine({ signer, trust, onTrust }: { signer: BundleSigner; trust: boolean; onTrust: (trust: boolean) => void }) {
  const { t } = useTranslation()
  const fingerprint = (
    <bdi className="fingerprint" dir="ltr">
      {signer.fingerprint}
    </bdi>
  )
  return (
    <div className={`bundle-signer signer-${signer.state}`} data-testid="bundle-signer">
      {signer.state === 'unsigned' && <p className="bundle-preview-warning">{t('bundle.signer.unsigned')}</p>}
      {signer.state === 'self' && <p>{t('bundle.signer.self')}</p>}
      {signer.state === 'known' && (
        <p>
          {t('bundle.signer.known', { name: signer.name })} {fingerprint}
        </p>
      )}
      {signer.state === 'unknown' && (
        <>
          <p className="bundle-preview-warning">
            {signer.claimsKnownName ? t('bundle.signer.impostor', { name: signer.name }) : t('bundle.signer.unknown', { name: signer.name || t('review.anonymous') })} {fingerprint}
          </p>
          {!signer.claimsKnownName && (
            <label className="bundle-trust">
              <input type="checkbox" checked={trust} onChange={(e) => onTrust(e.target.checked)} data-testid="bundle-trust" />
              {t('bundle.signer.trust')}
            </label>
          )}
        </>
      )}
    </div>
  )
}
