import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '@shared/domain/article'
import type { SyncState } from '@shared/domain/sync'
import { StatusFilter } from '../../ui/StatusFilter'
import { formatRelative } from '../../app/i18n'
import { useLocale } from '../../app/notices'
import type { ArticleListModel } from './useArticleList'

/** What can be done to articles from the list. */
export interface ArticleActions {
  open: (id: string) => void
  create: () => void
  duplicate: (id: string) => void
  trash: (id: string) => void
  restore: (id: string) => void
  askDelete: (article: ArticleSummary) => void
}

interface Props {
  list: ArticleListModel
  actions: ArticleActions
  openId: string | null
  /** Each linked article's sync state; an article not in it is on this machine only. */
  syncStates?: Record<string, SyncState>
}

/** The articles on this machine: find, filter, open, and the trash. */
export function ArticleList(props: Props) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { filter, setFilter: onFilter, articles } = props.list
  const { actions, syncStates } = props
  const [now] = useState(() => Date.now())
  const trash = filter.view === 'trash'
  return (
    <nav className="article-list" aria-label={t('list.heading')}>
      <div className="list-head">
        <button type="button" className="btn-primary" onClick={actions.create} data-testid="new-article">
          {t('list.new')}
        </button>
        <div className="view-switch" role="tablist">
          {(['active', 'trash'] as const).map((view) => (
            <button
              key={view}
              type="button"
              role="tab"
              aria-selected={filter.view === view}
              className={filter.view === view ? 'tab is-active' : 'tab'}
              onClick={() => onFilter({ ...filter, view })}
              data-testid={`view-${view}`}
            >
              {t(`list.${view}`)}
            </button>
          ))}
        </div>
        <input
          type="search"
          className="list-search"
          dir="rtl"
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          value={filter.query}
          onChange={(e) => onFilter({ ...filter, query: e.target.value })}
        />
        <StatusFilter value={filter.status} onChange={(status) => onFilter({ ...filter, status })} />
      </div>
      {articles.length === 0 ? (
        <p className="list-empty">{trash ? t('list.emptyTrash') : t('list.empty')}</p>
      ) : (
        <ul className="list-items">
          {articles.map((a) => (
            <li key={a.id} className={a.id === props.openId ? 'list-item is-open' : 'list-item'} data-article-id={a.id}>
              <button type="button" className="list-open" onClick={() => actions.open(a.id)} disabled={trash}>
                <span className="list-title" dir="auto">
                  {a.title.trim() === '' ? t('list.untitled') : a.title}
                </span>
                <span className="list-meta">
                  <span className={`status-badge status-${a.status}`}>{t(`status.${a.status}`)}</span>
                  {syncStates?.[a.id] !== undefined && (
                    <span className={`sync-badge list-sync sync-${syncStates[a.id]}`} data-testid="list-sync-state">
                      {t(`sync.states.${syncStates[a.id]!}`)}
                    </span>
                  )}
                  <span>{t('counts.words', { count: a.wordCount })}</span>
                  <span>{t('list.edited', { when: formatRelative(trash && a.trashedAt !== null ? a.trashedAt : a.updatedAt, now, locale) })}</span>
                </span>
              </button>
              <span className="list-actions">
                {trash ? (
                  <>
                    <button type="button" onClick={() => actions.restore(a.id)}>
                      {t('list.restore')}
                    </button>
                    <button type="button" className="btn-danger" onClick={() => actions.askDelete(a)}>
                      {t('list.deleteForever')}
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" onClick={() => actions.duplicate(a.id)}>
                      {t('list.duplicate')}
                    </button>
                    <button type="button" onClick={() => actions.trash(a.id)}>
                      {t('list.moveToTrash')}
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}
