/**
 * Lexical documents built from plain paragraphs: the empty document every new
 * article starts with, and the form imported plain text takes. Kept here so that
 * main (which creates articles) and the renderer (which edits them) agree on it.
 */
export function plainDocumentJson(paragraphs: string[]): string {
  const blocks = paragraphs.length === 0 ? [''] : paragraphs
  return JSON.stringify({ root: { type: 'root', version: 1, direction: 'rtl', format: '', indent: 0, children: blocks.map(plainParagraphNode) } })
}

/** A run of plain text as Lexical serializes it. */
export const plainTextNode = (text: string) => ({ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 })

/** A paragraph of plain text as Lexical serializes it (no children when empty). */
export const plainParagraphNode = (text: string) => ({
  type: 'paragraph',
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  children: text === '' ? [] : [plainTextNode(text)]
})

/** One empty paragraph in a right-to-left root. */
export const EMPTY_DOCUMENT_JSON = plainDocumentJson([])

/**
 * The names of Qalam's own node types in the body's JSON. The renderer's Lexical
 * nodes register under them and the main process's codec, bundles and checks read
 * them, so both sides name a node the same way.
 */
export const NODE_TYPES = {
  /** An image from the data folder, with alt text and caption. */
  image: 'qalam-image',
  /** A block of the site's markup kept byte for byte (read-only in the editor). */
  rawBlock: 'qalam-raw-block',
  /** A suggestion (track changes): an inline element around the suggested text. */
  suggestion: 'qalam-suggestion'
} as const

/** The node type of a suggestion (track changes) in the body: an inline element around the suggested text. */
export const SUGGESTION_NODE_TYPE = NODE_TYPES.suggestion

interface JsonNode {
  type?: unknown
  children?: unknown
  ids?: unknown
  suggestionId?: unknown
}

function walk(json: string, visit: (node: JsonNode) => void): void {
  let doc: { root?: JsonNode }
  try {
    doc = JSON.parse(json) as { root?: JsonNode }
  } catch {
    return
  }
  const stack: JsonNode[] = doc.root === undefined ? [] : [doc.root]
  while (stack.length > 0) {
    const node = stack.pop()!
    visit(node)
    if (Array.isArray(node.children)) for (const c of node.children as JsonNode[]) if (typeof c === 'object' && c !== null) stack.push(c)
  }
}

/** How many suggestions (distinct ids) a serialized body still has open. */
export function countSuggestions(json: string): number {
  const ids = new Set<string>()
  walk(json, (n) => {
    if (n.type === SUGGESTION_NODE_TYPE && typeof n.suggestionId === 'string') ids.add(n.suggestionId)
  })
  return ids.size
}

/** The comment threads a serialized body anchors (mark nodes' ids). */
export function anchoredThreadIds(json: string): Set<string> {
  const ids = new Set<string>()
  walk(json, (n) => {
    if (n.type === 'mark' && Array.isArray(n.ids)) for (const id of n.ids) if (typeof id === 'string') ids.add(id)
  })
  return ids
}
