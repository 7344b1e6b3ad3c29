import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** The frame every side panel shares: a labelled region with its heading and a close button. */
export function SidePanel({
  className,
  title,
  testId,
  dir,
  onClose,
  children
}: {
  className: string
  title: string
  testId?: string
  dir?: 'rtl'
  onClose: () => void
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <aside className={className} aria-label={title} dir={dir} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        <button type="button" onClick={onClose}>
          {t('revisions.close')}
        </button>
      </header>
      {children}
    </aside>
  )
}
