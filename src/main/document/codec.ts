import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser'
import { parseDocument } from 'htmlparser2'
import type { Element } from 'domhandler'
import { NODE_TYPES } from '@shared/domain/document'
import { isMediaId } from '@shared/domain/media'
import { block, markupText, MarkupTooLarge, MAX_MARKUP_LENGTH, splitBlocks } from './gutenberg'
import { escapeAttr, escapeText, inlineFromHtml, inlineToHtml, plainText, single, Unsupported } from './inline'
import {
  element,
  paragraph,
  type LexBlock,
  type LexDocument,
  type LexHeading,
  type LexImage,
  type LexInline,
  type LexList,
  type LexListItem,
  type LexParagraph,
  type LexQuote,
  type LexRawBlock,
  type RemoteImage
} from './lexical'

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
    case NODE_TYPES.image: {
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
    case NODE_TYPES.rawBlock:
      return (node as LexRawBlock).markup
    default: {
      const text = 'children' in node ? plainText((node as { children: { type: string }[] }).children) : ''
      return block('paragraph', {}, `<p>${escapeText(text)}</p>`)
    }
  }
}

/** The whole document as a list of top-level blocks' markup. */
export function documentToBlocks(doc: LexDocument, ctx: ToBlocksContext): string[] {
  return doc.root.children.filter((b) => !(b.type === 'paragraph' && b.children.length === 0 && isLastEmpty(doc, b))).map((b) => blockToMarkup(b, ctx))
}

/** The editor always keeps an empty paragraph at the end of a new document; the site need not see it. */
function isLastEmpty(doc: LexDocument, b: LexBlock): boolean {
  return doc.root.children.length > 1 && doc.root.children[doc.root.children.length - 1] === b
}

// ---- markup → document ------------------------------------------------------

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
      return { type: NODE_TYPES.image, version: 1, mediaId, alt: img.attribs.alt ?? '', caption }
    }
    default:
      throw new Unsupported()
  }
}

function raw(markup: string, name: string): LexRawBlock {
  return { type: NODE_TYPES.rawBlock, version: 1, markup, name, preview: markupText(markup).slice(0, 400) }
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
  if (markup.length > MAX_MARKUP_LENGTH) throw new MarkupTooLarge(markup.length)
  const children = splitBlocks(markup).map((piece) => markupToBlock(piece, ctx))
  if (children.length === 0) children.push(paragraph([]))
  return { root: { type: 'root', children, direction: 'rtl', format: '', indent: 0, version: 1 } }
}
