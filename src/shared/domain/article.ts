import type { RemovedMetadata } from './media'
/** Workflow statuses an article can have; issue 4 adds the rules between them. */
export const ARTICLE_STATUSES = ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published', 'spiked'] as const

export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

/** Metadata a reporter keeps beside the text. */
export interface ArticleMeta {
  byline: string
  dateline: string
  categories: string[]
  tags: string[]
  slug: string
  /** Source or exclusive label, e.g. «خاص». */
  label: string
  /** The post's featured image: a media id from the data folder, '' for none. */
  featuredImage: string
  /** When a scheduled article is to be published (ms since epoch), or null. */
  publishAt: number | null
}

/** Where the caret was, as a path of child indexes from the root to a text point. */
export interface CaretPosition {
  path: number[]
  offset: number
}

/** One row of the article list. */
export interface ArticleSummary {
  id: string
  title: string
  status: ArticleStatus
  wordCount: number
  createdAt: number
  updatedAt: number
  trashedAt: number | null
}

/** A whole article as stored on this machine. */
export interface Article extends ArticleSummary {
  standfirst: string
  /** Lexical's serialized editor state (JSON text): the source of truth. */
  body: string
  /** Plain text of the body, kept for counts and search. */
  bodyText: string
  meta: ArticleMeta
  caret: CaretPosition | null
  /** Number of saves so far; grows by one with every save. */
  saveCount: number
}

/** What the editor sends on every autosave. */
export interface ArticleDraft {
  id: string
  title: string
  standfirst: string
  body: string
  bodyText: string
  /** Words in bodyText, by countWords; the editor has just counted them for its status bar. */
  wordCount: number
  meta: ArticleMeta
  caret: CaretPosition | null
  /** The save count the editor last saw; a different stored count means someone else wrote the article since. */
  expectedSaveCount?: number
}

export const EMPTY_META: ArticleMeta = {
  byline: '',
  dateline: '',
  categories: [],
  tags: [],
  slug: '',
  label: '',
  featuredImage: '',
  publishAt: null
}

export const REVISION_REASONS = ['manual', 'auto', 'before-trash', 'before-restore', 'imported', 'before-sync', 'exported', 'before-import', 'site'] as const
export type RevisionReason = (typeof REVISION_REASONS)[number]

/** One row of an article's revision list. */
export interface RevisionSummary {
  id: string
  articleId: string
  reason: RevisionReason
  createdAt: number
  title: string
  wordCount: number
}

/** A snapshot of an article's content. */
export interface Revision extends RevisionSummary {
  standfirst: string
  body: string
  bodyText: string
  meta: ArticleMeta
}

/** An image kept in the data folder, referenced from documents by id. */
export interface MediaItem {
  id: string
  mime: string
  bytes: number
  originalName: string
  createdAt: number
  /** Sent to the site as taken, not sized for the web (the reporter asked for this picture). */
  fullSize?: boolean
}

/** An article's private source note: it never leaves this machine. */
export interface PrivateNote {
  body: string
  updatedAt: number
}

/** Longest private note kept (characters). */
export const MAX_NOTE_CHARS = 100_000

/** An image just taken in, with what was taken out of it (location, camera, thumbnails…; empty when it carried none). */
export interface ImportedImage extends MediaItem {
  removed: RemovedMetadata[]
}

export type ArticleListView = 'active' | 'trash'
