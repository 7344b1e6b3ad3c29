import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from '@wordpress/block-serialization-default-parser'
import { documentToBlocks, markupToDocument, whyReadOnly, type FromBlocksContext, type ToBlocksContext } from '@main/document/codec'
import { markupText, splitBlocks } from '@main/document/gutenberg'
import { isClassic, splitClassic } from '@main/document/classic'
import { text, type LexBlock, type LexImage, type LexInline, type LexList, type LexListItem, type LexRawBlock } from '@main/document/lexical'
import { plainText } from '@main/document/inline'
import { NODE_TYPES } from '@shared/domain/document'

/**
 * Gutenberg's own block fixtures (../shared/fixtures/gutenberg: what WordPress's block
 * editor really saves; SOURCE.md there says where each is from), read in place and never
 * copied into the repository, measured against the codec: the test suite asserts the
 * figures, `npm run bench -- codec` prints them.
 */

export const GUTENBERG_FIXTURES = resolve(__dirname, '../../../shared/fixtures/gutenberg')
export const haveGutenbergFixtures = (): boolean => existsSync(GUTENBERG_FIXTURES)

/** The block types Qalam opens editable (the others always stay the site's markup). */
export const EDITED_TYPES: ReadonlySet<string> = new Set(['core/paragraph', 'core/heading', 'core/list', 'core/quote', 'core/separator', 'core/image'])

export interface FixtureFile {
  /** wp-2021-06/core__image.html */
  name: string
  markup: string
}

export function gutenbergFixtures(): FixtureFile[] {
  const out: FixtureFile[] = []
  for (const set of readdirSync(GUTENBERG_FIXTURES, { withFileTypes: true })) {
    if (!set.isDirectory()) continue
    for (const file of readdirSync(join(GUTENBERG_FIXTURES, set.name)).sort()) {
      if (file.endsWith('.html')) out.push({ name: `${set.name}/${file}`, markup: readFileSync(join(GUTENBERG_FIXTURES, set.name, file), 'utf8') })
    }
  }
  return out
}

/**
 * Images as if this machine had every one of them: each address gets a local media id,
 * and writing gives the same address back (id 0: only the address is the machine's).
 */
export function everyImageHere(): { from: FromBlocksContext; to: ToBlocksContext } {
  const urls = new Map<string, string>()
  return {
    from: {
      localImage: (_id, src) => {
        const mediaId = `${createHash('sha256').update(src).digest('hex').slice(0, 32)}.png`
        urls.set(mediaId, src)
        return mediaId
      }
    },
    to: { image: (mediaId) => (urls.has(mediaId) ? { id: 0, url: urls.get(mediaId)! } : undefined) }
  }
}

export interface BlockReport {
  file: string
  /** The block's name (core/paragraph), or 'html' for content outside blocks. */
  name: string
  editable: boolean
  /** Why it opens read-only. */
  reason: string | null
}

export interface FixtureReport {
  file: string
  /** Opened without an error. */
  parsed: boolean
  /** One node per top-level block, in the same order, of the same block. */
  sameBlocks: boolean
  /** Every block written back untouched is the same bytes. */
  byteIdentical: boolean
  /** What the editor shows of each editable block is the block's own text (a quote's citation and an image's alt aside: kept in the markup). */
  textKept: boolean
  blocks: BlockReport[]
  problems: string[]
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The text the editor shows of a node. */
function shownText(node: LexBlock): string {
  switch (node.type) {
    case NODE_TYPES.rawBlock:
      return (node as LexRawBlock).preview
    case NODE_TYPES.image:
      return (node as LexImage).caption
    case 'list':
      return (node as LexList).children.map((i) => plainText(i.children)).join('\n')
    case 'horizontalrule':
      return ''
    default:
      return plainText((node as { children: { type: string }[] }).children)
  }
}

export function measureFixture(file: FixtureFile): FixtureReport {
  const problems: string[] = []
  const report: FixtureReport = { file: file.name, parsed: false, sameBlocks: false, byteIdentical: false, textKept: false, blocks: [], problems }
  const images = everyImageHere()
  // A post without block delimiters is a classic post: cut as wpautop sees it.
  const classic = isClassic(file.markup)
  const pieces = classic ? splitClassic(file.markup) : splitBlocks(file.markup)
  let doc
  try {
    doc = markupToDocument(file.markup, images.from)
  } catch (error) {
    problems.push(`does not open: ${(error as Error).message}`)
    return report
  }
  report.parsed = true
  const nodes = doc.root.children
  const names = pieces.map((p) => {
    if (classic) return 'classic'
    const top = parse(p).filter((b) => b.blockName !== null || b.innerHTML.trim() !== '')
    return top.length === 1 && top[0]!.blockName !== null ? top[0]!.blockName : 'html'
  })
  report.sameBlocks = pieces.length === 0 ? nodes.length === 1 : nodes.length === pieces.length
  if (!report.sameBlocks) problems.push(`${pieces.length} blocks became ${nodes.length} nodes`)
  const back = documentToBlocks(doc, images.to)
  report.byteIdentical =
    pieces.length === 0
      ? back.length === 0 || (back.length === 1 && back[0] === '<!-- wp:paragraph -->\n<p></p>\n<!-- /wp:paragraph -->')
      : back.length === pieces.length && back.every((b, i) => b === pieces[i])
  if (!report.byteIdentical) problems.push('written back changed')
  report.textKept = true
  pieces.forEach((piece, i) => {
    const node = nodes[i]
    if (node === undefined) return
    const editable = node.type !== NODE_TYPES.rawBlock
    report.blocks.push({ file: file.name, name: names[i]!, editable, reason: editable ? null : whyReadOnly(piece, images.from) })
    if (!editable) return
    const shown = collapse(shownText(node))
    const site = collapse(markupText(piece))
    // A quote's citation and an image's link stay in the block's markup; what the editor shows is the rest, from the start.
    const ok = names[i] === 'core/quote' || names[i] === 'core/image' ? site.startsWith(shown) : shown === site
    if (!ok) {
      report.textKept = false
      problems.push(`block ${i} (${names[i]}) shows «${shown.slice(0, 60)}» for «${site.slice(0, 60)}»`)
    }
  })
  return report
}

export interface CorpusFigures {
  files: number
  parsed: number
  sameBlocks: number
  byteIdentical: number
  textKept: number
  /** Whole serialized fixtures that come back as the same text, block separators included. */
  blocks: number
  editedTypeBlocks: number
  editable: number
  readOnly: { name: string; file: string; reason: string }[]
  /** Pieces of the classic fixtures (no block delimiters), and how many open editable. */
  classicPieces: number
  classicEditable: number
}

export function measureCorpus(files: FixtureFile[] = gutenbergFixtures()): { reports: FixtureReport[]; figures: CorpusFigures } {
  const reports = files.map(measureFixture)
  const blocks = reports.flatMap((r) => r.blocks)
  const edited = blocks.filter((b) => EDITED_TYPES.has(b.name))
  return {
    reports,
    figures: {
      files: reports.length,
      parsed: reports.filter((r) => r.parsed).length,
      sameBlocks: reports.filter((r) => r.sameBlocks).length,
      byteIdentical: reports.filter((r) => r.byteIdentical).length,
      textKept: reports.filter((r) => r.textKept).length,
      blocks: blocks.length,
      editedTypeBlocks: edited.length,
      editable: edited.filter((b) => b.editable).length,
      readOnly: edited.filter((b) => !b.editable).map((b) => ({ name: b.name, file: b.file, reason: b.reason ?? '' })),
      classicPieces: blocks.filter((b) => b.name === 'classic').length,
      classicEditable: blocks.filter((b) => b.name === 'classic' && b.editable).length
    }
  }
}

/** A reporter's edit of a block: `word` added at the end of its text (of each list item, of an image's caption). */
export function reporterEdit(node: LexBlock, word: string): LexBlock {
  const add = (children: LexInline[]): LexInline[] => [...children, text(` ${word}`, 0)]
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
      return { ...node, children: add(node.children) }
    case 'list':
      return { ...node, children: node.children.map((item: LexListItem) => ({ ...item, children: add(item.children as LexInline[]) })) }
    case NODE_TYPES.image:
      return { ...node, caption: `${node.caption} ${word}`.trim() }
    default:
      return node
  }
}
