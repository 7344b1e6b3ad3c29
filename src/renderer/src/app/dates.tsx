import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { Settings } from '@shared/domain/app'
import { api, call } from '../api'
import { setDateChoices } from './i18n'
import { useNotices } from './notices'

type DateChoices = Pick<Settings, 'monthNames' | 'digits'>

const DatesContext = createContext<{ choices: DateChoices; change: (next: Partial<DateChoices>) => void } | null>(null)

/**
 * The newsroom's month names and digits, for every date and figure the desk writes: a change
 * is saved and every component that formats a date through `useDates` shows it at once.
 */
export function DatesProvider({ initial, children }: { initial: DateChoices; children: ReactNode }) {
  const { report } = useNotices()
  const [choices, setChoices] = useState<DateChoices>(() => (setDateChoices(initial), { monthNames: initial.monthNames, digits: initial.digits }))
  const change = useCallback(
    (next: Partial<DateChoices>) => {
      setChoices((current) => {
        const merged = { ...current, ...next }
        setDateChoices(merged)
        return merged
      })
      void call(api().settings.update(next)).catch(report)
    },
    [report]
  )
  const value = useMemo(() => ({ choices, change }), [choices, change])
  return <DatesContext.Provider value={value}>{children}</DatesContext.Provider>
}

/** The date choices in force (a component that formats dates re-renders when they change). */
export function useDates() {
  const value = useContext(DatesContext)
  if (value === null) throw new Error('useDates outside DatesProvider')
  return value
}
