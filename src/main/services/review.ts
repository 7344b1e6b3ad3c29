import { randomUUID } from 'node:crypto'
import { AppError, notFound } from '../errors'
import { erasing, type Db } from '../store/connection'
import * as articlesRepo from '../store/repositories/articles'
import * as reviewRepo from '../store/repositories/review'
import * as revisionsRepo from '../store/repositories/revisions'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as notesRepo from '../store/repositories/site-notes'
import * as sitesRepo from '../store/repositories/sites'
import type { ArticleStatus, ArticleSummary } from '@shared/domain/article'
import type { ArticleReview, QueueItem, ReviewComment, ReviewIdentity } from '@shared/domain/review'
import { QUEUE_STATUSES, checkTransition, type StatusChange } from '@shared/domain/workflow'
import { countSuggestions } from '@shared/domain/document'
import type { ArticleService } from './articles'
import type { SettingsService } from './settings'

export interface ReviewServiceDeps {
  db: () => Db
  now: () => number
  articles: ArticleService
  settings: SettingsService
  newId?: () => string
}

const REFUSALS: Record<string, string> = {
  'not-allowed': 'this status cannot follow the current one',
  role: 'only an editor may make this move',
  'open-suggestions': 'the article still has suggestions to accept or reject',
  'needs-publish-time': 'a scheduled article needs a publishing time',
  'same-status': 'the article already has this status'
}

/**
 * Editorial review on this machine: who the user is for an article, the workflow
 * moves (checked against the rules in shared/domain/workflow), comment threads and
 * the editor's queue. Comments are anchored in the document by the renderer (mark
 * nodes with the thread's id); this service keeps what is said in them.
 */
export class ReviewService {
  private readonly newId: () => string

  constructor(private readonly deps: ReviewServiceDeps) {
    this.newId = deps.newId ?? randomUUID
  }

  private get db(): Db {
    return this.deps.db()
  }

  /**
   * Who the user is for an article: with a site, the signed-in user (an editor when
   * they may edit others' posts); without one, the name and role in the settings.
   */
  identity(articleId?: string): ReviewIdentity {
    const link = articleId === undefined ? undefined : articleSyncRepo.findArticleSync(this.db, articleId)
    const site = link === undefined ? undefined : sitesRepo.findSite(this.db, link.siteId)
    if (site !== undefined) {
      const notes = notesRepo.siteHasNotes(this.db, site.id)
      return {
        name: site.displayName || site.username,
        role: site.capabilities.edit_others_posts ? 'editor' : 'reporter',
        source: 'site',
        bridge: site.bridge,
        ...(notes === null ? {} : { notes })
      }
    }
    const settings = this.deps.settings.get()
    return { name: settings.userName, role: settings.role, source: 'local', bridge: null }
  }

  review(articleId: string): ArticleReview {
    this.deps.articles.get(articleId)
    return { articleId, ...reviewRepo.readReview(this.db, articleId) }
  }

  /** Moves an article to another status if the rules let this user, recording who, when and why. */
  transition(articleId: string, to: ArticleStatus, note: string): ArticleSummary {
    const db = this.db
    return db.transaction((): ArticleSummary => {
      const article = this.deps.articles.get(articleId)
      if (article.trashedAt !== null) throw new AppError('INVALID_STATE', 'a trashed article has no workflow; restore it first')
      const who = this.identity(articleId)
      const check = checkTransition(article.status, to, who.role, { openSuggestions: countSuggestions(article.body), publishAt: article.meta.publishAt })
      if (!check.ok) throw new AppError('INVALID_STATE', `${REFUSALS[check.reason]} (${article.status} → ${to})`, check.reason)
      const change: StatusChange = { id: this.newId(), from: article.status, to, by: who.name, at: this.deps.now(), note: note.trim() }
      articlesRepo.updateArticleStatus(db, articleId, to)
      reviewRepo.addStatusChange(db, articleId, change)
      return { ...article, status: to }
    })()
  }

  /** Opens a thread (no threadId) or replies in one. The id is the renderer's, already on the mark in the text. */
  comment(request: { articleId: string; id: string; threadId?: string; body: string; quote?: string }): ReviewComment {
    const db = this.db
    return db.transaction((): ReviewComment => {
      this.deps.articles.get(request.articleId)
      if (reviewRepo.findComment(db, request.id) !== undefined) throw new AppError('INVALID_STATE', `comment ${request.id} exists`)
      let quote = request.quote ?? ''
      if (request.threadId !== undefined && request.threadId !== request.id) {
        const root = reviewRepo.findComment(db, request.threadId)
        if (root === undefined || root.articleId !== request.articleId || root.id !== root.threadId) throw notFound('comment thread', request.threadId)
        quote = ''
      }
      const now = this.deps.now()
      const comment: ReviewComment = {
        id: request.id,
        threadId: request.threadId ?? request.id,
        author: this.identity(request.articleId).name,
        body: request.body.trim(),
        quote,
        createdAt: now,
        updatedAt: now,
        resolved: false,
        resolvedBy: '',
        deleted: false
      }
      reviewRepo.putComment(db, request.articleId, comment)
      return comment
    })()
  }

  private rootOf(threadId: string): ReviewComment & { articleId: string } {
    const root = reviewRepo.findComment(this.db, threadId)
    if (root === undefined || root.id !== root.threadId || root.deleted) throw notFound('comment thread', threadId)
    return root
  }

  /** Resolves or reopens a thread. */
  setResolved(threadId: string, resolved: boolean): ReviewComment {
    const root = this.rootOf(threadId)
    const { articleId, ...comment } = root
    const next: ReviewComment = { ...comment, resolved, resolvedBy: resolved ? this.identity(articleId).name : '', updatedAt: Math.max(this.deps.now(), root.updatedAt + 1) }
    reviewRepo.putComment(this.db, articleId, next)
    return next
  }

  /** Deletes a comment (its author only); a thread's first comment takes the thread with it. Kept as a tombstone so the deletion travels. */
  deleteComment(id: string): ReviewComment {
    const found = reviewRepo.findComment(this.db, id)
    if (found === undefined || found.deleted) throw notFound('comment', id)
    const { articleId, ...comment } = found
    if (comment.author !== this.identity(articleId).name) throw new AppError('INVALID_STATE', 'only the comment’s author may delete it')
    const next: ReviewComment = { ...comment, deleted: true, updatedAt: Math.max(this.deps.now(), comment.updatedAt + 1) }
    reviewRepo.putComment(this.db, articleId, next)
    return next
  }

  /**
   * After publication, or when a draft's discussion must not survive: every comment's
   * words, every status note and every old version of the article are removed from the
   * database (overwritten, not just unlinked) and so from the next export. The text of
   * the article, its status and the shape of its history stay.
   */
  purge(articleId: string): { versions: number } {
    this.deps.articles.get(articleId)
    return erasing(this.db, () => {
      reviewRepo.purgeReviewText(this.db, articleId, this.deps.now())
      return { versions: revisionsRepo.deleteRevisionsOf(this.db, articleId) }
    })
  }

  /** The editor's queue: handed-in articles, longest waiting first, with filters. */
  queue(filter: { status?: ArticleStatus; author?: string; siteId?: string }): QueueItem[] {
    const db = this.db
    const statuses = filter.status !== undefined ? [filter.status] : QUEUE_STATUSES
    const rows = statuses.flatMap((status) => articlesRepo.listArticles(db, { view: 'active', status }))
    const facts = reviewRepo.queueFacts(
      db,
      rows.map((r) => r.id)
    )
    const items: QueueItem[] = rows.map((r) => {
      const article = this.deps.articles.get(r.id)
      const f = facts.get(r.id)
      const siteId = articleSyncRepo.findArticleSync(db, r.id)?.siteId ?? null
      return {
        id: r.id,
        title: r.title,
        status: r.status,
        author: article.meta.byline || f?.submittedBy || '',
        wordCount: r.wordCount,
        submittedAt: f?.submittedAt ?? r.updatedAt,
        siteId,
        openComments: f?.openThreads ?? 0
      }
    })
    const author = filter.author?.trim()
    return items
      .filter((i) => (author ? i.author.includes(author) : true) && (filter.siteId === undefined || i.siteId === filter.siteId))
      .sort((a, b) => a.submittedAt - b.submittedAt)
  }
}
