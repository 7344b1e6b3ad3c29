import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { MoreIcon } from '../editor/icons'

/** One group of the toolbar: it moves into «المزيد» whole, never split. */
export interface RowGroup {
  key: string
  node: ReactNode
}

const GAP = 6

/**
 * A row of toolbar groups that never wraps: the groups that do not fit, from the end, go
 * into a «المزيد» menu. Each group's width is measured once with everything shown (again
 * when the language changes, since words change width), so the row can tell what fits as
 * the window or the panels beside it change size.
 */
export function OverflowRow({ groups }: { groups: RowGroup[] }) {
  const { t, i18n } = useTranslation()
  const row = useRef<HTMLDivElement>(null)
  const moreButton = useRef<HTMLButtonElement>(null)
  const widths = useRef<number[]>([])
  const moreWidth = useRef(40)
  const [measuring, setMeasuring] = useState(true)
  const [fit, setFit] = useState(groups.length)
  const [menu, setMenu] = useState(false)
  const signature = groups.map((g) => g.key).join('|')

  const place = useCallback(() => {
    // The room is the toolbar's, not the row's: the row gives up space to «المزيد» when it shows.
    const host = row.current?.parentElement
    if (host == null || widths.current.length === 0) return
    const style = getComputedStyle(host)
    const room = host.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd)
    const count = (space: number) => {
      let used = 0
      let n = 0
      for (const w of widths.current) {
        const next = used + (n > 0 ? GAP : 0) + w
        if (next > space) break
        used = next
        n += 1
      }
      return n
    }
    const all = count(room)
    // When something goes into the menu, its button needs room too.
    setFit(all === widths.current.length ? all : count(room - GAP - moreWidth.current))
  }, [])

  useLayoutEffect(() => setMeasuring(true), [i18n.language, signature])
  useLayoutEffect(() => {
    if (!measuring || row.current === null) return
    widths.current = [...row.current.querySelectorAll<HTMLElement>(':scope > [data-group]')].map((g) => g.getBoundingClientRect().width)
    moreWidth.current = moreButton.current?.getBoundingClientRect().width || moreWidth.current
    setMeasuring(false)
    place()
  }, [measuring, place])
  useEffect(() => {
    const host = row.current?.parentElement
    if (host == null) return
    const observer = new ResizeObserver(() => place())
    observer.observe(host)
    return () => observer.disconnect()
  }, [place])
  useEffect(() => {
    if (!menu) return
    const away = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !row.current?.parentElement?.contains(event.target)) setMenu(false)
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [menu])

  const shown = measuring ? groups.length : fit
  const overflow = groups.slice(shown)
  const closeMenu = () => {
    setMenu(false)
    moreButton.current?.focus()
  }
  return (
    <>
      <div className={measuring ? 'tb-row is-measuring' : 'tb-row'} ref={row}>
        {groups.slice(0, shown).map((g) => (
          <div key={g.key} data-group={g.key} className="tb-slot">
            {g.node}
          </div>
        ))}
      </div>
      <div
        className="tb-more-wrap"
        data-focus-home
        hidden={overflow.length === 0 && !measuring}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !menu) return
          // This Escape closes the menu only, not a side panel behind it.
          e.preventDefault()
          closeMenu()
        }}
      >
        <button
          ref={moreButton}
          type="button"
          className="tb-btn tb-more"
          aria-label={t('toolbar.more')}
          title={t('toolbar.more')}
          aria-expanded={menu}
          aria-haspopup="true"
          onClick={() => setMenu((m) => !m)}
          data-testid="toolbar-more"
        >
          <MoreIcon />
        </button>
        {menu && overflow.length > 0 && (
          <div
            className="tb-menu"
            role="group"
            aria-label={t('toolbar.more')}
            data-testid="toolbar-menu"
            onClick={(e) => {
              if (e.target instanceof Element && e.target.closest('button') !== null) setMenu(false)
            }}
          >
            {overflow.map((g) => (
              <div key={g.key} className="tb-slot">
                {g.node}
              </div>
            ))}
          </div>
        )}
      </div>
    </>
  )
}
