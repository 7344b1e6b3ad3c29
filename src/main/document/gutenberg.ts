import { metadataOf, openingDelimiter } from '@shared/domain/notes'
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'

/**
 * Gutenberg's block delimiters: writing a block as the block editor does, and
 * cutting post content into its top-level blocks as the exact substrings the site
 * has (so an untouched block goes back byte for byte).
 */

/** Block attributes as Gutenberg writes them: JSON with `--`, `<`, `>`, `&` escaped so the comment stays a comment. */
export function attrsJson(attrs: Record<string, unknown>): string {
  if (Object.keys(attrs).length === 0) return ''
  const json = JSON.stringify(attrs).replace(/--/g, '\\u002d\\u002d').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\\"/g, '\\u0022')
  return ` ${json}`
}

export function block(name: string, attrs: Record<string, unknown>, html: string): string {
  return `<!-- wp:${name}${attrsJson(attrs)} -->\n${html}\n<!-- /wp:${name} -->`
}

export function joinBlocks(blocks: string[]): string {
  return blocks.join('\n\n')
}

/** A block delimiter's inside (between `<!--` and `-->`), as WordPress's parser reads it. */
const DELIMITER_BODY = /^\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(\{[^]*\}\s+)?(\/)?$/

/** The longest post content Qalam reads, in UTF-16 units (a long article with every block is far below 1 MiB of markup). */
export const MAX_MARKUP_LENGTH = 8 * 2 ** 20

/** Post content longer than Qalam reads: the article is refused with a message, nothing is parsed. */
export class MarkupTooLarge extends Error {
  constructor(length: number) {
    super(`the post's content is ${(length / 2 ** 20).toFixed(1)} MiB; Qalam reads up to ${MAX_MARKUP_LENGTH / 2 ** 20} MiB`)
    this.name = 'MarkupTooLarge'
  }
}

interface Delimiter {
  index: number
  end: number
  closer: boolean
  voidBlock: boolean
}

/**
 * The block delimiters in order, found in one pass: each `<!--` is matched with the
 * first `-->` after it (WordPress escapes `--` inside attributes), and a comment without
 * one ends the search, so 2 MB of unclosed `<!-- wp:` is read once, not once per opening.
 */
function* delimiters(markup: string): Generator<Delimiter> {
  for (let from = 0; ;) {
    const index = markup.indexOf('<!--', from)
    if (index < 0) return
    const close = markup.indexOf('-->', index + 4)
    if (close < 0) return
    const m = DELIMITER_BODY.exec(markup.slice(index + 4, close))
    from = close + 3
    if (m !== null) yield { index, end: from, closer: m[1] === '/', voidBlock: m[5] === '/' }
  }
}

/** Where WordPress's tokenizer would try a block delimiter: `<!--`, space, an optional `/`, `wp:`. */
const DELIMITER_START = /<!--\s+\/?wp:/g

/**
 * Whether every place WordPress's parser would read as a block delimiter is one, closed by its
 * `-->`: decided in one linear pass. Only then is the markup given to that parser, whose
 * tokenizer reads to the end of the text again at every unclosed `<!-- wp:x {` (220 KB of them
 * took 4.2 s); anything else stays the site's markup, read-only.
 */
export function delimitersWellFormed(markup: string): boolean {
  DELIMITER_START.lastIndex = 0
  for (let m = DELIMITER_START.exec(markup); m !== null; m = DELIMITER_START.exec(markup)) {
    const close = markup.indexOf('-->', m.index + 4)
    if (close < 0 || !DELIMITER_BODY.test(markup.slice(m.index + 4, close))) return false
    DELIMITER_START.lastIndex = close + 3
  }
  return true
}

/**
 * Cuts post content into its top-level blocks, each the exact text the site has,
 * and any HTML between blocks (classic content) as its own piece. Linear in the
 * markup's length, whatever it holds.
 */
export function splitBlocks(markup: string): string[] {
  const pieces: string[] = []
  let depth = 0
  let start = 0
  let last = 0
  for (const d of delimiters(markup)) {
    if (depth === 0) {
      const between = markup.slice(last, d.index)
      if (between.trim() !== '') pieces.push(between.trim())
      start = d.index
    }
    if (d.voidBlock) {
      if (depth === 0) {
        pieces.push(markup.slice(start, d.end))
        last = d.end
      }
    } else if (d.closer) {
      depth = Math.max(0, depth - 1)
      if (depth === 0) {
        pieces.push(markup.slice(start, d.end))
        last = d.end
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

/** Markup with its HTML comments (block delimiters among them) turned into spaces, in one pass; an unclosed one runs to the end. */
function withoutComments(markup: string): string {
  let out = ''
  let from = 0
  for (;;) {
    const open = markup.indexOf('<!--', from)
    if (open < 0) return out + markup.slice(from)
    out += `${markup.slice(from, open)} `
    const close = markup.indexOf('-->', open + 4)
    if (close < 0) return out
    from = close + 3
  }
}

/** The plain text of a piece of markup, for previews and the conflict view; never HTML. */
export function markupText(markup: string): string {
  const doc = parseDocument(withoutComments(markup))
  const walk = (nodes: ChildNode[]): string =>
    nodes
      .map((n) =>
        n.type === 'text'
          ? n.data
          : n.type === 'tag'
            ? ((n as Element).name === 'br' ? '\n' : walk((n as Element).children)) + (/^(p|h\d|li|figcaption|blockquote)$/.test((n as Element).name) ? '\n' : '')
            : ''
      )
      .join('')
  return walk(doc.children)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

/**
 * A block's markup with `metadata.noteId` in its opening comment (a note of WordPress's Notes on
 * it), unless it already names one: the block editor shows one note per block.
 */
export function withNoteId(markup: string, noteId: number): string {
  return withNoteIdChange(markup, noteId, 'add')
}

/** A block's markup without `metadata.noteId` when it names this note (the note was deleted), as the block editor leaves it. */
export function withoutNoteId(markup: string, noteId: number): string {
  return withNoteIdChange(markup, noteId, 'remove')
}

function withNoteIdChange(markup: string, noteId: number, change: 'add' | 'remove'): string {
  const open = openingDelimiter(markup)
  if (open === null) return markup
  const metadata = metadataOf(open.attrs)
  let next: Record<string, unknown>
  if (change === 'add') {
    if (metadata.noteId !== undefined) return markup
    next = { ...open.attrs, metadata: { ...metadata, noteId } }
  } else {
    if (metadata.noteId !== noteId) return markup
    const { noteId: _gone, ...rest } = metadata
    const { metadata: _old, ...others } = open.attrs
    next = Object.keys(rest).length === 0 ? others : { ...others, metadata: rest }
  }
  return `<!-- wp:${open.name}${attrsJson(next)} ${open.selfClosing ? '/' : ''}-->${markup.slice(open.end)}`
}
