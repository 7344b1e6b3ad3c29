import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'
import { useShortcut } from '../../app/useShortcut'
import { shortcutLabel } from '../../editor/shortcuts'

/**
 * The panic wipe, from anywhere in the window: Ctrl+Shift+Delete asks, the same keys
 * again (or the red button) wipe, Escape or «إلغاء» keeps everything. Quick on purpose:
 * the reporter may have seconds. After it the window starts over on an empty desk.
 */
export function PanicWipe({ withButton = false }: { withButton?: boolean }) {
  const { t } = useTranslation()
  const { report } = useNotices()
  const [asking, setAsking] = useState(false)
  const [wiping, setWiping] = useState(false)
  const ref = useRef<HTMLDialogElement>(null)

  const wipe = useCallback(async () => {
    setWiping(true)
    try {
      await call(api().store.wipe({ confirm: 'wipe everything' }))
      window.location.reload()
    } catch (error) {
      setWiping(false)
      report(error)
    }
  }, [report])

  useShortcut('wipe', () => {
    if (wiping) return
    if (asking) void wipe()
    else setAsking(true)
  })

  useEffect(() => {
    const dialog = ref.current
    if (asking && dialog !== null && !dialog.open) dialog.showModal()
  }, [asking])

  if (!asking)
    return withButton ? (
      <button type="button" className="btn-danger" onClick={() => setAsking(true)} data-testid="open-panic">
        {t('panic.confirm')}
      </button>
    ) : null
  return (
    <dialog ref={ref} className="confirm-dialog panic-dialog" onCancel={() => setAsking(false)} aria-labelledby="panic-title" data-testid="panic-dialog">
      <h2 id="panic-title">{t('panic.title')}</h2>
      <p>{t('panic.body')}</p>
      <p className="panic-quick">{t('panic.quick', { keys: shortcutLabel('wipe') })}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={() => setAsking(false)} disabled={wiping}>
          {t('panic.cancel')}
        </button>
        <button type="button" className="btn-danger" onClick={() => void wipe()} disabled={wiping} data-testid="panic-wipe">
          {wiping ? t('panic.wiping') : t('panic.confirm')}
        </button>
      </div>
    </dialog>
  )
}
