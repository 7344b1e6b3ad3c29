import { NODE_TYPES } from '@shared/domain/document'
import { markupText } from './gutenberg'
import { paragraph, text, type LexBlock, type LexDocument, type LexRawBlock } from './lexical'

/**
 * A raw block is the site's own bytes, sent back untouched: Qalam never writes into one.
 * So one that arrives from outside (a bundle, a paste) is kept only if it is byte for
 * byte a block the site already had for that article; any other becomes its plain text
 * in paragraphs, and nothing it carried can reach the site as markup.
 */

/** The raw blocks' markup a document holds. */
export function rawBlocksOf(doc: LexDocument): string[] {
  return doc.root.children.filter((b): b is LexRawBlock => b.type === NODE_TYPES.rawBlock).map((b) => b.markup)
}

/** The document with every raw block not in `known` turned into plain paragraphs; how many were. */
export function demoteUnknownRawBlocks(doc: LexDocument, known: ReadonlySet<string>): { doc: LexDocument; demoted: number } {
  let demoted = 0
  const children = doc.root.children.flatMap((b): LexBlock[] => {
    if (b.type !== NODE_TYPES.rawBlock || known.has(b.markup)) return [b]
    demoted++
    const lines = markupText(b.markup)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
    return lines.length === 0 ? [] : lines.map((l) => paragraph([text(l, 0)]))
  })
  return { doc: { root: { ...doc.root, children: children.length === 0 ? [paragraph([])] : children } }, demoted }
}
