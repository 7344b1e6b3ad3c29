import { AppError, notFound } from '../errors'
import { parseCheckedDocument } from '../document/schema'
import * as revisionsRepo from '../store/repositories/revisions'
import type { Db } from '../store/connection'
import type { Article, Revision, RevisionSummary } from '@shared/domain/article'
import type { ArticleService } from './articles'
import type { RevisionDiff, RevisionRef } from '@shared/ipc/contract'
import { diffStats, diffWords } from '@shared/review/diff'

type Version = { title: string; standfirst: string; bodyText: string }

/** Browsing and restoring an article's snapshots. */
export class RevisionService {
  constructor(
    private readonly deps: {
      db: () => Db
      now: () => number
      articles: ArticleService
      /** One of the site's revisions of the article, as text (the sync service reads it from the site). */
      siteVersion?: (articleId: string, revisionId: number) => Promise<Version>
    }
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
    const { body: _body, bodyText: _text, standfirst: _s, meta: _m, ...summary } = this.deps.articles.snapshot(db, article, 'manual', this.deps.now())
    return summary
  }

  /** A version of the article to compare: as it is, a local revision, or one of the site's. */
  private async version(articleId: string, ref: RevisionRef): Promise<Version> {
    if (ref.kind === 'current') return this.deps.articles.get(articleId)
    if (ref.kind === 'local') {
      const revision = this.get(ref.id)
      if (revision.articleId !== articleId) throw notFound('revision', ref.id)
      return revision
    }
    if (this.deps.siteVersion === undefined) throw new AppError('INVALID_STATE', 'the site’s revisions are not available')
    return this.deps.siteVersion(articleId, ref.id)
  }

  /** Two versions of an article compared word by word, field by field. */
  async compare(articleId: string, from: RevisionRef, to: RevisionRef, ignoreMarks: boolean): Promise<RevisionDiff> {
    const [before, after] = await Promise.all([this.version(articleId, from), this.version(articleId, to)])
    return this.diff(before, after, ignoreMarks)
  }

  /** Two texts compared word by word, field by field. */
  diff(before: Version, after: Version, ignoreMarks: boolean): RevisionDiff {
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
      // A version may have come in a bundle or from an older Qalam: it goes back only if the editor can hold it.
      try {
        parseCheckedDocument(revision.body)
      } catch (error) {
        throw new AppError('INVALID_STATE', `this version cannot be restored: ${(error as Error).message}`, 'invalid-content')
      }
      this.deps.articles.replaceContent(article, revision, 'before-restore')
      return this.deps.articles.get(article.id)
    })()
  }
}
