import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '@shared/domain/app'
import { describeError } from './errors'

/** What every part of the desk may tell the person: a notice in the header, or an error in words. */
export interface Notices {
  notice: string | null
  notify: (text: string | null) => void
  report: (error: unknown) => void
}

const NoticesContext = createContext<Notices | null>(null)

export function NoticesProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const [notice, setNotice] = useState<string | null>(null)
  const report = useCallback((error: unknown) => setNotice(describeError(error, t, i18n)), [t, i18n])
  const value = useMemo(() => ({ notice, notify: setNotice, report }), [notice, report])
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>
}

/** Notices and error reporting, from anywhere inside the desk. */
export function useNotices(): Notices {
  const notices = useContext(NoticesContext)
  if (notices === null) throw new Error('useNotices outside NoticesProvider')
  return notices
}

/** The interface language, as i18next has it (components re-render when it changes). */
export function useLocale(): Locale {
  const { i18n } = useTranslation()
  return i18n.language === 'en' ? 'en' : 'ar'
}
