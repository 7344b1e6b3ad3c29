import type { Db } from '../connection'
import { indexArticle, markSearchPending, unindexArticle } from './search'
import type { Article, ArticleDraft, ArticleListView, ArticleMeta, ArticleStatus, ArticleSummary, CaretPosition } from '@shared/domain/article'

export interface ArticleRow {
  id: string
  title: string
  standfirst: string
  body: string
  body_text: string
  byline: string
  dateline: string
  categories: string
  tags: string
  slug: string
  label: string
  featured_image: string
  publish_at: number | null
  status: ArticleStatus
  word_count: number
  caret: string | null
  save_count: number
  created_at: number
  updated_at: number
  trashed_at: number | null
}

type SummaryRow = Pick<ArticleRow, 'id' | 'title' | 'status' | 'word_count' | 'created_at' | 'updated_at' | 'trashed_at'>

const SUMMARY_COLUMNS = 'id, title, status, word_count, created_at, updated_at, trashed_at'

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

export function rowToSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    wordCount: row.word_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at
  }
}

export function rowToArticle(row: ArticleRow): Article {
  return {
    ...rowToSummary(row),
    standfirst: row.standfirst,
    body: row.body,
    bodyText: row.body_text,
    meta: {
      byline: row.byline,
      dateline: row.dateline,
      categories: parseList(row.categories),
      tags: parseList(row.tags),
      slug: row.slug,
      label: row.label,
      featuredImage: row.featured_image,
      publishAt: row.publish_at
    },
    caret: row.caret === null ? null : (JSON.parse(row.caret) as CaretPosition),
    saveCount: row.save_count
  }
}

function metaToRow(meta: ArticleMeta) {
  return {
    byline: meta.byline,
    dateline: meta.dateline,
    categories: JSON.stringify(meta.categories),
    tags: JSON.stringify(meta.tags),
    slug: meta.slug,
    label: meta.label,
    featured_image: meta.featuredImage,
    publish_at: meta.publishAt
  }
}

export function articleToRow(article: Article): ArticleRow {
  return {
    id: article.id,
    title: article.title,
    standfirst: article.standfirst,
    body: article.body,
    body_text: article.bodyText,
    ...metaToRow(article.meta),
    status: article.status,
    word_count: article.wordCount,
    caret: article.caret === null ? null : JSON.stringify(article.caret),
    save_count: article.saveCount,
    created_at: article.createdAt,
    updated_at: article.updatedAt,
    trashed_at: article.trashedAt
  }
}

/** Inserts a new article row. */
export function insertArticle(db: Db, article: Article): void {
  db.prepare(
    `INSERT INTO articles (id, title, standfirst, body, body_text, byline, dateline, categories, tags, slug, label,
       featured_image, publish_at, status, word_count, caret, save_count, created_at, updated_at, trashed_at)
     VALUES (@id, @title, @standfirst, @body, @body_text, @byline, @dateline, @categories, @tags, @slug, @label,
       @featured_image, @publish_at, @status, @word_count, @caret, @save_count, @created_at, @updated_at, @trashed_at)`
  ).run(articleToRow(article))
  indexArticle(db, article, true)
}

/** One article, or undefined. */
export function findArticle(db: Db, id: string): Article | undefined {
  const row = db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined
  return row === undefined ? undefined : rowToArticle(row)
}

/** The little an autosave needs to know about the row it overwrites. */
export function findArticleState(db: Db, id: string): { createdAt: number; trashedAt: number | null; saveCount: number } | undefined {
  const row = db.prepare('SELECT created_at, trashed_at, save_count FROM articles WHERE id = ?').get(id) as
    { created_at: number; trashed_at: number | null; save_count: number } | undefined
  return row === undefined ? undefined : { createdAt: row.created_at, trashedAt: row.trashed_at, saveCount: row.save_count }
}

export interface ArticleListFilter {
  view: ArticleListView
  status?: ArticleStatus
  titleContains?: string
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Articles for the list, newest edit first, without their bodies. */
export function listArticles(db: Db, filter: ArticleListFilter): ArticleSummary[] {
  const where = [filter.view === 'trash' ? 'trashed_at IS NOT NULL' : 'trashed_at IS NULL']
  const params: Record<string, string> = {}
  if (filter.status !== undefined) {
    where.push('status = @status')
    params.status = filter.status
  }
  const query = filter.titleContains?.trim()
  if (query) {
    where.push(`title LIKE @title ESCAPE '\\'`)
    params.title = `%${escapeLike(query)}%`
  }
  const rows = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id`).all(params) as SummaryRow[]
  return rows.map(rowToSummary)
}

/** Writes an autosave; returns the new save count, or undefined if the article is gone. */
export function updateArticleContent(db: Db, draft: ArticleDraft, wordCount: number, now: number): number | undefined {
  const row = db
    .prepare(
      `UPDATE articles SET title = @title, standfirst = @standfirst, body = @body, body_text = @body_text,
         byline = @byline, dateline = @dateline, categories = @categories, tags = @tags, slug = @slug, label = @label,
         featured_image = @featured_image, publish_at = @publish_at,
         word_count = @word_count, caret = @caret, save_count = save_count + 1, updated_at = @now
       WHERE id = @id
       RETURNING save_count`
    )
    .get({
      id: draft.id,
      title: draft.title,
      standfirst: draft.standfirst,
      body: draft.body,
      body_text: draft.bodyText,
      ...metaToRow(draft.meta),
      word_count: wordCount,
      caret: draft.caret === null ? null : JSON.stringify(draft.caret),
      now
    }) as { save_count: number } | undefined
  // The search index catches up later (see migration 0120); the mark is in the caller's transaction.
  if (row !== undefined) markSearchPending(db, draft.id)
  return row?.save_count
}

/** Stores only the caret position. */
export function updateArticleCaret(db: Db, id: string, caret: CaretPosition | null): boolean {
  return db.prepare('UPDATE articles SET caret = @caret WHERE id = @id').run({ id, caret: caret === null ? null : JSON.stringify(caret) }).changes === 1
}

/** Moves an article into the trash (a timestamp) or out of it (null). */
export function setArticleTrashed(db: Db, id: string, trashedAt: number | null): boolean {
  const changed = db.prepare('UPDATE articles SET trashed_at = @trashedAt WHERE id = @id').run({ id, trashedAt }).changes === 1
  // The trash is not searched: an article leaves the index with it and comes back when restored.
  if (changed && trashedAt !== null) unindexArticle(db, id)
  if (changed && trashedAt === null) {
    const article = findArticle(db, id)
    if (article !== undefined) indexArticle(db, article)
  }
  return changed
}

/** Deletes an article row; its revisions go with it (ON DELETE CASCADE). */
export function deleteArticle(db: Db, id: string): boolean {
  unindexArticle(db, id)
  return db.prepare('DELETE FROM articles WHERE id = ?').run(id).changes === 1
}

/** Sets an article's workflow status (the site's editors change it; issue 4 adds the rules). */
export function updateArticleStatus(db: Db, id: string, status: ArticleStatus): boolean {
  return db.prepare('UPDATE articles SET status = ? WHERE id = ?').run(status, id).changes === 1
}

/** The newest save of any article (a time this computer's clock once gave, when it was right, as far as anyone knows). */
export function newestSave(db: Db): number | null {
  return (db.prepare('SELECT MAX(updated_at) AS at FROM articles').get() as { at: number | null }).at
}
