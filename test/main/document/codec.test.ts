import { describe, expect, it } from 'vitest'
import { parse } from '@wordpress/block-serialization-default-parser'
import { documentToBlocks, markupToDocument, type ToBlocksContext } from '@main/document/codec'
import { joinBlocks, splitBlocks } from '@main/document/gutenberg'
import type { LexDocument } from '@main/document/lexical'
import { documentText } from '@main/document/text'

import { documentOf, heading, image, linebreak, link, list, mark, paragraph, paragraphDir, quote, suggestion, text } from '../../support/lexical'

const doc = (...blocks: Parameters<typeof documentOf>) => documentOf(...blocks) as unknown as LexDocument
const noImages: ToBlocksContext = { image: () => undefined }
const MEDIA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.png'
const uploaded: ToBlocksContext = { image: (id) => (id === MEDIA ? { id: 41, url: 'https://site.example/wp-content/uploads/a.png' } : undefined) }

/** The document without the site's markup its nodes keep (Lexical node state), to compare what the editor shows. */
const shown = (d: LexDocument): LexDocument => JSON.parse(JSON.stringify(d, (k, v: unknown) => (k === '$' ? undefined : v))) as LexDocument

/** What WordPress's own parser makes of it: names, attributes and inner blocks, whitespace-only freeform dropped. */
const parsed = (markup: string) =>
  parse(markup)
    .filter((b) => b.blockName !== null || b.innerHTML.trim() !== '')
    .map((b) => ({ name: b.blockName, attrs: b.attrs, inner: b.innerBlocks.map((i) => i.blockName) }))

describe('the editor document as Gutenberg blocks', () => {
  it('writes each kind of block as the block editor stores it, so WordPress parses it into blocks', () => {
    const markup = joinBlocks(
      documentToBlocks(
        doc(
          paragraph('قال ', text('الوزير', 1), ' إن ', text('النمو', 2), ' بلغ 3.5% في 2026'),
          heading('التفاصيل', 'h3'),
          paragraphDir('ltr', 'Reuters reported it first.'),
          list('number', ['أولاً'], ['ثانياً']),
          quote('«لن نتراجع»'),
          { type: 'horizontalrule', version: 1 },
          image(MEDIA, 'دخان "كثيف"', 'المرفأ & المدينة')
        ),
        uploaded
      )
    )
    expect(parsed(markup)).toEqual([
      { name: 'core/paragraph', attrs: {}, inner: [] },
      { name: 'core/heading', attrs: { level: 3 }, inner: [] },
      { name: 'core/paragraph', attrs: { direction: 'ltr' }, inner: [] },
      { name: 'core/list', attrs: { ordered: true }, inner: ['core/list-item', 'core/list-item'] },
      { name: 'core/quote', attrs: {}, inner: ['core/paragraph'] },
      { name: 'core/separator', attrs: {}, inner: [] },
      { name: 'core/image', attrs: { id: 41, sizeSlug: 'large', linkDestination: 'none' }, inner: [] }
    ])
    expect(markup).toContain('<p>قال <strong>الوزير</strong> إن <em>النمو</em> بلغ 3.5% في 2026</p>')
    expect(markup).toContain('<p dir="ltr">Reuters reported it first.</p>')
    expect(markup).toContain('<h3 class="wp-block-heading">التفاصيل</h3>')
    expect(markup).toContain('alt="دخان &quot;كثيف&quot;" class="wp-image-41"/><figcaption class="wp-element-caption">المرفأ &amp; المدينة</figcaption>')
  })

  it('escapes text so a reporter’s angle brackets stay text, and links keep only safe addresses', () => {
    const markup = joinBlocks(
      documentToBlocks(doc(paragraph('a <script>alert(1)</script> & b', link('https://example.com/?a=1&b=2', 'رابط'), link('javascript:alert(1)', 'خبيث'))), noImages)
    )
    expect(markup).toContain('a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b')
    expect(markup).toContain('<a href="https://example.com/?a=1&amp;b=2">رابط</a>')
    expect(markup).not.toContain('javascript:')
    expect(markup).toContain('خبيث')
  })

  it('comes back from the site as the same document, and writes the same markup again', () => {
    const original = doc(
      paragraph('فقرة ', text('عريضة ومائلة', 3), linebreak(), 'سطر ثانٍ'),
      heading('عنوان فرعي'),
      list('bullet', ['بند']),
      paragraphDir('ltr', 'Latin text 2026')
    )
    const markup = joinBlocks(documentToBlocks(original, noImages))
    const back = markupToDocument(markup, { localImage: () => undefined })
    expect(back.root.children.map((c) => c.type)).toEqual(['paragraph', 'heading', 'list', 'paragraph'])
    expect(joinBlocks(documentToBlocks(back, noImages))).toBe(markup)
    expect(documentText(back)).toBe('فقرة عريضة ومائلة\nسطر ثانٍ\n\nعنوان فرعي\n\nبند\n\nLatin text 2026')
  })

  it('keeps what it cannot represent byte for byte, and sends it back unchanged', () => {
    const embed =
      '<!-- wp:embed {"url":"https://youtu.be/x","type":"video"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://youtu.be/x</div></figure>\n<!-- /wp:embed -->'
    const styled = '<!-- wp:paragraph -->\n<p>ملوّن <span class="has-inline-color" style="color:#a00">جزئياً</span></p>\n<!-- /wp:paragraph -->'
    const hostile = '<!-- wp:paragraph -->\n<p>نص <a href="javascript:alert(1)">خبيث</a><img src=x onerror=alert(1)></p>\n<!-- /wp:paragraph -->'
    const classic = '<p>فقرة من المحرر الكلاسيكي</p><script>alert(1)</script>'
    const selfClosing = '<!-- wp:latest-posts {"postsToShow":3} /-->'
    const site = [embed, styled, hostile, classic, selfClosing].join('\n\n')
    const back = markupToDocument(site, { localImage: () => undefined })
    expect(back.root.children.map((c) => c.type)).toEqual(Array(5).fill('qalam-raw-block'))
    expect(back.root.children.map((c) => (c as { name: string }).name)).toEqual(['core/embed', 'core/paragraph', 'core/paragraph', 'html', 'core/latest-posts'])
    // The editor shows text only: nothing executable survives into what it renders.
    expect(back.root.children.map((c) => (c as { preview: string }).preview)).toEqual(['https://youtu.be/x', 'ملوّن جزئياً', 'نص خبيث', 'فقرة من المحرر الكلاسيكي', ''])
    expect(joinBlocks(documentToBlocks(back, noImages))).toBe(site)
  })

  it('reads lists written before list items were blocks, and images uploaded from this machine', () => {
    const legacy = '<!-- wp:list -->\n<ul><li>قديم</li><li>أقدم</li></ul>\n<!-- /wp:list -->'
    const image =
      '<!-- wp:image {"id":41,"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="https://site.example/a.png" alt="بديل" class="wp-image-41"/><figcaption class="wp-element-caption">تعليق</figcaption></figure>\n<!-- /wp:image -->'
    const back = markupToDocument(`${legacy}\n\n${image}`, { localImage: (id) => (id === 41 ? MEDIA : undefined) })
    expect(back.root.children[0]).toMatchObject({ type: 'list', listType: 'bullet' })
    expect(shown(back).root.children[1]).toEqual({ type: 'qalam-image', version: 1, mediaId: MEDIA, alt: 'بديل', caption: 'تعليق' })
    // An image this machine does not have stays the site's block.
    expect(markupToDocument(image, { localImage: () => undefined }).root.children[0]!.type).toBe('qalam-raw-block')
  })

  it('cuts content into top-level blocks exactly, nested blocks and all', () => {
    const quote = '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>أ</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->'
    const group = '<!-- wp:group -->\n<div class="wp-block-group"><!-- wp:paragraph -->\n<p>ب</p>\n<!-- /wp:paragraph --><!-- wp:separator /--></div>\n<!-- /wp:group -->'
    expect(splitBlocks(`${quote}\n\n${group}\n\n<p>حر</p>`)).toEqual([quote, group, '<p>حر</p>'])
  })
})

describe('review markup in the blocks', () => {
  const author = 'سلمى "المحررة"'
  const at = Date.UTC(2026, 10, 27, 10, 0, 0, 123)
  const reviewed = doc(
    paragraph(
      'قال ',
      mark(['thread-1'], [text('الوزير', 1), ' أمس']),
      ' إن ',
      suggestion('sug-2', 'delete', author, 'النمو', at),
      suggestion('sug-1', 'insert', author, 'الاقتصاد', at),
      ' تحسّن.'
    )
  )

  it('writes comment anchors and suggestions as marked-up spans and reads them back exactly', () => {
    const markup = joinBlocks(documentToBlocks(reviewed, noImages))
    expect(markup).toContain('<mark class="qalam-comment" data-qalam-threads="thread-1"><strong>الوزير</strong> أمس</mark>')
    expect(markup).toContain('<del class="qalam-suggestion" data-qalam-id="sug-2" data-qalam-author="سلمى &quot;المحررة&quot;" datetime="2026-11-27T10:00:00.123Z">النمو</del>')
    expect(markup).toContain('<ins class="qalam-suggestion" data-qalam-id="sug-1"')
    expect(parsed(markup)).toEqual([{ name: 'core/paragraph', attrs: {}, inner: [] }])
    const back = markupToDocument(markup, { localImage: () => undefined })
    expect(shown(back)).toEqual(reviewed)
    expect(documentText(back)).toBe('قال الوزير أمس إن النموالاقتصاد تحسّن.')
  })

  it('leaves review markup out for readers of a site without the plugin: the text as it was before the suggestions', () => {
    const markup = joinBlocks(documentToBlocks(reviewed, { ...noImages, plain: true }))
    expect(markup).toBe('<!-- wp:paragraph -->\n<p>قال <strong>الوزير</strong> أمس إن النمو تحسّن.</p>\n<!-- /wp:paragraph -->')
  })

  it('keeps a paragraph with a mark or ins/del it does not recognise as a raw block', () => {
    const odd = '<!-- wp:paragraph -->\n<p><mark style="background:red">x</mark> <ins data-qalam-id="1">y</ins></p>\n<!-- /wp:paragraph -->'
    expect(markupToDocument(odd, { localImage: () => undefined }).root.children[0]!.type).toBe('qalam-raw-block')
    // A plain <del> is still strikethrough.
    const del = markupToDocument('<!-- wp:paragraph -->\n<p><del>قديم</del></p>\n<!-- /wp:paragraph -->', { localImage: () => undefined })
    expect(del.root.children[0]).toMatchObject({ type: 'paragraph', children: [{ text: 'قديم', format: 4 }] })
  })
})

describe("a thread that became a note of WordPress's Notes, on its block", () => {
  const noted = (node: object, noteId: number) => ({ ...node, $: { ...(node as { $?: object }).$, noteId } })
  it('writes metadata.noteId into the block comment, keeping what the block had, and never a second note on a block', () => {
    const fresh = documentToBlocks(documentOf(noted(paragraph('سؤال عن الرقم'), 7)) as unknown as LexDocument, noImages)
    expect(fresh).toEqual(['<!-- wp:paragraph {"metadata":{"noteId":7}} -->\n<p>سؤال عن الرقم</p>\n<!-- /wp:paragraph -->'])
    const site = '<!-- wp:heading {"level":3,"metadata":{"name":"خلفية"}} -->\n<h3 class="wp-block-heading">خلفية</h3>\n<!-- /wp:heading -->'
    const read = markupToDocument(site, { localImage: () => undefined })
    const kept = documentToBlocks({ ...read, root: { ...read.root, children: [noted(read.root.children[0]!, 8)] } } as LexDocument, noImages)
    expect(kept).toEqual(['<!-- wp:heading {"level":3,"metadata":{"name":"خلفية","noteId":8}} -->\n<h3 class="wp-block-heading">خلفية</h3>\n<!-- /wp:heading -->'])
    expect(parse(kept[0]!)[0]!.attrs).toEqual({ level: 3, metadata: { name: 'خلفية', noteId: 8 } })
    // A block the site already has a note on keeps that one.
    const other = markupToDocument('<!-- wp:paragraph {"metadata":{"noteId":3}} -->\n<p>نص</p>\n<!-- /wp:paragraph -->', { localImage: () => undefined })
    expect(documentToBlocks({ ...other, root: { ...other.root, children: [noted(other.root.children[0]!, 9)] } } as LexDocument, noImages)[0]).toContain(
      '{"metadata":{"noteId":3}}'
    )
  })
})

describe('a deleted note taken off its block', () => {
  it('drops metadata.noteId when it names that note, keeping the rest of the metadata', async () => {
    const { withoutNoteId } = await import('@main/document/gutenberg')
    expect(withoutNoteId('<!-- wp:paragraph {"metadata":{"noteId":7}} -->\n<p>نص</p>\n<!-- /wp:paragraph -->', 7)).toBe('<!-- wp:paragraph -->\n<p>نص</p>\n<!-- /wp:paragraph -->')
    expect(withoutNoteId('<!-- wp:heading {"level":3,"metadata":{"name":"خلفية","noteId":7}} -->\n<h3>خلفية</h3>\n<!-- /wp:heading -->', 7)).toBe(
      '<!-- wp:heading {"level":3,"metadata":{"name":"خلفية"}} -->\n<h3>خلفية</h3>\n<!-- /wp:heading -->'
    )
    const other = '<!-- wp:paragraph {"metadata":{"noteId":8}} -->\n<p>نص</p>\n<!-- /wp:paragraph -->'
    expect(withoutNoteId(other, 7)).toBe(other)
  })
})
