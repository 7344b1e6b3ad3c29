import { useCallback, useState } from 'react'
import type { Article, ArticleSummary } from '@shared/domain/article'
import { api, call } from '../api'
import { flushAll } from '../features/editor/flush-registry'
import { useNotices } from './notices'

/**
 * The article open in the editor. `token` changes whenever the editor must load the
 * article afresh (a restore, a merge, a sync that brought the site's changes).
 */
export function useOpenArticle() {
  const { report } = useNotices()
  const [open, setOpen] = useState<{ article: Article; token: number } | null>(null)

  /** Shows this article in the editor, loaded afresh. */
  const show = useCallback((article: Article) => setOpen((prev) => ({ article, token: (prev?.token ?? 0) + 1 })), [])

  /** Writes what is pending, then opens the article (and remembers it for the next start). */
  const openArticle = useCallback(
    async (id: string, quiet = false) => {
      try {
        await flushAll()
        const article = await call(api().articles.get({ id }))
        if (article.trashedAt !== null) return
        // Remembered before it is shown: if showing it crashes, the editor's boundary forgets it after this.
        const remembered = call(api().settings.update({ lastArticleId: id }))
        show(article)
        await remembered
      } catch (error) {
        // On start, an article deleted since last time is simply not reopened.
        if (!quiet) report(error)
      }
    },
    [report, show]
  )

  const close = useCallback((id: string) => setOpen((prev) => (prev?.article.id === id ? null : prev)), [])

  /** A workflow move went through: the open article shows its new status without reloading. */
  const statusChanged = useCallback(
    (summary: ArticleSummary) => setOpen((prev) => (prev === null || prev.article.id !== summary.id ? prev : { ...prev, article: { ...prev.article, status: summary.status } })),
    []
  )

  return { open, show, openArticle, close, statusChanged }
}

export type OpenArticleModel = ReturnType<typeof useOpenArticle>
