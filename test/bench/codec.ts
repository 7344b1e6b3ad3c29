import { documentToBlocks, markupToDocument } from '@main/document/codec'
import { splitBlocks } from '@main/document/gutenberg'
import { isClassic, splitClassic } from '@main/document/classic'
import { NODE_TYPES } from '@shared/domain/document'
import { everyImageHere, gutenbergFixtures, haveGutenbergFixtures, measureCorpus, reporterEdit, type CorpusFigures } from '../support/gutenberg-fixtures'
import { invalidBlocks } from '../support/block-validator'
import { percentile } from './stats'

/**
 * The codec against Gutenberg's own fixtures (../shared/fixtures/gutenberg, read in
 * place): how many open, keep their blocks and text, and go back byte for byte; how many
 * blocks of the types Qalam edits open editable; what WordPress's block validator says of
 * every block Qalam writes back edited; and the parse time of the largest fixture.
 */

export interface CodecFigures extends CorpusFigures {
  largest: { name: string; bytes: number; p50: number; p95: number }
  validator: { edited: number; invalid: number; skippedInvalidBefore: number }
}

export function benchCodec(): CodecFigures | null {
  if (!haveGutenbergFixtures()) return null
  const files = gutenbergFixtures()
  const { figures } = measureCorpus(files)
  const largest = [...files].sort((a, b) => b.markup.length - a.markup.length)[0]!
  const times: number[] = []
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now()
    markupToDocument(largest.markup, everyImageHere().from)
    times.push(performance.now() - t0)
  }
  let edited = 0
  let invalid = 0
  let skippedInvalidBefore = 0
  for (const file of files.filter((f) => f.name.endsWith('.serialized.html'))) {
    const pieces = isClassic(file.markup) ? splitClassic(file.markup) : splitBlocks(file.markup)
    const images = everyImageHere()
    const doc = markupToDocument(file.markup, images.from)
    doc.root.children.forEach((node, i) => {
      if (node.type === NODE_TYPES.rawBlock) return
      if (invalidBlocks(pieces[i]!).length > 0) {
        skippedInvalidBefore++
        return
      }
      const written = documentToBlocks({ root: { ...doc.root, children: [reporterEdit(node, 'عاجل')] } }, images.to)[0]!
      edited++
      if (invalidBlocks(written).length > 0) invalid++
    })
  }
  return {
    ...figures,
    largest: { name: largest.name, bytes: Buffer.byteLength(largest.markup), p50: percentile(times.slice(10), 50), p95: percentile(times.slice(10), 95) },
    validator: { edited, invalid, skippedInvalidBefore }
  }
}
