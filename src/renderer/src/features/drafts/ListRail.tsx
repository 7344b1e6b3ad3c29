import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ListIcon, PlusIcon } from '../../editor/icons'

/**
 * The article list on a narrow window: a rail with two buttons (show the list, new article);
 * the list slides over the text when asked for and goes away when an article is chosen,
 * on Escape, on a click outside it, or from the same button.
 */
export function ListRail({ out, onToggle, onCreate, children }: { out: boolean; onToggle: () => void; onCreate: () => void; children: ReactNode }) {
  const { t } = useTranslation()
  const rail = useRef<HTMLDivElement>(null)
  const toggle = useRef(onToggle)
  toggle.current = onToggle
  useEffect(() => {
    if (!out) return
    const away = (event: PointerEvent) => {
      if (event.target instanceof Node && !rail.current?.contains(event.target)) toggle.current()
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [out])
  return (
    <div className="list-rail" ref={rail} data-testid="list-rail">
      <div className="rail-buttons">
        <button type="button" className="tb-btn" aria-expanded={out} aria-label={t('list.heading')} title={t('list.heading')} onClick={onToggle} data-testid="rail-toggle">
          <ListIcon />
        </button>
        {!out && (
          // The list's own button is not on the page while it is folded away.
          <button type="button" className="tb-btn" aria-label={t('list.new')} title={t('list.new')} onClick={onCreate} data-testid="new-article">
            <PlusIcon />
          </button>
        )}
      </div>
      {out && <div className="rail-drawer">{children}</div>}
    </div>
  )
}
