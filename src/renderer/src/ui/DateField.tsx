import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DayPicker, type Formatters, type Labels } from 'react-day-picker'
import { ar, enGB } from 'react-day-picker/locale'
import 'react-day-picker/style.css'
import { formatLongDate, formatNumber, intlTag } from '../app/i18n'
import { useDates } from '../app/dates'
import { useLocale } from '../app/notices'

/** A calendar day as the forms keep it: `YYYY-MM-DD`, or '' for none. */
export type Day = string

const pad = (n: number) => String(n).padStart(2, '0')
export const dayOf = (date: Date): Day => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
/** The day's date at local midnight, or undefined for '' or anything that is not a real day. */
export function dateOf(day: Day): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (m === null) return undefined
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return dayOf(date) === day ? date : undefined
}

/**
 * DayPicker (react-day-picker) with the desk's words: the month names and digits the
 * newsroom chose, through Intl (ar-SY writes كانون الثاني, ar-EG يناير), the weekdays
 * and the spoken name of each day in the interface's language.
 */
function useCalendarText(): { formatters: Partial<Formatters>; labels: Partial<Labels>; locale: typeof ar } {
  const locale = useLocale()
  const { t } = useTranslation()
  const selected = t('dates.selected')
  useDates()
  const tag = intlTag(locale)
  return {
    locale: locale === 'ar' ? ar : enGB,
    formatters: {
      formatCaption: (month) => new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric' }).format(month),
      formatDay: (date) => formatNumber(date.getDate(), locale),
      formatMonthDropdown: (month) => new Intl.DateTimeFormat(tag, { month: 'long' }).format(month),
      formatYearDropdown: (year) => new Intl.DateTimeFormat(tag, { year: 'numeric' }).format(year),
      formatWeekdayName: (date) => new Intl.DateTimeFormat(tag, { weekday: locale === 'ar' ? 'narrow' : 'short' }).format(date)
    },
    labels: {
      labelDayButton: (date, modifiers) => formatLongDate(date, locale) + (modifiers.selected ? `، ${selected}` : ''),
      labelGrid: (date) => new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric' }).format(date)
    }
  }
}

/**
 * A date field in the interface's language: the chosen day written out («الخميس، 3 أيلول
 * 2026»), a calendar that opens below it (arrows move by day, Escape closes it and gives
 * focus back), and a button to clear it.
 */
export function DateField({ label, value, onChange, testId }: { label: string; value: Day; onChange: (day: Day) => void; testId?: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const text = useCalendarText()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const popup = useId()
  const date = dateOf(value)
  useEffect(() => {
    if (!open) return
    const away = (event: PointerEvent) => {
      if (event.target instanceof Node && !box.current?.contains(event.target)) setOpen(false)
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [open])
  // The calendar is placed beside its button in the window, kept inside it, and above the button when there is no room below.
  const placed = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const el = placed.current
    const anchor = box.current
    if (!open || el === null || anchor === null) return
    const a = anchor.getBoundingClientRect()
    const w = el.offsetWidth
    const h = el.offsetHeight
    const rtl = getComputedStyle(anchor).direction === 'rtl'
    const x = Math.min(Math.max(8, rtl ? a.right - w : a.left), window.innerWidth - w - 8)
    const below = a.bottom + 4 + h <= window.innerHeight - 8
    el.style.left = `${Math.max(8, x)}px`
    el.style.top = `${below ? a.bottom + 4 : Math.max(8, a.top - 4 - h)}px`
  }, [open])
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  const shown = date === undefined ? t('dates.none') : formatLongDate(date, locale)
  return (
    <div
      className="date-field"
      ref={box}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return
        // This Escape closes the calendar only, not the panel or dialog around it.
        e.preventDefault()
        e.stopPropagation()
        close()
      }}
    >
      <button
        ref={button}
        type="button"
        className="date-button"
        aria-label={`${label}: ${shown}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popup : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId === undefined ? undefined : `${testId}-button`}
      >
        {shown}
      </button>
      {value !== '' && (
        <button type="button" className="date-clear" aria-label={`${t('dates.clear')}: ${label}`} title={t('dates.clear')} onClick={() => onChange('')}>
          ×
        </button>
      )}
      {open && (
        <div className="date-popup" ref={placed} id={popup} role="dialog" aria-label={label}>
          <DayPicker
            mode="single"
            selected={date}
            defaultMonth={date}
            onSelect={(day) => {
              onChange(day === undefined ? '' : dayOf(day))
              close()
            }}
            // Month and year lists reach a date far off (a search back through last year's archive, a feature scheduled months ahead).
            captionLayout="dropdown"
            startMonth={new Date(new Date().getFullYear() - 15, 0)}
            endMonth={new Date(new Date().getFullYear() + 5, 11)}
            dir={locale === 'ar' ? 'rtl' : 'ltr'}
            locale={text.locale}
            formatters={text.formatters}
            labels={text.labels}
            autoFocus
          />
        </div>
      )}
    </div>
  )
}

/**
 * A moment (a scheduled publication): a day from the calendar and a 24-hour time from two
 * lists, in the machine's time zone, written in the interface's digits. A day chosen with no
 * time yet gets 09:00.
 */
export function DateTimeField({ label, value, onChange, testId }: { label: string; value: number | null; onChange: (at: number | null) => void; testId?: string }) {
  const { t } = useTranslation()
  const at = value === null ? null : new Date(value)
  const day = at === null ? '' : dayOf(at)
  const hours = at?.getHours() ?? 9
  const minutes = at?.getMinutes() ?? 0
  const set = (nextDay: Day, h: number, m: number) => {
    const d = dateOf(nextDay)
    onChange(d === undefined ? null : new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m).getTime())
  }
  return (
    <div className="datetime-field" data-testid={testId}>
      <DateField label={label} value={day} onChange={(next) => set(next, hours, minutes)} testId={testId === undefined ? undefined : `${testId}-date`} />
      {at !== null && (
        <span className="time-field" dir="ltr">
          <TwoDigitSelect label={`${label}: ${t('dates.hour')}`} count={24} value={hours} onChange={(h) => set(day, h, minutes)} testId={testId && `${testId}-hour`} />
          <span aria-hidden="true">:</span>
          <TwoDigitSelect label={`${label}: ${t('dates.minute')}`} count={60} value={minutes} onChange={(m) => set(day, hours, m)} testId={testId && `${testId}-minute`} />
        </span>
      )}
    </div>
  )
}

/** 00 to count-1 in the interface's digits: an hour or a minute. */
function TwoDigitSelect({ label, count, value, onChange, testId }: { label: string; count: number; value: number; onChange: (n: number) => void; testId?: string }) {
  const locale = useLocale()
  useDates()
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
      {Array.from({ length: count }, (_, n) => (
        <option key={n} value={n}>
          {formatNumber(n, locale, true)}
        </option>
      ))}
    </select>
  )
}
