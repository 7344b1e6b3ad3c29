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
  /**
   * Set on a near match: found not by the query but by this corrected one («هل تقصد …؟»),
   * when the query found few articles. Near matches come after every exact one.
   */
  near?: string
}
