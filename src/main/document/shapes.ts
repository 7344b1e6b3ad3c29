import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser'
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import { isAllowedLinkUrl } from '@shared/domain/links'
import { inlineFromHtml, Unsupported } from './inline'
import type { LexInline } from './lexical'
import { delimitersWellFormed } from './gutenberg'

/**
 * The shapes of the blocks Qalam edits, read from the site's markup with the places
 * of their text: where a paragraph's words are, each list item's, an image's `alt`
 * and caption. Reading a block keeps its markup (the "shell": the block comment with
 * its attributes, classes, ids, alignment, links, sizes) and the editor gets only the
 * text; writing an edited block back puts the new text into the same places of the
 * same markup, so everything else the block had stays byte for byte.
 *
 * What counts as a shape is an allow-list: the elements the block editor writes for the
 * block, with attributes from a known set (no event handlers, no unknown tags), and text
 * that the inline codec represents exactly. Anything else stays a raw block.
 */

type ParsedBlock = ReturnType<typeof parseBlocks>[number]

/** A range of the block's markup (start inclusive, end exclusive). */
export interface Range {
  start: number
  end: number
}

/** An element's text: its inner range in the markup, and that text as the editor's inline nodes. */
export interface TextSlot extends Range {
  inline: LexInline[]
}

export interface ParagraphShape {
  kind: 'paragraph'
  ltr: boolean
  slot: TextSlot
}
export interface HeadingShape {
  kind: 'heading'
  level: 1 | 2 | 3 | 4 | 5 | 6
  slot: TextSlot
}
export interface QuoteShape {
  kind: 'quote'
  slot: TextSlot
}
export interface ListItemShape {
  /** The whole item: its list-item block with delimiters, or the `<li>` of a list from before list items were blocks. */
  range: Range
  slot: TextSlot
}
export interface ListShape {
  kind: 'list'
  ordered: boolean
  start: number
  /** Where the items are (the list element's inside). */
  inner: Range
  items: ListItemShape[]
  /** Items are list-item blocks (WordPress 6.2+) or bare `<li>`s. */
  itemBlocks: boolean
  /** What stands between two items (WordPress writes a blank line between list-item blocks). */
  separator: string
}
export interface SeparatorShape {
  kind: 'separator'
}
export interface ImageShape {
  kind: 'image'
  remoteId: number | undefined
  src: string
  srcRange: Range
  alt: string
  /** The alt attribute's value, or (when there is none) where one goes: just after `<img`. */
  altRange: Range | null
  altInsertAt: number
  caption: string
  /** The whole figcaption element and its text. */
  captionElement: Range | null
  captionSlot: Range | null
  /** Where a new caption goes: just before `</figure>`. */
  captionInsertAt: number
  /** The WordPress 5.x form (a figure inside <div class="wp-block-image">), whose captions had no class. */
  legacy: boolean
}
export type Shape = ParagraphShape | HeadingShape | QuoteShape | ListShape | SeparatorShape | ImageShape

const positions = { withStartIndices: true, withEndIndices: true, decodeEntities: true } as const

/** Attributes a text element (p, h1–h6, li, blockquote, figcaption, ul/ol, figure, hr) may carry and still be edited. */
export const SHELL_ATTRS: ReadonlySet<string> = new Set(['class', 'id', 'dir', 'style', 'lang'])
const LIST_ATTRS = new Set([...SHELL_ATTRS, 'start', 'reversed', 'type'])
const IMG_ATTRS = new Set(['src', 'alt', 'class', 'id', 'width', 'height', 'title', 'srcset', 'sizes', 'style', 'loading', 'decoding', 'fetchpriority'])
const IMAGE_LINK_ATTRS = new Set(['href', 'target', 'rel', 'class'])

export function attrsWithin(el: Element, allowed: ReadonlySet<string>): void {
  for (const name of Object.keys(el.attribs)) if (!allowed.has(name) && !/^data-(id|align)$/.test(name)) throw new Unsupported(`<${el.name}> with the attribute ${name}`)
  // A style with a URL or an expression is not something the block editor writes for text.
  const style = el.attribs.style
  if (style !== undefined && /url\s*\(|expression\s*\(|@import|\\/i.test(style)) throw new Unsupported(`<${el.name}> with a style that loads or escapes`)
}

const isDelimiter = (n: ChildNode) => n.type === 'comment' && /^\s*\/?wp:[a-z]/.test(n.data)
const isBlank = (n: ChildNode) => n.type === 'text' && n.data.trim() === ''

/** The elements among `nodes`; block delimiters and blank text are passed over, anything else is not a shape. */
function elementsOf(nodes: ChildNode[]): Element[] {
  const out: Element[] = []
  for (const n of nodes) {
    if (isBlank(n) || isDelimiter(n)) continue
    if (n.type !== 'tag') throw new Unsupported(n.type === 'text' ? 'text outside the block’s element' : `a ${n.type} outside the block’s element`)
    out.push(n as Element)
  }
  return out
}

/** An element's inside as a range of the markup; the element must be closed by its own end tag. */
export function innerOf(markup: string, el: Element): Range {
  const end = el.endIndex! + 1
  const close = `</${el.name}>`
  if (markup.slice(end - close.length, end).toLowerCase() !== close) throw new Unsupported(`<${el.name}> without its end tag`)
  const innerEnd = end - close.length
  return { start: el.children.length > 0 ? el.children[0]!.startIndex! : innerEnd, end: innerEnd }
}

function slotOf(markup: string, el: Element): TextSlot {
  return { ...innerOf(markup, el), inline: inlineFromHtml(el.children) }
}

/** The one element a block's markup holds at its top level (between its delimiters). */
function onlyElement(markup: string): Element {
  const els = elementsOf(parseDocument(markup, positions).children)
  if (els.length !== 1) throw new Unsupported(els.length === 0 ? 'no element in the block' : `${els.length} elements side by side (${els.map((e) => e.name).join(', ')})`)
  return els[0]!
}

/** Block attributes that change what a block shows from somewhere else (bindings to post meta): its text is not the block's to edit. */
function noBindings(attrs: Record<string, unknown>): void {
  const meta = attrs.metadata as { bindings?: unknown } | undefined
  if (meta !== undefined && meta !== null && typeof meta === 'object' && meta.bindings !== undefined) throw new Unsupported('text bound to a source elsewhere (block bindings)')
}

function paragraphShape(markup: string, attrs: Record<string, unknown>): ParagraphShape {
  const p = onlyElement(markup)
  if (p.name !== 'p') throw new Unsupported(`a paragraph block holding <${p.name}>`)
  attrsWithin(p, SHELL_ATTRS)
  return { kind: 'paragraph', ltr: attrs.direction === 'ltr' || p.attribs.dir === 'ltr', slot: slotOf(markup, p) }
}

function headingShape(markup: string, attrs: Record<string, unknown>): HeadingShape {
  const level = attrs.level ?? 2
  if (level !== 1 && level !== 2 && level !== 3 && level !== 4 && level !== 5 && level !== 6) throw new Unsupported(`heading level ${JSON.stringify(level)}`)
  const h = onlyElement(markup)
  if (h.name !== `h${level}`) throw new Unsupported(`a level-${String(level)} heading holding <${h.name}>`)
  attrsWithin(h, SHELL_ATTRS)
  return { kind: 'heading', level, slot: slotOf(markup, h) }
}

/** A quote's citation: kept as it is (the editor shows the quoted words); it must be text the codec understands. */
function citation(el: Element): boolean {
  // <cite> today, <p class="wp-block-quote__citation"> in WordPress 6.0–6.2, <footer> in the first quote block.
  const isCite = el.name === 'cite' || el.name === 'footer' || (el.name === 'p' && (el.attribs.class ?? '').split(/\s+/).includes('wp-block-quote__citation'))
  if (!isCite) return false
  attrsWithin(el, SHELL_ATTRS)
  inlineFromHtml(el.children)
  return true
}

function quoteShape(markup: string, b: ParsedBlock): QuoteShape {
  const quote = onlyElement(markup)
  if (quote.name !== 'blockquote') throw new Unsupported(`a quote block holding <${quote.name}>`)
  attrsWithin(quote, SHELL_ATTRS)
  const parts = elementsOf(quote.children)
  const words = parts.filter((el) => !citation(el))
  if (words.length !== 1 || words[0]!.name !== 'p' || b.innerBlocks.length > 1) throw new Unsupported('a quote of several paragraphs or other blocks')
  if (b.innerBlocks.length === 1) {
    const inner = b.innerBlocks[0]!
    if (inner.blockName !== 'core/paragraph' || inner.innerBlocks.length > 0) throw new Unsupported(`a quote holding ${inner.blockName ?? 'HTML'}`)
    noBindings((inner.attrs ?? {}) as Record<string, unknown>)
  }
  attrsWithin(words[0]!, SHELL_ATTRS)
  return { kind: 'quote', slot: slotOf(markup, words[0]!) }
}

function listShape(markup: string, b: ParsedBlock, attrs: Record<string, unknown>): ListShape {
  const ordered = attrs.ordered === true
  const list = onlyElement(markup)
  if (list.name !== (ordered ? 'ol' : 'ul')) throw new Unsupported(`an ${ordered ? 'ordered' : 'unordered'} list holding <${list.name}>`)
  attrsWithin(list, LIST_ATTRS)
  const inner = innerOf(markup, list)
  const start = typeof attrs.start === 'number' && Number.isSafeInteger(attrs.start) ? attrs.start : 1
  const items: ListItemShape[] = []
  const itemBlocks = b.innerBlocks.length > 0
  if (itemBlocks) {
    for (const item of b.innerBlocks)
      if (item.blockName !== 'core/list-item' || item.innerBlocks.length > 0)
        throw new Unsupported(item.blockName === 'core/list-item' ? 'a nested list' : `a list holding ${item.blockName ?? 'HTML'}`)
    // Each list-item block: its opening delimiter, the <li>, its closing one.
    const nodes = list.children
    let open: number | null = null
    let li: Element | null = null
    for (const n of nodes) {
      if (isBlank(n)) continue
      if (n.type === 'comment' && /^\s*wp:list-item[\s{]/.test(n.data) && open === null) open = n.startIndex!
      else if (n.type === 'comment' && /^\s*\/wp:list-item\s/.test(n.data) && open !== null && li !== null) {
        items.push({ range: { start: open, end: n.endIndex! + 1 }, slot: slotOf(markup, li) })
        open = null
        li = null
      } else if (n.type === 'tag' && (n as Element).name === 'li' && open !== null && li === null) {
        li = n as Element
        attrsWithin(li, SHELL_ATTRS)
      } else throw new Unsupported('list items not in the block editor’s form')
    }
    if (open !== null || items.length !== b.innerBlocks.length) throw new Unsupported('list items not in the block editor’s form')
  } else {
    for (const li of elementsOf(list.children)) {
      if (li.name !== 'li') throw new Unsupported(`a list holding <${li.name}>`)
      attrsWithin(li, SHELL_ATTRS)
      items.push({ range: { start: li.startIndex!, end: li.endIndex! + 1 }, slot: slotOf(markup, li) })
    }
  }
  const separator = items.length >= 2 ? markup.slice(items[0]!.range.end, items[1]!.range.start) : itemBlocks ? '\n\n' : ''
  if (separator.trim() !== '') throw new Unsupported('something between list items')
  return { kind: 'list', ordered, start, inner, items, itemBlocks, separator }
}

function separatorShape(markup: string): SeparatorShape {
  const hr = onlyElement(markup)
  if (hr.name !== 'hr' || hr.children.length > 0) throw new Unsupported(`a separator holding <${hr.name}>`)
  attrsWithin(hr, SHELL_ATTRS)
  return { kind: 'separator' }
}

/** An attribute's value range inside an element's start tag (double-quoted, as the block editor writes). */
function attrRange(markup: string, el: Element, name: string): Range | null {
  const tagEnd = el.children.length > 0 ? el.children[0]!.startIndex! : el.endIndex! + 1
  const tag = markup.slice(el.startIndex!, tagEnd)
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  if (m === null) return null
  const start = el.startIndex! + m.index + m[0].length - 1 - m[1]!.length
  return { start, end: start + m[1]!.length }
}

function imageShape(markup: string, attrs: Record<string, unknown>): ImageShape {
  let figure = onlyElement(markup)
  const legacy = figure.name === 'div'
  // An aligned image as WordPress 5.x saved it: <div class="wp-block-image"><figure class="alignleft">…</figure></div>.
  if (figure.name === 'div' && (figure.attribs.class ?? '').split(/\s+/).includes('wp-block-image')) {
    attrsWithin(figure, SHELL_ATTRS)
    const inside = elementsOf(figure.children)
    if (inside.length !== 1) throw new Unsupported('an image block with more than a figure in its <div>')
    figure = inside[0]!
  }
  if (figure.name !== 'figure') throw new Unsupported(`an image block holding <${figure.name}>`)
  attrsWithin(figure, SHELL_ATTRS)
  const parts = elementsOf(figure.children)
  let img = parts[0]
  if (img?.name === 'a') {
    attrsWithin(img, IMAGE_LINK_ATTRS)
    if (img.attribs.href === undefined || !isAllowedLinkUrl(img.attribs.href)) throw new Unsupported('an image link that is not http, https or mailto')
    const inLink = elementsOf(img.children)
    if (inLink.length !== 1 || img.children.some((n) => n.type === 'text' && n.data.trim() !== '')) throw new Unsupported('an image link holding more than the image')
    img = inLink[0]
  }
  if (img?.name !== 'img') throw new Unsupported('an image block without its <img> first')
  attrsWithin(img, IMG_ATTRS)
  const srcRange = attrRange(markup, img, 'src')
  if (srcRange === null) throw new Unsupported('an image without a double-quoted src')
  const altRange = attrRange(markup, img, 'alt')
  let caption = ''
  let captionElement: Range | null = null
  let captionSlot: Range | null = null
  if (parts.length === 2) {
    const cap = parts[1]!
    if (cap.name !== 'figcaption') throw new Unsupported(`an image with <${cap.name}> beside it`)
    attrsWithin(cap, SHELL_ATTRS)
    const inline = inlineFromHtml(cap.children)
    if (inline.some((n) => n.type !== 'text' || n.format !== 0)) throw new Unsupported('a caption with formatting or links')
    caption = inline.map((n) => (n.type === 'text' ? n.text : '')).join('')
    captionElement = { start: cap.startIndex!, end: cap.endIndex! + 1 }
    captionSlot = innerOf(markup, cap)
  } else if (parts.length > 2) throw new Unsupported('an image with more than a caption beside it')
  const id = attrs.id
  return {
    kind: 'image',
    remoteId: typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined,
    src: img.attribs.src ?? '',
    srcRange,
    alt: img.attribs.alt ?? '',
    altRange,
    altInsertAt: img.startIndex! + '<img'.length,
    caption,
    captionElement,
    captionSlot,
    captionInsertAt: innerOf(markup, figure).end,
    legacy
  }
}

/**
 * The shape of one parsed top-level block whose markup is `markup` (the exact text the
 * site has, delimiters included), or Unsupported.
 */
export function shapeOf(markup: string, b: ParsedBlock): Shape {
  const attrs = (b.attrs ?? {}) as Record<string, unknown>
  noBindings(attrs)
  switch (b.blockName) {
    case 'core/paragraph':
      if (b.innerBlocks.length > 0) throw new Unsupported('inner blocks')
      return paragraphShape(markup, attrs)
    case 'core/heading':
      if (b.innerBlocks.length > 0) throw new Unsupported('inner blocks')
      return headingShape(markup, attrs)
    case 'core/quote':
      return quoteShape(markup, b)
    case 'core/list':
      return listShape(markup, b, attrs)
    case 'core/separator':
      if (b.innerBlocks.length > 0) throw new Unsupported('inner blocks')
      return separatorShape(markup)
    case 'core/image':
      if (b.innerBlocks.length > 0) throw new Unsupported('inner blocks')
      return imageShape(markup, attrs)
    default:
      throw new Unsupported(`${b.blockName ?? 'HTML outside blocks'} is not a block Qalam edits`)
  }
}

/** The shape of a block's markup on its own (as a node keeps it), or null if it is not one. */
export function shapeOfMarkup(markup: string): Shape | null {
  if (!delimitersWellFormed(markup)) return null
  const parsed = parseBlocks(markup).filter((b) => !(b.blockName === null && b.innerHTML.trim() === ''))
  if (parsed.length !== 1 || parsed[0]!.blockName === null) return null
  try {
    return shapeOf(markup, parsed[0]!)
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}

/** `markup` with each range replaced by its text (ranges must not overlap). */
export function splice(markup: string, edits: { range: Range; text: string }[]): string {
  let out = ''
  let at = 0
  for (const e of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    out += markup.slice(at, e.range.start) + e.text
    at = e.range.end
  }
  return out + markup.slice(at)
}
