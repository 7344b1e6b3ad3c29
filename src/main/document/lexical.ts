import { NODE_TYPES } from '@shared/domain/document'

/**
 * The article body as the main process sees it: the subset of Lexical's JSON the
 * editor writes (its nodes are registered in the renderer under the same names),
 * and small builders for it.
 */

export interface LexText {
  type: 'text'
  text: string
  format: number
  detail: number
  mode: 'normal'
  style: string
  version: 1
}
export interface LexLineBreak {
  type: 'linebreak'
  version: 1
}
export interface LexLink {
  type: 'link'
  url: string
  rel: string | null
  target: string | null
  title: string | null
  children: LexInline[]
  direction: null
  format: ''
  indent: 0
  version: 1
}
/** A comment anchor: Lexical's MarkNode, its ids the comment threads' ids. */
export interface LexMark {
  type: 'mark'
  ids: string[]
  children: LexInline[]
  direction: null
  format: ''
  indent: 0
  version: 1
}
/** A suggestion (track changes): text suggested for insertion or deletion, by whom and when. */
export interface LexSuggestion {
  type: typeof NODE_TYPES.suggestion
  suggestionId: string
  kind: 'insert' | 'delete'
  author: string
  createdAt: number
  children: LexInline[]
  direction: null
  format: ''
  indent: 0
  version: 1
}
export type LexInline = LexText | LexLineBreak | LexLink | LexMark | LexSuggestion

/**
 * Lexical's node state (`$` in a node's JSON): a block opened from the site keeps the
 * site's markup of it there (`siteMarkup`), so it goes back byte for byte when untouched
 * and with its attributes and classes when edited (see shapes.ts). The editor carries
 * the state through edits without knowing it; a node it creates (a new paragraph) has none.
 */
export interface SiteSource {
  /** `noteId`: the site's note (WordPress's Notes) on this block, set when a thread opened here became one (sync/notes.ts). */
  $?: { siteMarkup?: string; classicGap?: string; classicTail?: string; noteId?: number } & Record<string, unknown>
}

export interface LexElementBase extends SiteSource {
  direction: 'ltr' | 'rtl' | null
  format: string
  indent: number
  version: 1
}
export interface LexParagraph extends LexElementBase {
  type: 'paragraph'
  children: LexInline[]
  textFormat: number
  textStyle: string
}
export interface LexHeading extends LexElementBase {
  type: 'heading'
  tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6'
  children: LexInline[]
}
export interface LexQuote extends LexElementBase {
  type: 'quote'
  children: LexInline[]
}
export interface LexListItem extends LexElementBase {
  type: 'listitem'
  value: number
  checked?: boolean
  children: (LexInline | LexList)[]
}
export interface LexList extends LexElementBase {
  type: 'list'
  listType: 'bullet' | 'number' | 'check'
  start: number
  tag: 'ul' | 'ol'
  children: LexListItem[]
}
export interface LexRule extends SiteSource {
  type: 'horizontalrule'
  version: 1
}
export interface LexImage extends SiteSource {
  type: typeof NODE_TYPES.image
  version: 1
  mediaId: string
  alt: string
  caption: string
}
export interface LexRawBlock {
  type: typeof NODE_TYPES.rawBlock
  version: 1
  /** The block exactly as the site had it. */
  markup: string
  /** The block's name (core/embed…), or 'html' for content outside any block. */
  name: string
  /** Its plain text, for showing; never HTML. */
  preview: string
  /** Node state: in a classic post, the whitespace around it as the site had it (classic.ts). */
  $?: { classicGap?: string; classicTail?: string } & Record<string, unknown>
}
export type LexBlock = LexParagraph | LexHeading | LexQuote | LexList | LexRule | LexImage | LexRawBlock

export interface LexDocument {
  root: { type: 'root'; children: LexBlock[]; direction: 'rtl' | 'ltr' | null; format: string; indent: number; version: 1 }
}

/** An image as uploaded to the site. */
export interface RemoteImage {
  id: number
  url: string
}

export const text = (t: string, format: number): LexText => ({ type: 'text', text: t, format, detail: 0, mode: 'normal', style: '', version: 1 })

export const element = <T extends LexElementBase>(rest: Omit<T, keyof LexElementBase>, direction: 'ltr' | 'rtl' | null = null): T =>
  ({ direction, format: '', indent: 0, version: 1, ...rest }) as T

export const paragraph = (children: LexInline[], direction: 'ltr' | null = null): LexParagraph =>
  element<LexParagraph>({ type: 'paragraph', children, textFormat: 0, textStyle: '' }, direction)

/** The site's markup a node keeps, if any. */
export const siteMarkupOf = (node: SiteSource): string | undefined => (typeof node.$?.siteMarkup === 'string' ? node.$.siteMarkup : undefined)

/** A node with the site's markup of it kept (other state it has stays). */
export const withSiteMarkup = <T extends SiteSource>(node: T, markup: string): T => ({ ...node, $: { ...node.$, siteMarkup: markup } })

/** Parses a stored body; a body that is not a document (never expected) is an error, not an empty post. */
export function parseDocumentJson(json: string): LexDocument {
  const doc = JSON.parse(json) as LexDocument
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.root?.children)) throw new Error('not a Lexical document')
  return doc
}
