import { parse as parseBlocks } from '@wordpress/block-serialization-default-parser'
import { NODE_TYPES } from '@shared/domain/document'
import { isMediaId } from '@shared/domain/media'
import { block, delimitersWellFormed, joinBlocks, MarkupTooLarge, MAX_MARKUP_LENGTH, splitBlocks, withNoteId } from './gutenberg'
import { rawBlock } from './raw-blocks'
import { escapeAttr, escapeText, inlineToHtml, plainText, Unsupported } from './inline'
import { classicBlockToHtml, classicGaps, classicToDocument, isClassic, isClassicDocument } from './classic'
import { shapeOf, shapeOfMarkup, splice, type ImageShape, type Range, type Shape } from './shapes'
import { withText } from './text-places'
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
  type RemoteImage,
  type SiteSource,
  siteMarkupOf,
  withSiteMarkup
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
      if (inline.length > 0 || !item.children.some((c) => c.type === 'list')) items.push(freshItem(inlineToHtml(inline, plain), true))
      // A nested list is written as further items of the same list: Qalam's editor has no nesting UI.
      for (const nested of item.children.filter((c): c is LexList => c.type === 'list')) collect(nested)
    }
  }
  collect(list)
  const tag = ordered ? 'ol' : 'ul'
  // WordPress writes a blank line between a list's item blocks (and re-saves a list without them with them).
  return block('list', ordered ? { ordered: true } : {}, `<${tag} class="wp-block-list">${items.join('\n\n')}</${tag}>`)
}

const freshItem = (html: string, itemBlocks: boolean): string => (itemBlocks ? block('list-item', {}, `<li>${html}</li>`) : `<li>${html}</li>`)

function imageFromSource(img: LexImage, markup: string, shape: ImageShape, ctx: ToBlocksContext): string | null {
  const remote = ctx.image(img.mediaId)
  if (remote === undefined) throw new MissingUploadError(img.mediaId)
  // Another attachment than the block had (id 0 is the local form, where only the address changes).
  if (remote.id !== 0 && shape.remoteId !== undefined && remote.id !== shape.remoteId) return null
  const edits: { range: Range; text: string }[] = []
  if (remote.url !== shape.src) edits.push({ range: shape.srcRange, text: escapeAttr(remote.url) })
  if (img.alt !== shape.alt) {
    if (shape.altRange !== null) edits.push({ range: shape.altRange, text: escapeAttr(img.alt) })
    else edits.push({ range: { start: shape.altInsertAt, end: shape.altInsertAt }, text: ` alt="${escapeAttr(img.alt)}"` })
  }
  if (img.caption !== shape.caption) {
    if (img.caption.trim() === '') {
      if (shape.captionElement !== null) edits.push({ range: shape.captionElement, text: '' })
    } else if (shape.captionSlot !== null) edits.push({ range: shape.captionSlot, text: escapeText(img.caption) })
    else {
      // A caption as the block's own version writes one: with the element class since WordPress 6.1, without before.
      const open = shape.legacy ? '<figcaption>' : '<figcaption class="wp-element-caption">'
      edits.push({ range: { start: shape.captionInsertAt, end: shape.captionInsertAt }, text: `${open}${escapeText(img.caption)}</figcaption>` })
    }
  }
  return splice(markup, edits)
}

/**
 * A block opened from the site, written back from the site's markup of it: untouched, the
 * same bytes; edited, the same markup with the new text in its places. Null when the node
 * is no longer that block (a paragraph made a heading, a heading's level changed): then it
 * is written afresh.
 */
function fromSource(node: LexBlock, markup: string, ctx: ToBlocksContext): string | null {
  const shape: Shape | null = shapeOfMarkup(markup)
  if (shape === null) return null
  if (node.type === 'horizontalrule') return shape.kind === 'separator' ? markup : null
  if (node.type === NODE_TYPES.image) return shape.kind === 'image' ? imageFromSource(node, markup, shape, ctx) : null
  if (shape.kind === 'separator' || shape.kind === 'image') return null
  // The site's direction attributes stay as they were: the editor works out direction from the text.
  const itemBlocks = shape.kind === 'list' && shape.itemBlocks
  return withText(node, markup, shape, ctx.plain === true, inlineToHtml, (html) => freshItem(html, itemBlocks)) ?? null
}

/** One block of the editor's document as Gutenberg markup. */
export function blockToMarkup(node: LexBlock | { type: string }, ctx: ToBlocksContext): string {
  const markup = blockMarkup(node, ctx)
  // A note of the site's on this block that its kept markup does not name yet (a thread opened here that became one).
  const noteId = (node as SiteSource).$?.noteId
  return typeof noteId === 'number' && Number.isSafeInteger(noteId) && noteId > 0 && node.type !== NODE_TYPES.rawBlock ? withNoteId(markup, noteId) : markup
}

function blockMarkup(node: LexBlock | { type: string }, ctx: ToBlocksContext): string {
  const plain = ctx.plain === true
  const kept = node.type === NODE_TYPES.rawBlock ? undefined : siteMarkupOf(node as LexParagraph)
  if (kept !== undefined) {
    const written = fromSource(node as LexBlock, kept, ctx)
    if (written !== null) return written
  }
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

/** The whole document as post content: blocks with a blank line between them; a classic post with the whitespace it had. */
export function documentToMarkup(doc: LexDocument, ctx: ToBlocksContext): string {
  return joinWithGaps(documentToBlocks(doc, ctx), documentGaps(doc))
}

/** A classic post's own whitespace around its pieces (classic.ts classicGaps); undefined for a block post, or when there is none to keep. */
export function documentGaps(doc: LexDocument): string[] | undefined {
  return isClassicDocument(doc) ? classicGaps(written(doc)) : undefined
}

/** Blocks joined back into post content, with a classic post's own whitespace where it had some. */
export function joinWithGaps(blocks: readonly string[], gaps: readonly string[] | undefined): string {
  if (gaps === undefined || gaps.length !== blocks.length + 1) return joinBlocks([...blocks])
  return blocks.map((b, i) => gaps[i] + b).join('') + gaps[blocks.length]
}

const written = (doc: LexDocument) => doc.root.children.filter((b) => !(b.type === 'paragraph' && b.children.length === 0 && isLastEmpty(doc, b)))

/** The whole document as a list of top-level blocks' markup. */
export function documentToBlocks(doc: LexDocument, ctx: ToBlocksContext): string[] {
  const blocks = written(doc)
  // A classic post stays classic HTML (the site renders it through wpautop as before) until the reporter converts it to blocks.
  if (isClassicDocument(doc)) return blocks.map((b) => classicBlockToHtml(b, ctx, (id) => new MissingUploadError(id)))
  return blocks.map((b) => blockToMarkup(b, ctx))
}

/** The editor always keeps an empty paragraph at the end of a new document; the site need not see it. */
function isLastEmpty(doc: LexDocument, b: LexBlock): boolean {
  return doc.root.children.length > 1 && doc.root.children[doc.root.children.length - 1] === b
}

// ---- markup → document ------------------------------------------------------

export interface FromBlocksContext {
  /** The local image for an attachment on the site (by its id, when the block names one, or its address), if this machine has it. */
  localImage(remoteId: number | undefined, src: string): string | undefined
}

/** The editor's node for a block of a known shape (see shapes.ts). */
function nodeOf(shape: Shape, ctx: FromBlocksContext): Exclude<LexBlock, LexRawBlock> {
  switch (shape.kind) {
    case 'paragraph':
      return paragraph(shape.slot.inline, shape.ltr ? 'ltr' : null)
    case 'heading':
      return element<LexHeading>({ type: 'heading', tag: `h${shape.level}`, children: shape.slot.inline })
    case 'quote':
      return element<LexQuote>({ type: 'quote', children: shape.slot.inline })
    case 'list':
      return element<LexList>({
        type: 'list',
        listType: shape.ordered ? 'number' : 'bullet',
        start: shape.start,
        tag: shape.ordered ? 'ol' : 'ul',
        children: shape.items.map((item, i) => element<LexListItem>({ type: 'listitem', value: shape.start + i, children: item.slot.inline }))
      })
    case 'separator':
      return { type: 'horizontalrule', version: 1 }
    case 'image': {
      const mediaId = ctx.localImage(shape.remoteId, shape.src)
      if (mediaId === undefined || !isMediaId(mediaId)) throw new Unsupported('an image this machine does not have')
      return { type: NODE_TYPES.image, version: 1, mediaId, alt: shape.alt, caption: shape.caption }
    }
  }
}

/** One top-level piece of site content as an editable node, or why it stays the site's markup. */
function readPiece(piece: string, ctx: FromBlocksContext): LexBlock | { raw: string; reason: string } {
  if (!delimitersWellFormed(piece)) return { raw: 'html', reason: 'block delimiters that are not closed' }
  const parsed = parseBlocks(piece).filter((b) => !(b.blockName === null && b.innerHTML.trim() === ''))
  if (parsed.length !== 1 || parsed[0]!.blockName === null) return { raw: 'html', reason: 'HTML outside blocks (a classic post)' }
  const b = parsed[0]!
  try {
    // The node keeps the block's markup: untouched it goes back byte for byte, edited with everything but its text as it was.
    return withSiteMarkup(nodeOf(shapeOf(piece, b), ctx), piece)
  } catch (error) {
    if (error instanceof Unsupported) return { raw: b.blockName!, reason: error.message }
    throw error
  }
}

/** One top-level piece of site content as a node of the editor's document. */
export function markupToBlock(piece: string, ctx: FromBlocksContext): LexBlock {
  const read = readPiece(piece, ctx)
  return 'raw' in read ? rawBlock(piece, read.raw) : read
}

/** Why a top-level piece of site content opens read-only (kept as the site's markup), or null when it opens editable. */
export function whyReadOnly(piece: string, ctx: FromBlocksContext): string | null {
  const read = readPiece(piece, ctx)
  return 'raw' in read ? read.reason : null
}

/** Post content from the site as the editor's document: a right-to-left root of blocks. */
export function markupToDocument(markup: string, ctx: FromBlocksContext): LexDocument {
  if (markup.length > MAX_MARKUP_LENGTH) throw new MarkupTooLarge(markup.length)
  if (isClassic(markup)) return classicToDocument(markup)
  const children = splitBlocks(markup).map((piece) => markupToBlock(piece, ctx))
  if (children.length === 0) children.push(paragraph([]))
  return { root: { type: 'root', children, direction: 'rtl', format: '', indent: 0, version: 1 } }
}
