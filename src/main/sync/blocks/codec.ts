import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser'
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import { isAllowedLinkUrl } from '../../../shared/domain/links'
import { isMediaId } from '../../../shared/domain/media'

/**
 * The Gutenberg codec: the editor's document (Lexical JSON) to block markup the
 * block editor opens as blocks, and back.
 *
 * Going back is an allow-list: a block becomes editable nodes only when every tag
 * and attribute in it is one Qalam represents exactly (so that writing it out again
 * gives the same markup). Anything else (an embed, a gallery, a paragraph with a
 * colour or an inline image, a link to `javascript:`) becomes a `qalam-raw-block`
 * node that keeps the block's markup byte for byte and goes back unchanged. The
 * editor never renders site HTML: a raw block shows its name and plain text only.
 */

type ParsedBlock = ReturnType<typeof parseBlocks>[number]

// ---- Lexical JSON shapes (the subset the body uses) --------------------------

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
  type: 'qalam-suggestion'
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

interface LexElementBase {
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
export interface LexRule {
  type: 'horizontalrule'
  version: 1
}
export interface LexImage {
  type: 'qalam-image'
  version: 1
  mediaId: string
  alt: string
  caption: string
}
export interface LexRawBlock {
  type: 'qalam-raw-block'
  version: 1
  /** The block exactly as the site had it. */
  markup: string
  /** The block's name (core/embed…), or 'html' for content outside any block. */
  name: string
  /** Its plain text, for showing; never HTML. */
  preview: string
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

// ---- markup helpers ---------------------------------------------------------

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;')

/** Block attributes as Gutenberg writes them: JSON with `--`, `<`, `>`, `&` escaped so the comment stays a comment. */
function attrsJson(attrs: Record<string, unknown>): string {
  if (Object.keys(attrs).length === 0) return ''
  const json = JSON.stringify(attrs)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\\"/g, '\\u0022')
  return ` ${json}`
}

function block(name: string, attrs: Record<string, unknown>, html: string): string {
  return `<!-- wp:${name}${attrsJson(attrs)} -->\n${html}\n<!-- /wp:${name} -->`
}

const FORMAT = { bold: 1, italic: 2, strike: 4, underline: 8, code: 16, sub: 32, sup: 64 } as const
/** Outermost first, so the same formats always nest the same way. */
const FORMAT_TAGS: [number, string, string][] = [
  [FORMAT.bold, '<strong>', '</strong>'],
  [FORMAT.italic, '<em>', '</em>'],
  [FORMAT.strike, '<s>', '</s>'],
  [FORMAT.underline, '<span style="text-decoration: underline;">', '</span>'],
  [FORMAT.code, '<code>', '</code>'],
  [FORMAT.sub, '<sub>', '</sub>'],
  [FORMAT.sup, '<sup>', '</sup>']
]

const ID_LIST = /^[A-Za-z0-9-]{1,64}( [A-Za-z0-9-]{1,64})*$/

function inlineToHtml(nodes: readonly { type: string }[], plain = false): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'mark') {
      const m = node as LexMark
      const ids = m.ids.filter((i) => /^[A-Za-z0-9-]{1,64}$/.test(i))
      out += plain || ids.length === 0 ? inlineToHtml(m.children, plain) : `<mark class="qalam-comment" data-qalam-threads="${ids.join(' ')}">${inlineToHtml(m.children, plain)}</mark>`
      continue
    }
    if (node.type === 'qalam-suggestion') {
      const s = node as LexSuggestion
      if (plain) {
        // Not yet accepted: the text stays as it was (a deletion's text in, an insertion's out).
        if (s.kind === 'delete') out += inlineToHtml(s.children, plain)
        continue
      }
      const tag = s.kind === 'insert' ? 'ins' : 'del'
      out += `<${tag} class="qalam-suggestion" data-qalam-id="${escapeAttr(s.suggestionId)}" data-qalam-author="${escapeAttr(s.author)}" datetime="${new Date(s.createdAt).toISOString()}">${inlineToHtml(s.children, plain)}</${tag}>`
      continue
    }
    if (node.type === 'text') {
      const t = node as LexText
      let html = escapeText(t.text)
      for (let i = FORMAT_TAGS.length - 1; i >= 0; i--) {
        const [bit, open, close] = FORMAT_TAGS[i]!
        if ((t.format & bit) !== 0) html = open + html + close
      }
      out += html
    } else if (node.type === 'linebreak') {
      out += '<br>'
    } else if (node.type === 'link' || node.type === 'autolink') {
      const l = node as LexLink
      if (!isAllowedLinkUrl(l.url)) {
        out += inlineToHtml(l.children, plain)
        continue
      }
      let attrs = ` href="${escapeAttr(l.url)}"`
      if (l.target) attrs += ` target="${escapeAttr(l.target)}"`
      if (l.rel) attrs += ` rel="${escapeAttr(l.rel)}"`
      out += `<a${attrs}>${inlineToHtml(l.children, plain)}</a>`
    } else if ('children' in node) {
      out += inlineToHtml((node as { children: { type: string }[] }).children, plain)
    } else if ('text' in node) {
      out += escapeText(String((node as { text: unknown }).text))
    }
  }
  return out
}

function plainText(nodes: readonly { type: string }[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? (n as LexText).text : n.type === 'linebreak' ? '\n' : 'children' in n ? plainText((n as { children: { type: string }[] }).children) : ''))
    .join('')
}

// ---- document → blocks ------------------------------------------------------

export interface ToBlocksContext {
  /** The uploaded attachment for a local image; the engine uploads before it serialises. */
  image(mediaId: string): RemoteImage | undefined
  /**
   * Without review markup: comment anchors dropped, open suggestions left out (the
   * text as it was). For a post going public on a site without the companion plugin.
   */
  plain?: boolean
}

export class MissingUploadError extends Error {
  constructor(readonly mediaId: string) {
    super(`image ${mediaId} is not uploaded yet`)
  }
}

function listToBlock(list: LexList, plain: boolean): string {
  const ordered = list.listType === 'number'
  const items: string[] = []
  const collect = (l: LexList) => {
    for (const item of l.children) {
      const inline = item.children.filter((c) => c.type !== 'list') as LexInline[]
      if (inline.length > 0 || !item.children.some((c) => c.type === 'list')) items.push(block('list-item', {}, `<li>${inlineToHtml(inline, plain)}</li>`))
      // A nested list is written as further items of the same list: Qalam's editor has no nesting UI.
      for (const nested of item.children.filter((c): c is LexList => c.type === 'list')) collect(nested)
    }
  }
  collect(list)
  const tag = ordered ? 'ol' : 'ul'
  return block('list', ordered ? { ordered: true } : {}, `<${tag} class="wp-block-list">${items.join('')}</${tag}>`)
}

/** One block of the editor's document as Gutenberg markup. */
export function blockToMarkup(node: LexBlock | { type: string }, ctx: ToBlocksContext): string {
  const plain = ctx.plain === true
  switch (node.type) {
    case 'paragraph': {
      const p = node as LexParagraph
      const html = inlineToHtml(p.children, plain)
      return p.direction === 'ltr' ? block('paragraph', { direction: 'ltr' }, `<p dir="ltr">${html}</p>`) : block('paragraph', {}, `<p>${html}</p>`)
    }
    case 'heading': {
      const h = node as LexHeading
      const level = Number(h.tag.slice(1))
      return block('heading', level === 2 ? {} : { level }, `<h${level} class="wp-block-heading">${inlineToHtml(h.children, plain)}</h${level}>`)
    }
    case 'quote': {
      const q = node as LexQuote
      return block('quote', {}, `<blockquote class="wp-block-quote">${block('paragraph', {}, `<p>${inlineToHtml(q.children, plain)}</p>`)}</blockquote>`)
    }
    case 'list':
      return listToBlock(node as LexList, plain)
    case 'horizontalrule':
      return block('separator', {}, '<hr class="wp-block-separator has-alpha-channel-opacity"/>')
    case 'qalam-image': {
      const img = node as LexImage
      const remote = ctx.image(img.mediaId)
      if (remote === undefined) throw new MissingUploadError(img.mediaId)
      const caption = img.caption.trim() === '' ? '' : `<figcaption class="wp-element-caption">${escapeText(img.caption)}</figcaption>`
      return block(
        'image',
        { id: remote.id, sizeSlug: 'large', linkDestination: 'none' },
        `<figure class="wp-block-image size-large"><img src="${escapeAttr(remote.url)}" alt="${escapeAttr(img.alt)}" class="wp-image-${remote.id}"/>${caption}</figure>`
      )
    }
    case 'qalam-raw-block':
      return (node as LexRawBlock).markup
    default: {
      const text = 'children' in node ? plainText((node as { children: { type: string }[] }).children) : ''
      return block('paragraph', {}, `<p>${escapeText(text)}</p>`)
    }
  }
}

/** The images a document shows, in order, without repeats. */
export function documentImages(doc: LexDocument): string[] {
  const ids = doc.root.children.filter((b): b is LexImage => b.type === 'qalam-image' && isMediaId(b.mediaId)).map((b) => b.mediaId)
  return [...new Set(ids)]
}

/** The whole document as a list of top-level blocks' markup. */
export function documentToBlocks(doc: LexDocument, ctx: ToBlocksContext): string[] {
  return doc.root.children.filter((b) => !(b.type === 'paragraph' && b.children.length === 0 && isLastEmpty(doc, b))).map((b) => blockToMarkup(b, ctx))
}

/** The editor always keeps an empty paragraph at the end of a new document; the site need not see it. */
function isLastEmpty(doc: LexDocument, b: LexBlock): boolean {
  return doc.root.children.length > 1 && doc.root.children[doc.root.children.length - 1] === b
}

export function joinBlocks(blocks: string[]): string {
  return blocks.join('\n\n')
}

// ---- markup → blocks (exact substrings) -------------------------------------

const DELIMITER = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({(?:(?=([^}]+|}+(?=})|(?!}\s+\/?-->)[^])*)\5|[^]*?)}\s+)?(\/)?-->/g

/**
 * Cuts post content into its top-level blocks, each the exact text the site has,
 * and any HTML between blocks (classic content) as its own piece.
 */
export function splitBlocks(markup: string): string[] {
  const pieces: string[] = []
  let depth = 0
  let start = 0
  let last = 0
  DELIMITER.lastIndex = 0
  for (let m = DELIMITER.exec(markup); m !== null; m = DELIMITER.exec(markup)) {
    const closer = m[1] === '/'
    const voidBlock = m[6] === '/'
    if (depth === 0) {
      const between = markup.slice(last, m.index)
      if (between.trim() !== '') pieces.push(between.trim())
      start = m.index
    }
    if (voidBlock) {
      if (depth === 0) {
        pieces.push(markup.slice(start, m.index + m[0].length))
        last = m.index + m[0].length
      }
    } else if (closer) {
      depth = Math.max(0, depth - 1)
      if (depth === 0) {
        pieces.push(markup.slice(start, m.index + m[0].length))
        last = m.index + m[0].length
      }
    } else {
      depth++
    }
  }
  const rest = markup.slice(last)
  if (depth > 0) pieces.push(markup.slice(start).trim())
  else if (rest.trim() !== '') pieces.push(rest.trim())
  return pieces
}

// ---- markup → document ------------------------------------------------------

class Unsupported extends Error {}

const text = (t: string, format: number): LexText => ({ type: 'text', text: t, format, detail: 0, mode: 'normal', style: '', version: 1 })

const ALLOWED_LINK_ATTRS = new Set(['href', 'target', 'rel'])
const UNDERLINE_STYLE = /^\s*text-decoration:\s*underline;?\s*$/

function inlineFromHtml(nodes: ChildNode[], format = 0, inLink = false): LexInline[] {
  const out: LexInline[] = []
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.data !== '') out.push(text(node.data, format))
      continue
    }
    if (node.type === 'comment') throw new Unsupported()
    if (node.type !== 'tag') throw new Unsupported()
    const el = node as Element
    const attrs = Object.keys(el.attribs)
    const plain = attrs.length === 0
    switch (el.name) {
      case 'strong':
      case 'b':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.bold, inLink))
        break
      case 'em':
      case 'i':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.italic, inLink))
        break
      case 's':
      case 'strike':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.strike, inLink))
        break
      case 'u':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.underline, inLink))
        break
      case 'span':
        if (attrs.length !== 1 || !UNDERLINE_STYLE.test(el.attribs.style ?? '')) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.underline, inLink))
        break
      case 'code':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.code, inLink))
        break
      case 'sub':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.sub, inLink))
        break
      case 'sup':
        if (!plain) throw new Unsupported()
        out.push(...inlineFromHtml(el.children, format | FORMAT.sup, inLink))
        break
      case 'br':
        if (!plain) throw new Unsupported()
        out.push({ type: 'linebreak', version: 1 })
        break
      case 'mark': {
        const threads = el.attribs['data-qalam-threads']
        if (attrs.length !== 2 || el.attribs.class !== 'qalam-comment' || threads === undefined || !ID_LIST.test(threads)) throw new Unsupported()
        out.push({ type: 'mark', ids: threads.split(' '), children: inlineFromHtml(el.children, format, inLink), direction: null, format: '', indent: 0, version: 1 })
        break
      }
      case 'ins':
      case 'del': {
        const { class: cls, 'data-qalam-id': sid, 'data-qalam-author': author, datetime } = el.attribs
        const at = Date.parse(datetime ?? '')
        if (attrs.length !== 4 || cls !== 'qalam-suggestion' || sid === undefined || !/^[A-Za-z0-9-]{1,64}$/.test(sid) || author === undefined || !Number.isFinite(at)) {
          if (el.name === 'del' && plain) {
            out.push(...inlineFromHtml(el.children, format | FORMAT.strike, inLink))
            break
          }
          throw new Unsupported()
        }
        out.push({
          type: 'qalam-suggestion',
          suggestionId: sid,
          kind: el.name === 'ins' ? 'insert' : 'delete',
          author,
          createdAt: at,
          children: inlineFromHtml(el.children, format, inLink),
          direction: null,
          format: '',
          indent: 0,
          version: 1
        })
        break
      }
      case 'a': {
        const href = el.attribs.href
        if (inLink || href === undefined || !isAllowedLinkUrl(href) || attrs.some((a) => !ALLOWED_LINK_ATTRS.has(a))) throw new Unsupported()
        out.push({
          type: 'link',
          url: href,
          rel: el.attribs.rel ?? null,
          target: el.attribs.target ?? null,
          title: null,
          children: inlineFromHtml(el.children, format, true),
          direction: null,
          format: '',
          indent: 0,
          version: 1
        })
        break
      }
      default:
        throw new Unsupported()
    }
  }
  return mergeTexts(out)
}

function mergeTexts(nodes: LexInline[]): LexInline[] {
  const out: LexInline[] = []
  for (const n of nodes) {
    const prev = out[out.length - 1]
    if (n.type === 'text' && prev?.type === 'text' && prev.format === n.format) out[out.length - 1] = text(prev.text + n.text, n.format)
    else out.push(n)
  }
  return out
}

/** Parses a fragment and insists it is exactly one element named `tag` with these attributes. */
function single(html: string, tag: string, attrs: Record<string, string> = {}): Element {
  const nodes = parseDocument(html.trim(), { decodeEntities: true }).children.filter((n) => !(n.type === 'text' && n.data.trim() === ''))
  const el = nodes[0]
  if (nodes.length !== 1 || el?.type !== 'tag' || (el as Element).name !== tag) throw new Unsupported()
  const got = (el as Element).attribs
  if (Object.keys(got).length !== Object.keys(attrs).length) throw new Unsupported()
  for (const [k, v] of Object.entries(attrs)) if (got[k] !== v) throw new Unsupported()
  return el as Element
}

const element = <T extends LexElementBase>(rest: Omit<T, keyof LexElementBase>, direction: 'ltr' | 'rtl' | null = null): T =>
  ({ direction, format: '', indent: 0, version: 1, ...rest }) as T

const paragraph = (children: LexInline[], direction: 'ltr' | null = null): LexParagraph =>
  element<LexParagraph>({ type: 'paragraph', children, textFormat: 0, textStyle: '' }, direction)

function onlyAttrs(attrs: Record<string, unknown>, allowed: Record<string, (v: unknown) => boolean>): void {
  for (const [k, v] of Object.entries(attrs)) {
    const check = allowed[k]
    if (check === undefined || !check(v)) throw new Unsupported()
  }
}

export interface FromBlocksContext {
  /** The local image for an attachment on the site, if this machine has it. */
  localImage(remoteId: number, src: string): string | undefined
}

function innerOnlyWhitespace(b: ParsedBlock): boolean {
  return b.innerContent.every((c) => c === null || c.trim() === '')
}

function listItems(b: ParsedBlock): LexListItem[] {
  let items: LexInline[][]
  if (b.innerBlocks.length > 0) {
    items = b.innerBlocks.map((item) => {
      if (item.blockName !== 'core/list-item' || item.innerBlocks.length > 0 || Object.keys(item.attrs ?? {}).length > 0) throw new Unsupported()
      return inlineFromHtml(single(item.innerHTML, 'li').children)
    })
  } else {
    // The list block before list items were blocks (WordPress < 6.2).
    const list = single(b.innerHTML, b.attrs?.ordered === true ? 'ol' : 'ul')
    items = list.children
      .filter((n) => !(n.type === 'text' && n.data.trim() === ''))
      .map((n) => {
        if (n.type !== 'tag' || (n as Element).name !== 'li' || Object.keys((n as Element).attribs).length > 0) throw new Unsupported()
        return inlineFromHtml((n as Element).children)
      })
  }
  return items.map((children, i) => element<LexListItem>({ type: 'listitem', value: i + 1, children }))
}

function convert(b: ParsedBlock, ctx: FromBlocksContext): LexBlock {
  const attrs = (b.attrs ?? {}) as Record<string, unknown>
  switch (b.blockName) {
    case 'core/paragraph': {
      onlyAttrs(attrs, { direction: (v) => v === 'ltr' || v === 'rtl' })
      const dir = attrs.direction as 'ltr' | 'rtl' | undefined
      const p = single(b.innerHTML, 'p', dir === undefined ? {} : { dir })
      return paragraph(inlineFromHtml(p.children), dir === 'ltr' ? 'ltr' : null)
    }
    case 'core/heading': {
      onlyAttrs(attrs, { level: (v) => v === 3 || v === 4 || v === 2 })
      const level = (attrs.level as number | undefined) ?? 2
      let h: Element
      try {
        h = single(b.innerHTML, `h${level}`, { class: 'wp-block-heading' })
      } catch {
        h = single(b.innerHTML, `h${level}`)
      }
      return element<LexHeading>({ type: 'heading', tag: `h${level}` as LexHeading['tag'], children: inlineFromHtml(h.children) })
    }
    case 'core/list': {
      onlyAttrs(attrs, { ordered: (v) => typeof v === 'boolean' })
      const ordered = attrs.ordered === true
      if (b.innerBlocks.length > 0) {
        const outer = b.innerContent.filter((c): c is string => c !== null).join('')
        const tag = ordered ? 'ol' : 'ul'
        if (outer.trim() !== `<${tag} class="wp-block-list"></${tag}>` && outer.trim() !== `<${tag}></${tag}>`) throw new Unsupported()
      }
      return element<LexList>({
        type: 'list',
        listType: ordered ? 'number' : 'bullet',
        start: 1,
        tag: ordered ? 'ol' : 'ul',
        children: listItems(b)
      })
    }
    case 'core/quote': {
      onlyAttrs(attrs, {})
      if (b.innerBlocks.length === 1) {
        const outer = b.innerContent.filter((c): c is string => c !== null).join('')
        if (outer.trim() !== '<blockquote class="wp-block-quote"></blockquote>') throw new Unsupported()
        const inner = b.innerBlocks[0]!
        if (inner.blockName !== 'core/paragraph' || Object.keys(inner.attrs ?? {}).length > 0) throw new Unsupported()
        return element<LexQuote>({ type: 'quote', children: inlineFromHtml(single(inner.innerHTML, 'p').children) })
      }
      if (b.innerBlocks.length > 0) throw new Unsupported()
      const quote = single(b.innerHTML, 'blockquote', { class: 'wp-block-quote' })
      const ps = quote.children.filter((n) => !(n.type === 'text' && n.data.trim() === ''))
      if (ps.length !== 1 || ps[0]!.type !== 'tag' || (ps[0] as Element).name !== 'p' || Object.keys((ps[0] as Element).attribs).length > 0) throw new Unsupported()
      return element<LexQuote>({ type: 'quote', children: inlineFromHtml((ps[0] as Element).children) })
    }
    case 'core/separator': {
      onlyAttrs(attrs, {})
      const hr = parseDocument(b.innerHTML.trim()).children
      if (hr.length !== 1 || hr[0]!.type !== 'tag' || (hr[0] as Element).name !== 'hr') throw new Unsupported()
      return { type: 'horizontalrule', version: 1 }
    }
    case 'core/image': {
      onlyAttrs(attrs, { id: (v) => Number.isInteger(v), sizeSlug: (v) => v === 'large', linkDestination: (v) => v === 'none' })
      const remoteId = attrs.id as number | undefined
      const figure = single(b.innerHTML, 'figure', { class: 'wp-block-image size-large' })
      const parts = figure.children.filter((n) => !(n.type === 'text' && n.data.trim() === '')) as Element[]
      const img = parts[0]
      if (img?.type !== 'tag' || img.name !== 'img') throw new Unsupported()
      const mediaId = remoteId === undefined ? undefined : ctx.localImage(remoteId, img.attribs.src ?? '')
      if (mediaId === undefined || !isMediaId(mediaId)) throw new Unsupported()
      let caption = ''
      if (parts.length === 2) {
        const cap = parts[1]!
        if (cap.type !== 'tag' || cap.name !== 'figcaption') throw new Unsupported()
        const inline = inlineFromHtml(cap.children)
        if (inline.some((n) => n.type !== 'text' || n.format !== 0)) throw new Unsupported()
        caption = plainText(inline)
      } else if (parts.length > 2) throw new Unsupported()
      return { type: 'qalam-image', version: 1, mediaId, alt: img.attribs.alt ?? '', caption }
    }
    default:
      throw new Unsupported()
  }
}

/** The plain text of a piece of markup, for previews and the conflict view; never HTML. */
export function markupText(markup: string): string {
  const doc = parseDocument(markup.replace(/<!--[^]*?-->/g, ' '))
  const walk = (nodes: ChildNode[]): string =>
    nodes
      .map((n) => (n.type === 'text' ? n.data : n.type === 'tag' ? ((n as Element).name === 'br' ? '\n' : walk((n as Element).children)) + (/^(p|h\d|li|figcaption|blockquote)$/.test((n as Element).name) ? '\n' : '') : ''))
      .join('')
  return walk(doc.children)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

function raw(markup: string, name: string): LexRawBlock {
  return { type: 'qalam-raw-block', version: 1, markup, name, preview: markupText(markup).slice(0, 400) }
}

/** One top-level piece of site content as a node of the editor's document. */
export function markupToBlock(piece: string, ctx: FromBlocksContext): LexBlock {
  const parsed = parseBlocks(piece).filter((b) => !(b.blockName === null && b.innerHTML.trim() === ''))
  if (parsed.length !== 1) return raw(piece, 'html')
  const b = parsed[0]!
  if (b.blockName === null) return raw(piece, 'html')
  try {
    if (b.blockName !== 'core/list' && b.blockName !== 'core/quote' && b.innerBlocks.length > 0) throw new Unsupported()
    if (b.blockName === 'core/separator' && !innerOnlyWhitespace({ ...b, innerContent: [b.innerHTML.replace(/<hr[^>]*>/, '')] })) throw new Unsupported()
    return convert(b, ctx)
  } catch (error) {
    if (error instanceof Unsupported) return raw(piece, b.blockName)
    throw error
  }
}

/** Post content from the site as the editor's document: a right-to-left root of blocks. */
export function markupToDocument(markup: string, ctx: FromBlocksContext): LexDocument {
  const children = splitBlocks(markup).map((piece) => markupToBlock(piece, ctx))
  if (children.length === 0) children.push(paragraph([]))
  return { root: { type: 'root', children, direction: 'rtl', format: '', indent: 0, version: 1 } }
}

/**
 * The plain text of a document, for counts and search, exactly as the editor's
 * `getTextContent()` gives it: element blocks separated by a blank line, an image by
 * its caption, a kept block by its text.
 */
export function documentText(doc: LexDocument): string {
  const children = doc.root.children
  let out = ''
  children.forEach((b, i) => {
    const last = i === children.length - 1
    switch (b.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        out += plainText(b.children) + (last ? '' : '\n\n')
        break
      case 'list':
        out += b.children.map((item) => plainText(item.children.filter((c) => c.type !== 'list') as LexInline[])).join('\n') + (last ? '' : '\n\n')
        break
      case 'qalam-image':
        out += b.caption === '' ? '' : `${b.caption}\n\n`
        break
      case 'qalam-raw-block':
        out += b.preview === '' ? '' : `${b.preview}\n\n`
        break
      default:
        break
    }
  })
  return out
}

/** Parses a stored body; a body that is not a document (never expected) is an error, not an empty post. */
export function parseDocumentJson(json: string): LexDocument {
  const doc = JSON.parse(json) as LexDocument
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.root?.children)) throw new Error('not a Lexical document')
  return doc
}
