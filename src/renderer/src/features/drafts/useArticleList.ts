import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleListView, ArticleStatus, ArticleSummary } from '@shared/domain/article'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'

export interface ListFilter {
  view: ArticleListView
  status: ArticleStatus | ''
  query: string
}

/** An article's new title, count and edit time after a save, for the list. */
export interface SavedInfo {
  id: string
  title: string
  wordCount: number
  updatedAt: number
}

/** The article list: its filter, its items, kept fresh. */
export function useArticleList() {
  const { report } = useNotices()
  const [filter, setFilter] = useState<ListFilter>({ view: 'active', status: '', query: '' })
  const [articles, setArticles] = useState<ArticleSummary[]>([])

  // Only the newest list request may fill the list: an older answer arriving late (say, for the
  // search text before the reporter cleared it) must not replace a newer one.
  const listRequest = useRef(0)
  const refresh = useCallback(async () => {
    const request = ++listRequest.current
    try {
      const list = await call(api().articles.list({ view: filter.view, status: filter.status === '' ? undefined : filter.status, query: filter.query || undefined }))
      if (request === listRequest.current) setArticles(list)
    } catch (error) {
      report(error)
    }
  }, [filter, report])

  useEffect(() => {
    void refresh()
  }, [refresh])

  /** A save changed an article's title, count and edit time: it moves to the top. */
  const noteSaved = useCallback((info: SavedInfo) => {
    setArticles((list) => {
      const next = list.map((a) => (a.id === info.id ? { ...a, title: info.title, wordCount: info.wordCount, updatedAt: info.updatedAt } : a))
      return next.sort((a, b) => b.updatedAt - a.updatedAt)
    })
  }, [])

  return { filter, setFilter, articles, refresh, noteSaved }
}

export type ArticleListModel = ReturnType<typeof useArticleList>
