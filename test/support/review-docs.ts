/** Lexical documents with review nodes, for tests: paragraphs of text, comment marks and suggestions. */

export const text = (t: string, format = 0) => ({ type: 'text', text: t, format, detail: 0, mode: 'normal', style: '', version: 1 })
export const mark = (ids: string[], children: unknown[]) => ({ type: 'mark', ids, children: children.map((c) => (typeof c === 'string' ? text(c) : c)), direction: null, format: '', indent: 0, version: 1 })
export const suggestion = (suggestionId: string, kind: 'insert' | 'delete', author: string, t: string, createdAt = Date.UTC(2026, 10, 27, 10)) => ({
  type: 'qalam-suggestion',
  suggestionId,
  kind,
  author,
  createdAt,
  children: [text(t)],
  direction: null,
  format: '',
  indent: 0,
  version: 1
})
export const paragraph = (...children: unknown[]) => ({
  type: 'paragraph',
  direction: null,
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
  textStyle: '',
  children: children.map((c) => (typeof c === 'string' ? text(c) : c))
})
export const body = (...paragraphs: unknown[]) =>
  JSON.stringify({ root: { type: 'root', direction: 'rtl', format: '', indent: 0, version: 1, children: paragraphs.map((p) => (typeof p === 'string' ? paragraph(p) : p)) } })

/** The plain text the editor would count for a body. */
export function textOf(json: string): string {
  const walk = (n: { text?: string; children?: unknown[] }): string => (n.text ?? '') + (n.children ?? []).map((c) => walk(c as never)).join('')
  return (JSON.parse(json) as { root: { children: unknown[] } }).root.children.map((c) => walk(c as never)).join('\n\n')
}
