import { notFound } from '../errors'
import * as articlesRepo from '../store/repositories/articles'
import * as revisionsRepo from '../store/repositories/revisions'
import type { Db } from '../store/connection'
import type { Article, Revision, RevisionSummary } from '../../shared/domain/article'
import type { ArticleService } from './articles'
import type { RevisionDiff } from '../../shared/ipc/contract'
import { diffStats, diffWords } from '../../shared/review/diff'

/** Browsing and restoring an article's snapshots. */
export class RevisionService {
  constructor(
    private readonly deps: { db: () => Db; now: () => number; articles: ArticleService }
  ) {}

  /** An article's snapshots, newest first. */
  list(articleId: string): RevisionSummary[] {
    this.deps.articles.get(articleId)
    return revisionsRepo.listRevisions(this.deps.db(), articleId)
  }

  /** One snapshot with its content. */
  get(id: string): Revision {
    const revision = revisionsRepo.findRevision(this.deps.db(), id)
    if (revision === undefined) throw notFound('revision', id)
    return revision
  }

  /** The snapshot a reporter asks for with Ctrl/Cmd+S. */
  createManual(articleId: string): RevisionSummary {
    const db = this.deps.db()
    const article = this.deps.articles.get(articleId)
    const { body: _body, bodyText: _text, standfirst: _s, meta: _m, ...summary } = this.deps.articles.snapshot(
      db,
      article,
      'manual',
      this.deps.now()
    )
    return summary
  }

  /** Two versions compared word by word, field by field. */
  diff(
    before: { title: string; standfirst: string; bodyText: string },
    after: { title: string; standfirst: string; bodyText: string },
    ignoreMarks: boolean
  ): RevisionDiff {
    const options = { ignoreMarks }
    const title = diffWords(before.title, after.title, options)
    const standfirst = diffWords(before.standfirst, after.standfirst, options)
    const body = diffWords(before.bodyText, after.bodyText, options)
    const stats = [title, standfirst, body].map(diffStats)
    return { title, standfirst, body, added: stats.reduce((n, s) => n + s.added, 0), removed: stats.reduce((n, s) => n + s.removed, 0) }
  }

  /** Puts a snapshot's content back into its article, snapshotting the current content first. */
  restore(id: string): Article {
    const db = this.deps.db()
    return db.transaction((): Article => {
      const revision = this.get(id)
      const article = this.deps.articles.get(revision.articleId)
      const now = this.deps.now()
      this.deps.articles.snapshot(db, article, 'before-restore', now)
      articlesRepo.updateArticleContent(
        db,
        {
          id: article.id,
          title: revision.title,
          standfirst: revision.standfirst,
          body: revision.body,
          bodyText: revision.bodyText,
          wordCount: revision.wordCount,
          meta: revision.meta,
          caret: null
        },
        revision.wordCount,
        now
      )
      return this.deps.articles.get(article.id)
    })()
  }
}
