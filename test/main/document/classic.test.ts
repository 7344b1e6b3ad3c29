import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { documentToBlocks, documentToMarkup, markupToDocument, type ToBlocksContext } from '@main/document/codec'
import { checkDocument } from '@main/document/schema'
import { GUTENBERG_FIXTURES, haveGutenbergFixtures } from '../../support/gutenberg-fixtures'
import { isClassic, splitClassic } from '@main/document/classic'
import { joinBlocks } from '@main/document/gutenberg'
import { paragraph, text, type LexBlock, type LexDocument, type LexParagraph } from '@main/document/lexical'
import { documentText } from '@main/document/text'

/**
 * Classic posts (no block delimiters: years of a newsroom's archive) open editable, cut
 * the way WordPress's wpautop reads them, and go back as classic HTML.
 */

const none = { localImage: () => undefined }
const to: ToBlocksContext = { image: () => undefined }

// As the classic editor saves a post: paragraphs as text between blank lines, a single newline a line break.
const CLASSIC = [
  'قال مصدر في وزارة الصحة إن عدد <strong>الإصابات</strong> ارتفع إلى 120.',
  'وأضاف المصدر أن المستشفيات تعمل بطاقتها القصوى.\nوطالب بإمداد عاجل بالوقود.',
  '<!--more-->',
  '<h2>خلفية</h2>',
  '<ul>\n<li>أول إصابة في آذار</li>\n<li>إغلاق المدارس في نيسان</li>\n</ul>',
  '<blockquote>الوضع كارثي بكل المقاييس.</blockquote>',
  'للمزيد: <a href="https://news.example/health">تقرير الوزارة</a> <img class="alignnone size-medium wp-image-5" src="https://news.example/wp-content/uploads/chart.png" alt="رسم" width="300" height="200" />',
  '<table><tr><td>المحافظة</td><td>120</td></tr></table>'
].join('\n\n')

const types = (doc: LexDocument) => doc.root.children.map((c) => c.type)

describe('classic posts', () => {
  it('opens a classic post cut as wpautop cuts it, editable where Qalam can edit, and writes it back unchanged', () => {
    expect(isClassic(CLASSIC)).toBe(true)
    const doc = markupToDocument(CLASSIC, none)
    expect(types(doc)).toEqual(['paragraph', 'paragraph', 'qalam-raw-block', 'heading', 'list', 'quote', 'qalam-raw-block', 'qalam-raw-block'])
    // A single newline is a line break, as the site shows it.
    expect((doc.root.children[1] as LexParagraph).children.map((c) => c.type)).toEqual(['text', 'linebreak', 'text'])
    expect(documentText(doc)).toContain('الإصابات')
    expect(documentToBlocks(doc, to)).toEqual(splitClassic(CLASSIC))
    expect(joinBlocks(documentToBlocks(doc, to))).toBe(CLASSIC)
  })

  it('writes an edited paragraph, and a new one, as classic HTML: no block delimiters, the rest as it was', () => {
    const doc = markupToDocument(CLASSIC, none)
    const first = doc.root.children[0] as LexParagraph
    const edited: LexBlock[] = [...doc.root.children]
    edited[0] = { ...first, children: [text('قال مصدر في وزارة الصحة إن عدد ', 0), text('الإصابات', 1), text(' ارتفع إلى 135.', 0)] }
    edited.splice(4, 0, paragraph([text('فقرة جديدة كتبها المراسل.', 0)]))
    const written = joinBlocks(documentToBlocks({ root: { ...doc.root, children: edited } }, to))
    expect(written).not.toContain('<!-- wp:')
    expect(written).toBe(CLASSIC.replace('ارتفع إلى 120.', 'ارتفع إلى 135.').replace('<h2>خلفية</h2>', '<h2>خلفية</h2>\n\n<p>فقرة جديدة كتبها المراسل.</p>'))
    // Read again, it is the same post.
    expect(types(markupToDocument(written, none))).toEqual([
      'paragraph',
      'paragraph',
      'qalam-raw-block',
      'heading',
      'paragraph',
      'list',
      'quote',
      'qalam-raw-block',
      'qalam-raw-block'
    ])
  })

  it('converted to blocks (the marks taken off), the post is written as blocks the block editor opens', () => {
    const doc = markupToDocument(CLASSIC, none)
    const converted: LexDocument = { root: { ...doc.root, children: doc.root.children.map((b) => ('$' in b ? { ...b, $: undefined } : b)) } }
    const blocks = documentToBlocks(converted, to)
    expect(blocks[0]).toBe('<!-- wp:paragraph -->\n<p>قال مصدر في وزارة الصحة إن عدد <strong>الإصابات</strong> ارتفع إلى 120.</p>\n<!-- /wp:paragraph -->')
    expect(blocks[3]).toBe('<!-- wp:heading -->\n<h2 class="wp-block-heading">خلفية</h2>\n<!-- /wp:heading -->')
    // What Qalam cannot edit stays the site's HTML, which the block editor opens as a classic block.
    expect(blocks[7]).toBe('<table><tr><td>المحافظة</td><td>120</td></tr></table>')
  })

  it('keeps hostile classic HTML as the site’s markup, never editable: scripts, handlers, javascript: links', () => {
    const hostile = '<p onclick="x()">نص</p>\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)">رابط</a>'
    const doc = markupToDocument(hostile, none)
    expect(types(doc)).toEqual(['qalam-raw-block', 'qalam-raw-block', 'qalam-raw-block'])
    expect(joinBlocks(documentToBlocks(doc, to))).toBe(hostile)
  })
})

describe("classic posts' own whitespace", () => {
  it("Gutenberg's freeform fixtures (a line of text followed directly by a <div>) go back byte for byte, edited or not", (ctx) => {
    if (!haveGutenbergFixtures()) return ctx.skip()
    const files = ['core__freeform__undelimited.html', 'core__freeform__undelimited.serialized.html', 'core__freeform.serialized.html']
    for (const file of files) {
      const markup = readFileSync(join(GUTENBERG_FIXTURES, 'wp-2021-06', file), 'utf8')
      expect(isClassic(markup)).toBe(true)
      const doc = markupToDocument(markup, none)
      checkDocument(JSON.parse(JSON.stringify(doc)))
      expect(documentToMarkup(doc, to)).toBe(markup)
      // The text edited: only its words change, the newline before the <div> and the one at the end stay.
      const first = doc.root.children[0] as LexParagraph
      const edited = { ...doc, root: { ...doc.root, children: [{ ...first, children: [text('نص جديد', 0)] }, ...doc.root.children.slice(1)] } }
      expect(documentToMarkup(edited, to)).toBe(markup.replace('Testing freeform block with some', 'نص جديد'))
    }
  })

  it('refuses node state that claims to be whitespace and is not (a hostile body)', () => {
    const doc = markupToDocument('نص\n<div>x</div>', none)
    const hostile = JSON.parse(JSON.stringify(doc)) as LexDocument
    ;(hostile.root.children[1] as { $: Record<string, unknown> }).$ = { classicGap: '<script>alert(1)</script>' }
    expect(() => checkDocument(hostile)).toThrow(/classicGap/)
  })
})
