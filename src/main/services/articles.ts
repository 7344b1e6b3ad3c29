import { randomUUID } from 'node:crypto'
import { AppError, notFound } from '../errors'
import * as articlesRepo from '../store/repositories/articles'
import * as revisionsRepo from '../store/repositories/revisions'
import type { Db } from '../store/connection'
import {
  EMPTY_META,
  type Article,
  type ArticleDraft,
  type ArticleListView,
  type ArticleStatus,
  type ArticleSummary,
  type CaretPosition,
  type RevisionReason
} from '@shared/domain/article'
import { EMPTY_DOCUMENT_JSON } from '@shared/domain/document'
import { countWords } from '@shared/arabic/count'
import { parseDocumentJson } from '../document/lexical'
import { documentText } from '../document/text'

/** How often a long writing session leaves an automatic snapshot behind. */
export const AUTO_REVISION_INTERVAL_MS = 10 * 60 * 1000
/** Automatic snapshots kept per article; manual ones are never pruned. */
export const AUTO_REVISIONS_KEPT = 50

export interface ArticleServiceDeps {
  db: () => Db
  now: () => number
  newId?: () => string
  /** Told after an article's text was written (the search index catches up later). */
  onContentChanged?: () => void
}

/** New content for an article from outside the editor; its plain text is worked out from the body unless given. */
export type ContentReplacement = Pick<Article, 'title' | 'standfirst' | 'body' | 'meta'> & { bodyText?: string }

export interface SaveResult {
  savedAt: number
  saveCount: number
  wordCount: number
  /** The article had changed since the editor loaded it; the draft went to the revisions, not the article. */
  stale?: boolean
}

/** Use cases on articles: create, autosave, list, duplicate, trash, restore, delete. */
export class ArticleService {
  private readonly newId: () => string

  constructor(private readonly deps: ArticleServiceDeps) {
    this.newId = deps.newId ?? randomUUID
  }

  private get db(): Db {
    return this.deps.db()
  }

  /** Articles for the list. */
  list(filter: { view?: ArticleListView; status?: ArticleStatus; query?: string }): ArticleSummary[] {
    return articlesRepo.listArticles(this.db, {
      view: filter.view ?? 'active',
      status: filter.status,
      titleContains: filter.query
    })
  }

  /** One article, or NOT_FOUND. */
  get(id: string): Article {
    const article = articlesRepo.findArticle(this.db, id)
    if (article === undefined) throw notFound('article', id)
    return article
  }

  /** A new, empty draft with a UUID made on this machine (or the one it was made with elsewhere, for an article arriving from a site). */
  create(title = '', id?: string): Article {
    const now = this.deps.now()
    const article: Article = {
      id: id ?? this.newId(),
      title,
      standfirst: '',
      body: EMPTY_DOCUMENT_JSON,
      bodyText: '',
      meta: { ...EMPTY_META },
      status: 'draft',
      wordCount: 0,
      caret: null,
      saveCount: 0,
      createdAt: now,
      updatedAt: now,
      trashedAt: null
    }
    articlesRepo.insertArticle(this.db, article)
    return article
  }

  /**
   * Autosave: writes the editor's state, and during a long session leaves an
   * automatic snapshot every AUTO_REVISION_INTERVAL_MS, all in one transaction.
   */
  save(draft: ArticleDraft): SaveResult {
    const db = this.db
    const now = this.deps.now()
    const wordCount = draft.wordCount
    const result = db.transaction((): SaveResult => {
      const current = articlesRepo.findArticleState(db, draft.id)
      if (current === undefined) throw notFound('article', draft.id)
      if (current.trashedAt !== null) throw new AppError('INVALID_STATE', 'a trashed article cannot be edited; restore it first')
      if (draft.expectedSaveCount !== undefined && draft.expectedSaveCount !== current.saveCount) {
        // Something else (a sync bringing the site's changes) wrote the article since this editor loaded it:
        // the editor's words are kept as a revision, and the editor reloads.
        this.snapshot(db, { ...draft, wordCount }, 'before-sync', now)
        return { savedAt: now, saveCount: current.saveCount, wordCount, stale: true }
      }
      const saveCount = articlesRepo.updateArticleContent(db, draft, wordCount, now)!
      const lastSnapshotAt = revisionsRepo.latestRevisionTime(db, draft.id) ?? current.createdAt
      if (now - lastSnapshotAt >= AUTO_REVISION_INTERVAL_MS) {
        const latest = revisionsRepo.latestRevisionBody(db, draft.id)
        const changed = latest === undefined || latest.body !== draft.body || latest.title !== draft.title || latest.standfirst !== draft.standfirst
        if (changed) {
          this.snapshot(db, { ...draft, wordCount }, 'auto', now)
          revisionsRepo.pruneAutoRevisions(db, draft.id, AUTO_REVISIONS_KEPT)
        }
      }
      return { savedAt: now, saveCount, wordCount }
    })()
    if (result.stale !== true) this.deps.onContentChanged?.()
    return result
  }

  /**
   * The one way to replace an article's content from outside the editor (a sync, a
   * restored version, one of the site's revisions, a bundle): keeps a revision of what
   * it replaces (unless `keep` is null), counts the words, writes and reindexes, in one
   * transaction (the caller's, when it has one). The caret is forgotten.
   */
  replaceContent(article: Article, next: ContentReplacement, keep: RevisionReason | null): void {
    const db = this.db
    const now = this.deps.now()
    const bodyText = next.bodyText ?? documentText(parseDocumentJson(next.body))
    const wordCount = countWords(bodyText)
    db.transaction(() => {
      if (keep !== null) this.snapshot(db, article, keep, now)
      articlesRepo.updateArticleContent(
        db,
        { id: article.id, title: next.title, standfirst: next.standfirst, body: next.body, bodyText, wordCount, meta: next.meta, caret: null },
        wordCount,
        now
      )
    })()
    this.deps.onContentChanged?.()
  }

  /** Remembers the caret without touching the content or the edit time. */
  saveCaret(id: string, caret: CaretPosition | null): void {
    if (!articlesRepo.updateArticleCaret(this.db, id, caret)) throw notFound('article', id)
  }

  /** Stores a snapshot of the given content; used by this service and the revision service. */
  snapshot(db: Db, article: Pick<Article, 'id' | 'title' | 'standfirst' | 'body' | 'bodyText' | 'meta' | 'wordCount'>, reason: RevisionReason, now: number) {
    const revision = {
      id: this.newId(),
      articleId: article.id,
      reason,
      createdAt: now,
      title: article.title,
      standfirst: article.standfirst,
      body: article.body,
      bodyText: article.bodyText,
      meta: article.meta,
      wordCount: article.wordCount
    }
    revisionsRepo.insertRevision(db, revision)
    return revision
  }

  /** A copy of an article as a new draft, with «(نسخة)» after its title. */
  duplicate(id: string): Article {
    const db = this.db
    return db.transaction((): Article => {
      const source = this.get(id)
      const now = this.deps.now()
      const copy: Article = {
        ...source,
        id: this.newId(),
        title: source.title === '' ? '' : `${source.title} (نسخة)`,
        status: 'draft',
        caret: null,
        saveCount: 0,
        createdAt: now,
        updatedAt: now,
        trashedAt: null
      }
      articlesRepo.insertArticle(db, copy)
      return copy
    })()
  }

  /**
   * Sets the workflow status the reporter asks for (submit, publish…); the next sync
   * sends it. Issue 4 adds the rules of who may move an article where.
   */
  setStatus(id: string, status: ArticleStatus): ArticleSummary {
    if (!articlesRepo.updateArticleStatus(this.db, id, status)) throw notFound('article', id)
    return this.get(id)
  }

  /** Moves an article to the trash, keeping a snapshot of it first. */
  trash(id: string): ArticleSummary {
    const db = this.db
    return db.transaction((): ArticleSummary => {
      const article = this.get(id)
      if (article.trashedAt !== null) return summaryOf(article)
      const now = this.deps.now()
      this.snapshot(db, article, 'before-trash', now)
      articlesRepo.setArticleTrashed(db, id, now)
      return { ...summaryOf(article), trashedAt: now }
    })()
  }

  /** Takes an article out of the trash. */
  restore(id: string): ArticleSummary {
    const article = this.get(id)
    articlesRepo.setArticleTrashed(this.db, id, null)
    return { ...summaryOf(article), trashedAt: null }
  }

  /** Deletes an article and its snapshots for good; only from the trash. */
  deleteForever(id: string): { id: string } {
    const article = this.get(id)
    if (article.trashedAt === null) {
      throw new AppError('INVALID_STATE', 'only an article in the trash can be deleted for good')
    }
    articlesRepo.deleteArticle(this.db, id)
    return { id }
  }
}

function summaryOf(article: Article): ArticleSummary {
  const { id, title, status, wordCount, createdAt, updatedAt, trashedAt } = article
  return { id, title, status, wordCount, createdAt, updatedAt, trashedAt }
}
