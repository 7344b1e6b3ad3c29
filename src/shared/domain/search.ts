import type { ArticleStatus } from './article'

/** Where a match is, as [start, end) offsets into the text it belongs to. */
export type Range = [number, number]

export interface SearchFilters {
  status?: ArticleStatus
  siteId?: string
  /** The byline, exactly. */
  author?: string
  /** Last edited between these times (ms since epoch), inclusive. */
  from?: number
  to?: number
}

export interface SearchHit {
  id: string
  title: string
  status: ArticleStatus
  byline: string
  updatedAt: number
  /** A stretch of the article's own text (not the normalized index text) around the first match. */
  snippet: string
  highlights: Range[]
  titleHighlights: Range[]
}
