import { $getRoot, $isDecoratorNode, $isElementNode, $isLineBreakNode, $isTextNode, type LexicalNode } from 'lexical'

/** A text node's place in the document's plain text, as `$getRoot().getTextContent()` lays it out. */
export interface TextSegment {
  key: string
  start: number
  end: number
}

/**
 * Walks the document the way Lexical's getTextContent() does (blocks separated by a
 * blank line, a line break as "\n", a decorator by its own text), recording where each
 * text node's characters sit. Offsets from proofing:check map back to nodes with it.
 */
export function $textSegments(): TextSegment[] {
  const segments: TextSegment[] = []
  let at = 0
  const walk = (node: LexicalNode) => {
    if ($isTextNode(node)) {
      const length = node.getTextContentSize()
      segments.push({ key: node.getKey(), start: at, end: at + length })
      at += length
    } else if ($isLineBreakNode(node)) {
      at += 1
    } else if ($isDecoratorNode(node)) {
      at += node.getTextContent().length
    } else if ($isElementNode(node)) {
      const children = node.getChildren()
      children.forEach((child, i) => {
        walk(child)
        if ($isElementNode(child) && i !== children.length - 1 && !child.isInline()) at += 2
      })
    }
  }
  walk($getRoot())
  return segments
}

/** The text node and offset for a position in the plain text, or null inside a decorator or separator. */
export function locate(segments: TextSegment[], offset: number, preferEnd = false): { key: string; offset: number } | null {
  for (const s of segments) {
    if (offset > s.start && offset < s.end) return { key: s.key, offset: offset - s.start }
    if (offset === s.start && !preferEnd) return { key: s.key, offset: 0 }
    if (offset === s.end && preferEnd) return { key: s.key, offset: s.end - s.start }
  }
  for (const s of segments) if (offset === s.start || offset === s.end) return { key: s.key, offset: offset - s.start }
  return null
}
