import { describe, expect, it } from 'vitest'
import { parseDocument } from 'htmlparser2'
import type { ChildNode, Element } from 'domhandler'
import { parse } from '@wordpress/block-serialization-default-parser'
import { documentToBlocks, markupToDocument } from '@main/document/codec'
import { splitBlocks } from '@main/document/gutenberg'
import { isClassic, splitClassic } from '@main/document/classic'
import type { LexDocument } from '@main/document/lexical'
import { NODE_TYPES } from '@shared/domain/document'
import { everyImageHere, gutenbergFixtures, haveGutenbergFixtures, measureCorpus, reporterEdit } from '../../support/gutenberg-fixtures'

/**
 * The codec against what WordPress's block editor really saves: Gutenberg's own block
 * fixtures, read from ../shared/fixtures/gutenberg (never copied here).
 */

const present = haveGutenbergFixtures()
if (!present) console.warn('Gutenberg fixtures not found at ../shared/fixtures/gutenberg: the fixture corpus tests are skipped on this machine.')

/** Every element's name and attributes, in document order: the markup's shape without its text. */
function shapeOfHtml(html: string): string[] {
  const out: string[] = []
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'comment') out.push(`<!--${n.data}-->`)
      if (n.type !== 'tag') continue
      const el = n as Element
      out.push(`${el.name} ${JSON.stringify(Object.entries(el.attribs).sort())}`)
      walk(el.children)
    }
  }
  walk(parseDocument(html).children)
  return out
}

const WORD = 'عاجل'

describe.runIf(present)('Gutenberg’s own fixtures', () => {
  const files = present ? gutenbergFixtures() : []

  it('every fixture opens, keeps its blocks in order and its text, and goes back byte for byte when untouched', () => {
    const { reports, figures } = measureCorpus(files)
    expect(figures.files).toBeGreaterThan(300)
    for (const r of reports) expect(r.problems, r.file).toEqual([])
    expect(figures.parsed).toBe(figures.files)
    expect(figures.sameBlocks).toBe(figures.files)
    expect(figures.byteIdentical).toBe(figures.files)
    expect(figures.textKept).toBe(figures.files)
  })

  it('opens at least 90 % of the blocks of the types Qalam edits editable, and says why each other one is not', () => {
    const { figures } = measureCorpus(files)
    expect(figures.editedTypeBlocks).toBeGreaterThan(60)
    expect(figures.editable / figures.editedTypeBlocks).toBeGreaterThanOrEqual(0.9)
    for (const r of figures.readOnly) expect(r.reason, `${r.file} ${r.name}`).toMatch(/\w{3}/)
    // What stays read-only stays so for a reason a reporter would accept: an address Qalam does not link to, text outside any element.
    expect(figures.readOnly.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/not http, https or mailto|outside/)]))
  })

  it('an edited block keeps every element and attribute it had: only its text changes', () => {
    let edited = 0
    for (const file of files) {
      const images = everyImageHere()
      const doc = markupToDocument(file.markup, images.from)
      const pieces = isClassic(file.markup) ? splitClassic(file.markup) : splitBlocks(file.markup)
      doc.root.children.forEach((node, i) => {
        if (node.type === NODE_TYPES.rawBlock || node.type === 'horizontalrule') return
        const piece = pieces[i]!
        const changed: LexDocument = { root: { ...doc.root, children: [reporterEdit(node, WORD)] } }
        const [written] = documentToBlocks(changed, images.to)
        expect(written, file.name).toContain(WORD)
        // The same block with the same attributes, the same elements with the same attributes: only text differs.
        const before = parse(piece).filter((b) => b.blockName !== null)
        const after = parse(written!).filter((b) => b.blockName !== null)
        expect(
          after.map((b) => [b.blockName, b.attrs]),
          file.name
        ).toEqual(before.map((b) => [b.blockName, b.attrs]))
        const captionAdded = node.type === NODE_TYPES.image && node.caption === ''
        if (!captionAdded) expect(shapeOfHtml(written!), file.name).toEqual(shapeOfHtml(piece))
        // And it opens again as the edited text.
        const again = markupToDocument(written!, images.from).root.children[0]!
        expect(again.type, file.name).toBe(node.type)
        edited++
      })
    }
    expect(edited).toBeGreaterThan(50)
  })
})
