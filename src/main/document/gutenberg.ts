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

/** The plain text of a piece of markup, for previews and the conflict view; never HTML. */
export function markupText(markup: string): string {
  const doc = parseDocument(markup.replace(/<!--[^]*?-->/g, ' '))
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
