import type { Db } from '../connection'
import type { Article, ArticleStatus } from '@shared/domain/article'
import type { SearchFilters as SharedSearchFilters } from '@shared/domain/search'
import { normalizeArabic, searchFormsCached, wordsWithOffsets } from '@shared/arabic/normalize'

/** The text of an article as the index holds it: each field normalized, plus every word's other search forms. */
export function indexedFields(article: Pick<Article, 'title' | 'standfirst' | 'bodyText' | 'meta'>) {
  const norm = (s: string) => normalizeArabic(s).toLowerCase()
  const meta = [article.meta.byline, article.meta.dateline, article.meta.label, ...article.meta.categories, ...article.meta.tags].join(' ')
  const all = [article.title, article.standfirst, article.bodyText, meta].join(' ')
  const expanded = new Set<string>()
  for (const { word } of wordsWithOffsets(norm(all))) {
    for (const form of searchFormsCached(word)) if (form !== word) expanded.add(form)
  }
  return { title: norm(article.title), standfirst: norm(article.standfirst), body: norm(article.bodyText), meta: norm(meta), expanded: [...expanded].join(' ') }
}

/** Puts an article's text in the index (replacing what was there unless it is new); call inside the write's transaction. */
export function indexArticle(db: Db, article: Pick<Article, 'id' | 'title' | 'standfirst' | 'bodyText' | 'meta'>, isNew = false): void {
  const row = db.prepare('SELECT rowid FROM articles WHERE id = ?').get(article.id) as { rowid: number } | undefined
  if (row === undefined) return
  const f = indexedFields(article)
  if (!isNew) db.prepare('DELETE FROM articles_fts WHERE rowid = ?').run(row.rowid)
  db.prepare('INSERT INTO articles_fts (rowid, title, standfirst, body, meta, expanded) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.rowid,
    f.title,
    f.standfirst,
    f.body,
    f.meta,
    f.expanded
  )
}

/** Marks an article's text as changed since the index read it (cheap: one row, in the write's transaction). */
export function markSearchPending(db: Db, articleId: string): void {
  db.prepare('INSERT INTO search_pending (article_id) VALUES (@articleId) ON CONFLICT DO NOTHING').run({ articleId })
}

/** How many articles the index has yet to catch up with. */
export function pendingCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM search_pending').get() as { n: number }).n
}

/** Brings the index up to date with every marked article (one transaction); returns how many it read. */
export function indexPending(db: Db): number {
  const rows = db
    .prepare(
      `SELECT a.id, a.title, a.standfirst, a.body_text, a.byline, a.dateline, a.label, a.categories, a.tags, a.trashed_at
       FROM search_pending p JOIN articles a ON a.id = p.article_id`
    )
    .all() as (IndexSource & { id: string; trashed_at: number | null })[]
  if (rows.length === 0) return 0
  db.transaction(() => {
    // The trash is not indexed: a trashed article left the index when it was trashed.
    for (const r of rows) if (r.trashed_at === null) indexArticle(db, { id: r.id, ...sourceToArticle(r) })
    db.prepare('DELETE FROM search_pending').run()
  })()
  return rows.length
}

interface IndexSource {
  title: string
  standfirst: string
  body_text: string
  byline: string
  dateline: string
  label: string
  categories: string
  tags: string
}

/** An article row's indexable text in the form indexedFields reads. */
export function sourceToArticle(r: IndexSource): Pick<Article, 'title' | 'standfirst' | 'bodyText' | 'meta'> {
  return {
    title: r.title,
    standfirst: r.standfirst,
    bodyText: r.body_text,
    meta: {
      byline: r.byline,
      dateline: r.dateline,
      label: r.label,
      categories: JSON.parse(r.categories) as string[],
      tags: JSON.parse(r.tags) as string[],
      slug: '',
      featuredImage: '',
      publishAt: null
    }
  }
}

/** Takes an article out of the index; call before its row is deleted. */
export function unindexArticle(db: Db, id: string): void {
  db.prepare('DELETE FROM articles_fts WHERE rowid = (SELECT rowid FROM articles WHERE id = ?)').run(id)
}

export function indexedCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM articles_fts').get() as { n: number }).n
}

/** Articles the index should hold: every one not in the trash. */
export function articleCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM articles WHERE trashed_at IS NULL').get() as { n: number }).n
}

/**
 * The indexed word forms that begin with `prefix`, at most `max` of them; null when
 * there are more (a prefix that short is left to FTS5's own prefix query).
 */
export function completions(db: Db, prefix: string, max: number): string[] | null {
  const rows = db.prepare('SELECT term FROM articles_vocab WHERE term >= @from AND term < @to LIMIT @limit').all({ from: prefix, to: `${prefix}\u{10FFFF}`, limit: max + 1 }) as {
    term: string
  }[]
  return rows.length > max ? null : rows.map((r) => r.term)
}

/** Forgets every mark (a rebuild reads every article anyway). */
/** In how many articles the index holds each of these terms (0 for a term it does not hold). */
export function documentCounts(db: Db, terms: readonly string[]): Map<string, number> {
  const one = db.prepare('SELECT doc FROM articles_vocab WHERE term = ?').pluck()
  const out = new Map<string, number>()
  for (const t of terms) out.set(t, (one.get(t) as number | undefined) ?? 0)
  return out
}

export function clearPending(db: Db): void {
  db.prepare('DELETE FROM search_pending').run()
}

/** Empties the index, for a rebuild. */
export function clearIndex(db: Db): void {
  db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')").run()
}

/** Every article's indexable text, a page at a time by row id. */
export function articlesToIndex(db: Db, afterRowid: number, limit: number) {
  return db
    .prepare(
      `SELECT rowid, id, title, standfirst, body_text, byline, dateline, label, categories, tags FROM articles WHERE rowid > ? AND trashed_at IS NULL ORDER BY rowid LIMIT ?`
    )
    .all(afterRowid, limit) as (IndexSource & { rowid: number; id: string })[]
}

export function insertIndexRow(db: Db, rowid: number, f: ReturnType<typeof indexedFields>): void {
  db.prepare('INSERT INTO articles_fts (rowid, title, standfirst, body, meta, expanded) VALUES (?, ?, ?, ?, ?, ?)').run(rowid, f.title, f.standfirst, f.body, f.meta, f.expanded)
}

export type SearchFilters = SharedSearchFilters

export interface SearchRow {
  id: string
  title: string
  standfirst: string
  body_text: string
  status: ArticleStatus
  byline: string
  updated_at: number
  score: number
}

/** Column weights for bm25: a match in the headline counts most, one only through a stem least. */
const BM25 = 'bm25(articles_fts, 10.0, 4.0, 1.0, 2.0, 0.3)'

/**
 * How many of the newest matches a word found in much of the archive is ranked among.
 * Ranking every match of a word in 100,000 articles costs 100 ms and more; the newest
 * 4,000 cost a few. A query with fewer matches (most queries) is ranked over all of them.
 */
export const RANK_WINDOW = 4_000

/**
 * Runs an FTS5 match expression with filters; best first. FTS5 walks the matches
 * newest first (row ids follow creation) and stops after `window` of them; bm25 ranks
 * those. So a common word ranks the newest part of the archive, what a newsroom
 * searches first; when filters leave too few hits there, the whole archive is ranked.
 */
export function searchArticles(db: Db, match: string, filters: SearchFilters, limit: number, window = RANK_WINDOW): SearchRow[] {
  if (!Number.isFinite(window)) return rankMatches(db, match, filters, limit, null)
  const windowed = rankMatches(db, match, filters, limit, window)
  return windowed.length >= limit ? windowed : rankMatches(db, match, filters, limit, null)
}

function rankMatches(db: Db, match: string, filters: SearchFilters, limit: number, window: number | null): SearchRow[] {
  // The trash is not in the index, so without filters the ranking needs no article row at all.
  const where = ['articles_fts MATCH @match']
  const params: Record<string, unknown> = { match, limit }
  const filtered = filters.status !== undefined || (filters.author ?? '').trim() !== '' || filters.from !== undefined || filters.to !== undefined || filters.siteId !== undefined
  if (filters.status !== undefined) {
    where.push('a.status = @status')
    params.status = filters.status
  }
  if (filters.author !== undefined && filters.author.trim() !== '') {
    where.push('a.byline = @author')
    params.author = filters.author.trim()
  }
  if (filters.from !== undefined) {
    where.push('a.updated_at >= @from')
    params.from = filters.from
  }
  if (filters.to !== undefined) {
    where.push('a.updated_at <= @to')
    params.to = filters.to
  }
  if (filters.siteId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM article_sync s WHERE s.article_id = a.id AND s.site_id = @siteId)')
    params.siteId = filters.siteId
  }
  const join = filtered ? 'JOIN articles a ON a.rowid = articles_fts.rowid' : ''
  const scored = `SELECT articles_fts.rowid AS rid, ${BM25} AS score FROM articles_fts ${join} WHERE ${where.join(' AND ')}`
  if (window !== null) params.window = window
  // Newest first, stopping after the window (FTS5 walks row ids backwards without reading the rest); then by score.
  const ranked =
    window === null ? `${scored} ORDER BY score LIMIT @limit` : `SELECT rid, score FROM (${scored} ORDER BY articles_fts.rowid DESC LIMIT @window) ORDER BY score LIMIT @limit`
  // The ranking carries row ids only; the texts are read for the hits that made the cut.
  return db
    .prepare(
      `WITH top AS (${ranked})
       SELECT a.id, a.title, a.standfirst, a.body_text, a.status, a.byline, a.updated_at, top.score
       FROM top JOIN articles a ON a.rowid = top.rid
       ORDER BY top.score`
    )
    .all(params) as SearchRow[]
}

/** The same query with no filters or snippets, as the benchmark's bare baseline. */
export function bareMatch(db: Db, match: string, limit: number): { rowid: number }[] {
  return db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY ${BM25} LIMIT ?`).all(match, limit) as { rowid: number }[]
}
