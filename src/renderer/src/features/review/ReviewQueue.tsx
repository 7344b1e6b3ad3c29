import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleStatus } from '@shared/domain/article'
import type { QueueItem } from '@shared/domain/review'
import type { Site } from '@shared/domain/sync'
import { QUEUE_STATUSES } from '@shared/domain/workflow'
import { api, call } from '../../api'
import { formatRelative } from '../../app/i18n'
import { StatusFilter } from '../../ui/StatusFilter'
import { useLocale, useNotices } from '../../app/notices'
import { SidePanel } from '../../ui/SidePanel'

interface Props {
  sites: Site[]
  onOpen: (id: string) => void
  onPulled: () => void
  onClose: () => void
}

/** The editor's queue: articles handed in, longest waiting first, with who wrote them, how long, and open comments. */
export function ReviewQueue({ sites, onOpen, onPulled, onClose }: Props) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { report: onError } = useNotices()
  const [items, setItems] = useState<QueueItem[]>([])
  const [status, setStatus] = useState<ArticleStatus | ''>('')
  const [author, setAuthor] = useState('')
  const [pulling, setPulling] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [now, setNow] = useState(0)

  const load = useCallback(async () => {
    try {
      setItems(await call(api().review.queue({ status: status === '' ? undefined : status, author: author.trim() || undefined })))
      setNow(Date.now())
    } catch (error) {
      onError(error)
    }
  }, [status, author, onError])
  useEffect(() => {
    void load()
  }, [load])

  // Articles handed in on the site arrive as pending posts: the editor pulls them from every site they may edit others' posts on.
  const editorSites = sites.filter((s) => s.capabilities.edit_others_posts)
  const pull = async () => {
    setPulling(true)
    try {
      let count = 0
      for (const site of editorSites) count += (await call(api().sync.import({ siteId: site.id, status: 'pending' }))).imported
      setNote(t('review.queue.pulled', { count }))
      onPulled()
      await load()
    } catch (error) {
      onError(error)
    } finally {
      setPulling(false)
    }
  }

  return (
    <SidePanel className="queue-panel" title={t('review.queue.heading')} dir="rtl" testId="review-queue" onClose={onClose}>
      <div className="queue-filters">
        <StatusFilter value={status} onChange={setStatus} statuses={QUEUE_STATUSES} />
        <input type="search" value={author} placeholder={t('review.queue.filterAuthor')} aria-label={t('review.queue.filterAuthor')} onChange={(e) => setAuthor(e.target.value)} />
      </div>
      {editorSites.length > 0 && (
        <button type="button" onClick={() => void pull()} disabled={pulling} data-testid="queue-pull">
          {t('review.queue.pull')}
        </button>
      )}
      {note !== null && <p className="review-meta">{note}</p>}
      {items.length === 0 ? (
        <p className="review-empty">{t('review.queue.empty')}</p>
      ) : (
        <ul className="queue-items">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className="queue-item" onClick={() => onOpen(item.id)} data-testid="queue-item">
                <span className="queue-title">{item.title || t('list.untitled')}</span>
                <span className={`status-badge status-${item.status}`}>{t(`status.${item.status}`)}</span>
                <span className="review-meta">
                  {t('review.queue.author')}: {item.author || t('review.anonymous')} · {t('review.queue.waiting', { time: formatRelative(item.submittedAt, now, locale) })} ·{' '}
                  {t('review.queue.words', { count: item.wordCount })}
                  {item.openComments > 0 && <> · {t('review.queue.openComments', { count: item.openComments })}</>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </SidePanel>
  )
}
