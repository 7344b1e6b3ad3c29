import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { documentToMarkup, markupToDocument } from '@main/document/codec'
import { NODE_TYPES } from '@shared/domain/document'

/** A post as WordPress 7.0.4's block editor saved it (test/fixtures/wordpress-7.0/SOURCE.md): every block opens editable, and goes back byte for byte. */
const FILE = join(import.meta.dirname, '../../fixtures/wordpress-7.0/qalam-post-saved-by-the-block-editor.html')

describe("what WordPress 7.0's block editor saved of a Qalam post", () => {
  it('opens with every block editable and goes back byte for byte', () => {
    const saved = readFileSync(FILE, 'utf8')
    const doc = markupToDocument(saved, { localImage: () => 'a'.repeat(32) + '.jpg' })
    expect(doc.root.children.map((c) => c.type)).toEqual(['paragraph', 'heading', 'paragraph', 'list', 'list', 'quote', 'horizontalrule', NODE_TYPES.image, 'paragraph'])
    const upload = /"id":(\d+)[^>]*-->\s*<figure[^>]*><img src="([^"]+)"/.exec(saved)!
    expect(documentToMarkup(doc, { image: () => ({ id: Number(upload[1]), url: upload[2]! }) })).toBe(saved)
  })
})
