import { useTranslation } from 'react-i18next'
import { SHORTCUTS, shortcutLabel, type EditorAction } from '../../editor/shortcuts'
import { useModal } from '../../ui/useModal'

/** Every shortcut in one sheet (Ctrl+/), from the one table the keys are matched against. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const ref = useModal()
  const actions = Object.keys(SHORTCUTS) as EditorAction[]
  return (
    <dialog ref={ref} className="confirm-dialog shortcuts-help" onCancel={onClose} aria-labelledby="shortcuts-title" data-testid="shortcuts-help">
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {actions.map((action) => (
            <tr key={action}>
              <th scope="row">{t(`shortcuts.${action}`)}</th>
              <td>
                <kbd dir="ltr">{shortcutLabel(action)}</kbd>
                {action === 'wipe' && ` ${t('shortcuts.twice')}`}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('shortcuts.escape')}</th>
            <td>
              <kbd dir="ltr">Esc</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          {t('security.close')}
        </button>
      </div>
    </dialog>
  )
}
