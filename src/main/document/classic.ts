import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import { NODE_TYPES } from '@shared/domain/document'
import { escapeAttr, escapeText, inlineFromHtml, inlineToHtml, Unsupported } from './inline'
import { rawBlock } from './raw-blocks'
import { attrsWithin, innerOf, SHELL_ATTRS, type Range, type TextSlot } from './shapes'
import { withText } from './text-places'
import {
  element,
  paragraph,
  siteMarkupOf,
  type LexBlock,
  type LexDocument,
  type LexHeading,
  type LexImage,
  type LexInline,
  type LexList,
  type LexListItem,
  type LexQuote,
  type RemoteImage
} from './lexical'

/**
 * Classic posts: content without block delimiters, written before the block editor (or
 * in the classic editor). WordPress shows them through `wpautop`, which makes a paragraph
 * of every run of text between blank lines and a line break of every single newline, and
 * leaves block-level elements as they are. Qalam cuts them the same way into pieces (the
 * exact text the site has), opens the pieces it understands editable (paragraphs,
 * headings, lists, quotes, rules) and keeps the rest as the site's markup, and writes them
 * back as classic HTML, so the site goes on rendering the post the same way, unless the
 * reporter converts the post to blocks.
 *
 * A classic piece keeps its text in the node's state like a block does (`siteMarkup`),
 * with `classic: true`.
 */

/** Elements wpautop leaves as blocks (wp-includes/formatting.php, $allblocks). */
const BLOCK_ELEMENTS = new Set(
  'table thead tfoot caption col colgroup tbody tr td th div dl dd dt ul ol li pre form map area blockquote address math style p h1 h2 h3 h4 h5 h6 hr fieldset legend section article aside hgroup header footer nav figure figcaption details menu summary'.split(
    ' '
  )
)

const positions = { withStartIndices: true, withEndIndices: true, decodeEntities: true } as const

/** Whether post content is classic: not one block delimiter in it. */
export function isClassic(markup: string): boolean {
  return markup.trim() !== '' && !/<!--\s+\/?wp:[a-z]/.test(markup)
}

/** Cuts classic content into pieces as wpautop sees it: block-level elements, and runs of inline content split at blank lines. */
export function splitClassic(markup: string): string[] {
  return classicPieces(markup).map((p) => markup.slice(p.start, p.end))
}

/** The pieces' places in the markup (each trimmed of the whitespace around it, which the gaps between them keep). */
function classicPieces(markup: string): Range[] {
  const pieces: Range[] = []
  let run: Range | null = null
  const flush = () => {
    if (run === null) return
    const separator = /\n[ \t]*\r?\n\s*/g
    let at = run.start
    const text = markup.slice(run.start, run.end)
    const parts: Range[] = []
    for (const m of text.matchAll(separator)) {
      parts.push({ start: at, end: run.start + m.index })
      at = run.start + m.index + m[0].length
    }
    parts.push({ start: at, end: run.end })
    for (const part of parts) {
      const piece = markup.slice(part.start, part.end)
      if (piece.trim() === '') continue
      const lead = piece.length - piece.trimStart().length
      pieces.push({ start: part.start + lead, end: part.start + lead + piece.trim().length })
    }
    run = null
  }
  for (const n of parseDocument(markup, positions).children) {
    const range = { start: n.startIndex!, end: n.endIndex! + 1 }
    const own = (n.type === 'tag' && BLOCK_ELEMENTS.has((n as Element).name)) || n.type === 'comment' || n.type === 'directive' || n.type === 'script' || n.type === 'style'
    if (own) {
      flush()
      pieces.push(range)
    } else run = run === null ? range : { start: run.start, end: range.end }
  }
  flush()
  return pieces
}

/** Pieces of a classic post are written back with a blank line between them, unless the site had other whitespace there. */
const DEFAULT_GAP = '\n\n'

/** Inline content as wpautop shows it: a single newline is a line break; newlines at the edges are nothing. */
function autopInline(nodes: ChildNode[]): LexInline[] {
  const out: LexInline[] = []
  for (const n of inlineFromHtml(nodes)) {
    if (n.type !== 'text' || !n.text.includes('\n')) {
      out.push(n)
      continue
    }
    n.text.split(/[ \t]*\r?\n[ \t]*/).forEach((part, i) => {
      if (i > 0) out.push({ type: 'linebreak', version: 1 })
      if (part !== '') out.push({ ...n, text: part })
    })
  }
  while (out[0]?.type === 'linebreak') out.shift()
  while (out[out.length - 1]?.type === 'linebreak') out.pop()
  return out
}

type ClassicSlot = TextSlot
type ClassicShape =
  | { kind: 'paragraph'; slot: ClassicSlot }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; slot: ClassicSlot }
  | { kind: 'quote'; slot: ClassicSlot }
  | { kind: 'list'; ordered: boolean; items: { range: Range; slot: ClassicSlot }[]; inner: Range; separator: string }
  | { kind: 'rule' }

const slot = (markup: string, el: Element): ClassicSlot => ({ ...innerOf(markup, el), inline: autopInline(el.children) })

const significant = (nodes: ChildNode[]): ChildNode[] => nodes.filter((n) => !(n.type === 'text' && n.data.trim() === ''))

/** The shape of one classic piece, or Unsupported. */
function classicShape(piece: string): ClassicShape {
  const top = significant(parseDocument(piece, positions).children)
  const first = top[0]
  if (first === undefined) throw new Unsupported('nothing in it')
  if (!(first.type === 'tag' && BLOCK_ELEMENTS.has((first as Element).name))) {
    // A run of inline content: a paragraph as wpautop makes one.
    return { kind: 'paragraph', slot: { start: 0, end: piece.length, inline: autopInline(parseDocument(piece, positions).children) } }
  }
  if (top.length !== 1) throw new Unsupported('more than one element')
  const el = first as Element
  attrsWithin(el, SHELL_ATTRS)
  const heading = /^h([1-6])$/.exec(el.name)
  if (heading !== null) return { kind: 'heading', level: Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6, slot: slot(piece, el) }
  switch (el.name) {
    case 'p':
      return { kind: 'paragraph', slot: slot(piece, el) }
    case 'hr':
      return { kind: 'rule' }
    case 'blockquote': {
      const inside = significant(el.children)
      const p = inside.length === 1 && inside[0]!.type === 'tag' && (inside[0] as Element).name === 'p' ? (inside[0] as Element) : null
      if (p !== null) {
        attrsWithin(p, SHELL_ATTRS)
        return { kind: 'quote', slot: slot(piece, p) }
      }
      if (inside.some((n) => n.type === 'tag' && BLOCK_ELEMENTS.has((n as Element).name))) throw new Unsupported('a quote of several paragraphs or other blocks')
      return { kind: 'quote', slot: slot(piece, el) }
    }
    case 'ul':
    case 'ol': {
      const items = significant(el.children).map((li) => {
        if (li.type !== 'tag' || (li as Element).name !== 'li') throw new Unsupported(`a list holding ${li.type === 'tag' ? `<${(li as Element).name}>` : li.type}`)
        attrsWithin(li as Element, SHELL_ATTRS)
        if ((li as Element).children.some((c) => c.type === 'tag' && BLOCK_ELEMENTS.has((c as Element).name))) throw new Unsupported('a nested list')
        return { range: { start: li.startIndex!, end: li.endIndex! + 1 }, slot: slot(piece, li as Element) }
      })
      const separator = items.length >= 2 ? piece.slice(items[0]!.range.end, items[1]!.range.start) : '\n'
      return { kind: 'list', ordered: el.name === 'ol', items, inner: innerOf(piece, el), separator: separator.trim() === '' ? separator : '\n' }
    }
    default:
      throw new Unsupported(`<${el.name}> in a classic post`)
  }
}

const kept = (piece: string) => ({ $: { siteMarkup: piece, classic: true } })

/** A classic piece as the editor's node (keeping the piece), or the site's markup when it is not one Qalam edits. */
export function classicToBlock(piece: string): LexBlock {
  let shape: ClassicShape
  try {
    shape = classicShape(piece)
  } catch (error) {
    if (error instanceof Unsupported) return rawBlock(piece, 'html')
    throw error
  }
  switch (shape.kind) {
    case 'paragraph':
      return { ...paragraph(shape.slot.inline), ...kept(piece) }
    case 'heading':
      return { ...element<LexHeading>({ type: 'heading', tag: `h${shape.level}`, children: shape.slot.inline }), ...kept(piece) }
    case 'quote':
      return { ...element<LexQuote>({ type: 'quote', children: shape.slot.inline }), ...kept(piece) }
    case 'list':
      return {
        ...element<LexList>({
          type: 'list',
          listType: shape.ordered ? 'number' : 'bullet',
          start: 1,
          tag: shape.ordered ? 'ol' : 'ul',
          children: shape.items.map((item, i) => element<LexListItem>({ type: 'listitem', value: i + 1, children: item.slot.inline }))
        }),
        ...kept(piece)
      }
    case 'rule':
      return { type: 'horizontalrule', version: 1, ...kept(piece) }
  }
}

/**
 * A classic post as the editor's document. The whitespace between pieces, where it is not the blank
 * line Qalam writes (a line of text followed directly by a <div>), and around the whole, is kept in
 * the nodes' state, so an untouched part goes back byte for byte (classicGaps, codec.ts joinWithGaps).
 */
export function classicToDocument(markup: string): LexDocument {
  const ranges = classicPieces(markup)
  const children = ranges.map((range, i) => {
    const node = classicToBlock(markup.slice(range.start, range.end))
    const gap = markup.slice(i === 0 ? 0 : ranges[i - 1]!.end, range.start)
    const tail = i === ranges.length - 1 ? markup.slice(range.end) : ''
    const state = { ...(gap !== (i === 0 ? '' : DEFAULT_GAP) ? { classicGap: gap } : {}), ...(tail !== '' ? { classicTail: tail } : {}) }
    return Object.keys(state).length === 0 ? node : ({ ...node, $: { ...node.$, ...state } } as LexBlock)
  })
  if (children.length === 0) children.push(paragraph([]))
  return { root: { type: 'root', children, direction: 'rtl', format: '', indent: 0, version: 1 } }
}

/**
 * A classic post's whitespace as its nodes keep it: before each piece (the first's at the start, a
 * blank line where a node has none: a new one), then after the last. Undefined when it is all what
 * joinBlocks writes anyway, so nothing needs keeping.
 */
export function classicGaps(nodes: readonly LexBlock[]): string[] | undefined {
  const gaps = nodes.map((n, i) => (typeof n.$?.classicGap === 'string' ? n.$.classicGap : i === 0 ? '' : DEFAULT_GAP))
  const tail = nodes[nodes.length - 1]?.$?.classicTail
  gaps.push(typeof tail === 'string' ? tail : '')
  return gaps.every((g, i) => g === (i === 0 || i === nodes.length ? '' : DEFAULT_GAP)) ? undefined : gaps
}

/** Whether a node came from a classic post (and has not been converted to blocks). */
export const isClassicNode = (node: LexBlock): boolean => node.type !== NODE_TYPES.rawBlock && node.$?.classic === true

/** A document is written as classic HTML while any of its blocks is a classic post's and none is a block's. */
export function isClassicDocument(doc: LexDocument): boolean {
  return doc.root.children.some(isClassicNode) && !doc.root.children.some((b) => b.type !== NODE_TYPES.rawBlock && b.$?.classic !== true && siteMarkupOf(b) !== undefined)
}

/**
 * Inline content as classic HTML: a line break is a newline, as the classic editor writes
 * it (wpautop makes it a <br /> on the page). Text is escaped, so every <br> here is one.
 */
const classicInline = (children: readonly { type: string }[], plain: boolean): string => inlineToHtml(children, plain).replace(/<br>/g, '\n')

/** A classic node written back from its piece, or null when it is no longer that piece's kind. */
function fromPiece(node: LexBlock, piece: string, plain: boolean): string | null {
  let shape: ClassicShape
  try {
    shape = classicShape(piece)
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
  if (node.type === 'horizontalrule') return shape.kind === 'rule' ? piece : null
  if (shape.kind === 'rule') return null
  return withText(node, piece, shape, plain, classicInline, (html) => `<li>${html}</li>`) ?? null
}

/** One node of a classic post as classic HTML: its piece as the site had it where it can be, new HTML otherwise. */
export function classicBlockToHtml(node: LexBlock, ctx: { image(mediaId: string): RemoteImage | undefined; plain?: boolean }, missing: (mediaId: string) => Error): string {
  const plain = ctx.plain === true
  if (node.type === NODE_TYPES.rawBlock) return node.markup
  const piece = node.$?.classic === true ? siteMarkupOf(node) : undefined
  if (piece !== undefined) {
    const written = fromPiece(node, piece, plain)
    if (written !== null) return written
  }
  switch (node.type) {
    case 'paragraph':
      return `<p${node.direction === 'ltr' ? ' dir="ltr"' : ''}>${classicInline(node.children, plain)}</p>`
    case 'heading':
      return `<${node.tag}>${inlineToHtml(node.children, plain)}</${node.tag}>`
    case 'quote':
      return `<blockquote>${inlineToHtml(node.children, plain)}</blockquote>`
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul'
      const items: string[] = []
      const collect = (l: LexList) => {
        for (const item of l.children) {
          items.push(
            `<li>${inlineToHtml(
              item.children.filter((c) => c.type !== 'list'),
              plain
            )}</li>`
          )
          for (const nested of item.children.filter((c): c is LexList => c.type === 'list')) collect(nested)
        }
      }
      collect(node)
      return `<${tag}>\n${items.join('\n')}\n</${tag}>`
    }
    case 'horizontalrule':
      return '<hr />'
    case NODE_TYPES.image: {
      const img = node as LexImage
      const remote = ctx.image(img.mediaId)
      if (remote === undefined) throw missing(img.mediaId)
      const tag = `<img class="size-large wp-image-${remote.id}" src="${escapeAttr(remote.url)}" alt="${escapeAttr(img.alt)}" />`
      return img.caption.trim() === '' ? tag : `<figure class="wp-caption">${tag}<figcaption class="wp-caption-text">${escapeText(img.caption)}</figcaption></figure>`
    }
  }
}
