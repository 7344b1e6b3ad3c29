/**
 * The one builder of Lexical documents for tests: the editor's JSON, node by node.
 * A string where a node is expected is a text node; a string where a block is
 * expected is a paragraph of it.
 */

type Node = Record<string, unknown>
type Child = Node | string

const element = { direction: null, format: '', indent: 0, version: 1 }

export const text = (t: string, format = 0): Node => ({ type: 'text', text: t, format, detail: 0, mode: 'normal', style: '', version: 1 })
const inline = (children: Child[]) => children.map((c) => (typeof c === 'string' ? (c === '' ? null : text(c)) : c)).filter((c): c is Node => c !== null)

export const linebreak = (): Node => ({ type: 'linebreak', version: 1 })
export const link = (url: string, ...children: Child[]): Node => ({ type: 'link', url, rel: null, target: null, title: null, ...element, children: inline(children) })
/** A comment anchor: Lexical's MarkNode with the threads' ids. */
export const mark = (ids: string[], children: Child[]): Node => ({ type: 'mark', ids, ...element, children: inline(children) })
export const suggestion = (suggestionId: string, kind: 'insert' | 'delete', author: string, t: string | Child[], createdAt = Date.UTC(2026, 10, 27, 10)): Node => ({
  type: 'qalam-suggestion',
  suggestionId,
  kind,
  author,
  createdAt,
  children: inline(typeof t === 'string' ? [t] : t),
  ...element
})

export const paragraph = (...children: Child[]): Node => ({ type: 'paragraph', ...element, textFormat: 0, textStyle: '', children: inline(children) })
/** A paragraph with a direction of its own (a Latin paragraph in an Arabic article). */
export const paragraphDir = (direction: 'ltr' | 'rtl' | null, ...children: Child[]): Node => ({ ...paragraph(...children), direction })
export const heading = (t: string | Child[], tag: 'h2' | 'h3' | 'h4' = 'h2'): Node => ({ type: 'heading', ...element, tag, children: inline(typeof t === 'string' ? [t] : t) })
export const quote = (...children: Child[]): Node => ({ type: 'quote', ...element, children: inline(children) })
export const list = (listType: 'bullet' | 'number', ...items: Child[][]): Node => ({
  type: 'list',
  ...element,
  listType,
  start: 1,
  tag: listType === 'number' ? 'ol' : 'ul',
  children: items.map((children, i) => ({ type: 'listitem', ...element, value: i + 1, children: inline(children) }))
})
export const image = (mediaId: string, alt = '', caption = ''): Node => ({ type: 'qalam-image', version: 1, mediaId, alt, caption })

const block = (b: Child) => (typeof b === 'string' ? paragraph(b) : b)

/** A document object (for code that takes the parsed form). */
export const documentOf = (...blocks: Child[]) => ({ root: { type: 'root', direction: 'rtl', format: '', indent: 0, version: 1, children: blocks.map(block) } })

/** A serialized body, as the editor saves it. */
export const body = (...blocks: Child[]): string => JSON.stringify(documentOf(...blocks))

/** The plain text the editor would count for a body. */
export function textOf(json: string): string {
  const walk = (n: { text?: string; children?: unknown[] }): string => (n.text ?? '') + (n.children ?? []).map((c) => walk(c as never)).join('')
  return (JSON.parse(json) as { root: { children: unknown[] } }).root.children.map((c) => walk(c as never)).join('\n\n')
}
