import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleStatus } from '@shared/domain/article'
import { StatusFilter } from '../../ui/StatusFilter'
import type { Range, SearchHit } from '@shared/domain/search'
import { api, call } from '../../api'
import { useLocale } from '../../app/notices'
import { formatRelative } from '../../app/i18n'
import { shortcutLabel } from '../../editor/shortcuts'
import { DateField } from '../../ui/DateField'

/** Text with its matches marked; built from ranges, never from HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: Range[] }) {
  const parts: React.ReactNode[] = []
  let at = 0
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={i}>{text.slice(start, end)}</mark>)
    at = end
  })
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}

interface Props {
  onOpen: (id: string) => void
  onClose: () => void
}

/** Search every article on this machine as you type: Arabic-aware, ranked, with the matches marked. */
export function SearchDialog({ onOpen, onClose }: Props) {
  const locale = useLocale()
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<ArticleStatus | ''>('')
  const [author, setAuthor] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [hits, setHits] = useState<SearchHit[]>([])
  const request = useRef(0)
  const [now] = useState(() => Date.now())

  useEffect(() => {
    ref.current?.showModal()
  }, [])

  useEffect(() => {
    const mine = ++request.current
    if (query.trim() === '') {
      setHits([])
      return
    }
    const filters = {
      status: status === '' ? undefined : status,
      author: author.trim() === '' ? undefined : author.trim(),
      from: from === '' ? undefined : new Date(`${from}T00:00`).getTime(),
      to: to === '' ? undefined : new Date(`${to}T23:59:59`).getTime()
    }
    void call(api().search.articles({ query, filters, limit: 30 })).then(
      (found) => {
        if (mine === request.current) setHits(found)
      },
      () => undefined
    )
  }, [query, status, author, from, to])

  const nears = [...new Set(hits.flatMap((h) => (h.near === undefined ? [] : [h.near])))]

  return (
    <dialog ref={ref} className="search-dialog" aria-label={t('search.title')} onCancel={onClose} data-testid="search-dialog">
      <div className="search-head">
        <input
          type="search"
          dir="rtl"
          autoFocus
          aria-label={t('search.placeholder')}
          placeholder={`${t('search.placeholder')} (${shortcutLabel('search')})`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <StatusFilter value={status} onChange={setStatus} />
        <button type="button" onClick={onClose}>
          {t('revisions.close')}
        </button>
      </div>
      <div className="search-filters">
        <label className="field">
          <span>{t('search.author')}</span>
          <input dir="rtl" value={author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        <div className="field">
          <span>{t('search.from')}</span>
          <DateField label={t('search.from')} value={from} onChange={setFrom} testId="search-from" />
        </div>
        <div className="field">
          <span>{t('search.to')}</span>
          <DateField label={t('search.to')} value={to} onChange={setTo} testId="search-to" />
        </div>
      </div>
      {query.trim() !== '' && hits.length === 0 && <p className="search-none">{t('search.none')}</p>}
      {nears.length > 0 && (
        <p className="search-near" data-testid="search-near">
          {hits.every((h) => h.near !== undefined) && `${t('search.noExact')} `}
          {t('search.didYouMean')}{' '}
          {nears.map((near, i) => (
            <span key={near}>
              {i > 0 && ` ${t('search.or')} `}
              <button type="button" className="linklike" dir="auto" onClick={() => setQuery(near)}>
                {t('search.quoted', { query: near })}
              </button>
            </span>
          ))}
          {t('search.questionMark')}
        </p>
      )}
      <ul className="search-hits">
        {hits.map((h) => (
          <li key={h.id} className={h.near === undefined ? undefined : 'is-near'} data-near={h.near === undefined ? undefined : 'true'}>
            <button type="button" className="search-hit" onClick={() => onOpen(h.id)} data-testid="search-hit">
              <span className="search-hit-title" dir="auto">
                <Highlighted text={h.title || t('list.untitled')} ranges={h.title === '' ? [] : h.titleHighlights} />
              </span>
              <span className="search-hit-meta">
                <span className={`status-badge status-${h.status}`}>{t(`status.${h.status}`)}</span>
                {h.byline !== '' && <span>{h.byline}</span>}
                <span>{t('list.edited', { when: formatRelative(h.updatedAt, now, locale) })}</span>
              </span>
              <span className="search-hit-snippet" dir="auto">
                <Highlighted text={h.snippet} ranges={h.highlights} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </dialog>
  )
}
