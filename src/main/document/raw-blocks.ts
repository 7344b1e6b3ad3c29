import { NODE_TYPES } from '@shared/domain/document'
import { markupText } from './gutenberg'
import { paragraph, siteMarkupOf, text, type LexBlock, type LexDocument, type LexRawBlock, type SiteSource } from './lexical'

/**
 * A raw block is the site's own bytes, sent back untouched: Qalam never writes into one.
 * So one that arrives from outside (a bundle, a paste) is kept only if it is byte for
 * byte a block the site already had for that article; any other becomes its plain text
 * in paragraphs, and nothing it carried can reach the site as markup.
 */

/** A piece of the site's markup kept as it is (`name`: the block's, or 'html' outside blocks), with its plain text to show. */
export function rawBlock(markup: string, name: string): LexRawBlock {
  return { type: NODE_TYPES.rawBlock, version: 1, markup, name, preview: markupText(markup).slice(0, 400) }
}

/** The site's markup a document holds: its raw blocks', and what its editable blocks keep of the site's (shapes.ts). */
export function rawBlocksOf(doc: LexDocument): string[] {
  return doc.root.children.map((b) => (b.type === NODE_TYPES.rawBlock ? b.markup : siteMarkupOf(b))).filter((m): m is string => m !== undefined)
}

/** A node without the site's markup it claims (the rest of its state stays). */
function forgetSiteMarkup<T extends SiteSource>(node: T): T {
  const { siteMarkup: _dropped, ...rest } = node.$ ?? {}
  const out = { ...node }
  if (Object.keys(rest).length === 0) delete out.$
  else out.$ = rest
  return out
}

/**
 * The document with every raw block not in `known` turned into plain paragraphs (how
 * many were), and every editable block's claim to the site's markup not in `known`
 * forgotten: that block is written afresh, never with a shell a file made up.
 */
export function demoteUnknownRawBlocks(doc: LexDocument, known: ReadonlySet<string>): { doc: LexDocument; demoted: number; forgotten: number } {
  let demoted = 0
  let forgotten = 0
  const children = doc.root.children.flatMap((b): LexBlock[] => {
    if (b.type !== NODE_TYPES.rawBlock) {
      const claimed = siteMarkupOf(b)
      if (claimed === undefined || known.has(claimed)) return [b]
      forgotten++
      return [forgetSiteMarkup(b)]
    }
    if (known.has(b.markup)) return [b]
    demoted++
    const lines = markupText(b.markup)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
    return lines.length === 0 ? [] : lines.map((l) => paragraph([text(l, 0)]))
  })
  return { doc: { root: { ...doc.root, children: children.length === 0 ? [paragraph([])] : children } }, demoted, forgotten }
}
