import { describe, expect, it } from 'vitest'
import { documentToBlocks, markupToDocument, type FromBlocksContext, type ToBlocksContext } from '@main/document/codec'
import { joinBlocks } from '@main/document/gutenberg'
import { text, type LexBlock, type LexDocument, type LexHeading, type LexImage, type LexList, type LexParagraph, type LexQuote } from '@main/document/lexical'
import { NODE_TYPES } from '@shared/domain/document'

/**
 * Lossless editing: a block opened from the site goes back byte for byte when untouched,
 * and with every attribute and class it had when edited (only its text changes), in the
 * forms WordPress's block editor really saves.
 */

const MEDIA = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.jpg'
const from: FromBlocksContext = { localImage: (id) => (id === 77 ? MEDIA : undefined) }
const to: ToBlocksContext = { image: (id) => (id === MEDIA ? { id: 77, url: 'https://news.example/wp-content/uploads/2026/12/gaza.jpg' } : undefined) }

const open = (markup: string): LexDocument => markupToDocument(markup, from)
const write = (doc: LexDocument, ctx: ToBlocksContext = to) => joinBlocks(documentToBlocks(doc, ctx))
const only = <T extends LexBlock>(doc: LexDocument): T => doc.root.children[0] as T
const withNode = (doc: LexDocument, node: LexBlock): LexDocument => ({ root: { ...doc.root, children: [node] } })
const retext = <T extends LexParagraph | LexHeading | LexQuote>(node: T, words: string): T => ({ ...node, children: [text(words, 0)] })

// As WordPress 6.x's block editor saves a list: item blocks with a blank line between them.
const LIST = `<!-- wp:list {"className":"is-style-checks"} -->
<ul class="wp-block-list is-style-checks"><!-- wp:list-item -->
<li>وصول المساعدات</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>فتح المعابر</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->`

describe('blocks from the site, edited', () => {
  it('opens a list as the block editor saves it (blank lines between items) editable, and writes only the changed item', () => {
    const doc = open(LIST)
    const list = only<LexList>(doc)
    expect(list.type).toBe('list')
    expect(list.children.map((i) => (i.children[0] as { text: string }).text)).toEqual(['وصول المساعدات', 'فتح المعابر'])
    expect(write(doc)).toBe(LIST)
    const edited: LexList = { ...list, children: [list.children[0]!, { ...list.children[1]!, children: [text('فتح معبر رفح', 0)] }] }
    expect(write(withNode(doc, edited))).toBe(LIST.replace('<li>فتح المعابر</li>', '<li>فتح معبر رفح</li>'))
    // An item added is written as WordPress writes one, after a blank line; the list keeps its style.
    const longer: LexList = { ...list, children: [...list.children, { ...list.children[0]!, children: [text('وقف إطلاق النار', 0)] }] }
    const written = write(withNode(doc, longer))
    expect(written).toContain('<ul class="wp-block-list is-style-checks">')
    expect(written).toContain('<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>وقف إطلاق النار</li>\n<!-- /wp:list-item --></ul>')
    expect(only<LexList>(open(written)).children).toHaveLength(3)
  })

  it('writes a new list with the blank lines WordPress puts between items, so a re-save there changes nothing', () => {
    const doc = open(LIST)
    const fresh: LexList = { ...only<LexList>(doc), $: undefined }
    expect(write(withNode(doc, fresh))).toBe(
      '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>وصول المساعدات</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>فتح المعابر</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->'
    )
  })

  it('opens paragraphs as current Gutenberg saves them (class wp-block-paragraph), and an explicit dir, and keeps both on edit', () => {
    const classed = '<!-- wp:paragraph -->\n<p class="wp-block-paragraph">قال المتحدث إن الهدنة صامدة.</p>\n<!-- /wp:paragraph -->'
    const rtl = '<!-- wp:paragraph {"direction":"rtl"} -->\n<p dir="rtl">وأضاف أن 40 شاحنة دخلت.</p>\n<!-- /wp:paragraph -->'
    for (const markup of [classed, rtl]) {
      const doc = open(markup)
      expect(only(doc).type).toBe('paragraph')
      expect(write(doc)).toBe(markup)
      const changed = write(withNode(doc, retext(only<LexParagraph>(doc), 'نص معدّل')))
      expect(changed).toBe(markup.replace(/>[^<]+<\/p>/, '>نص معدّل</p>'))
    }
  })

  it('keeps a heading’s anchor, alignment and level, and writes afresh a heading whose level the reporter changed', () => {
    const markup = '<!-- wp:heading {"textAlign":"center","level":3} -->\n<h3 class="wp-block-heading has-text-align-center" id="al-tafasil">التفاصيل</h3>\n<!-- /wp:heading -->'
    const doc = open(markup)
    const h = only<LexHeading>(doc)
    expect(h).toMatchObject({ type: 'heading', tag: 'h3' })
    expect(write(withNode(doc, retext(h, 'تفاصيل الاتفاق')))).toBe(markup.replace('>التفاصيل<', '>تفاصيل الاتفاق<'))
    expect(write(withNode(doc, { ...h, tag: 'h2' }))).toBe('<!-- wp:heading -->\n<h2 class="wp-block-heading">التفاصيل</h2>\n<!-- /wp:heading -->')
  })

  it('opens a quote with a citation editable; the citation stays as it was', () => {
    const markup =
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>لن نغادر أرضنا.</p>\n<!-- /wp:paragraph --><cite>أحد سكان الحي</cite></blockquote>\n<!-- /wp:quote -->'
    const doc = open(markup)
    expect(only(doc).type).toBe('quote')
    expect(write(doc)).toBe(markup)
    expect(write(withNode(doc, retext(only<LexQuote>(doc), 'لن نغادر أرضنا أبداً.')))).toBe(markup.replace('لن نغادر أرضنا.', 'لن نغادر أرضنا أبداً.'))
  })

  it('keeps an image’s size, title, srcset, link and wp-image class when its alt or caption is edited', () => {
    const markup =
      '<!-- wp:image {"id":77,"width":"640px","height":"auto","sizeSlug":"large","linkDestination":"custom"} -->\n' +
      '<figure class="wp-block-image size-large is-resized"><a href="https://news.example/gaza-photos" target="_blank" rel="noreferrer noopener">' +
      '<img src="https://news.example/wp-content/uploads/2026/12/gaza.jpg" alt="شاحنات" class="wp-image-77" style="width:640px;height:auto" title="المعبر" ' +
      'srcset="https://news.example/wp-content/uploads/2026/12/gaza.jpg 1024w, https://news.example/wp-content/uploads/2026/12/gaza-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px"/></a>' +
      '<figcaption class="wp-element-caption">شاحنات عند المعبر</figcaption></figure>\n<!-- /wp:image -->'
    const doc = open(markup)
    const img = only<LexImage>(doc)
    expect(img).toMatchObject({ type: NODE_TYPES.image, mediaId: MEDIA, alt: 'شاحنات', caption: 'شاحنات عند المعبر' })
    expect(write(doc)).toBe(markup)
    const edited = write(withNode(doc, { ...img, alt: 'شاحنات "مساعدات"', caption: 'شاحنات مساعدات عند معبر رفح' }))
    expect(edited).toBe(markup.replace('alt="شاحنات"', 'alt="شاحنات &quot;مساعدات&quot;"').replace('>شاحنات عند المعبر<', '>شاحنات مساعدات عند معبر رفح<'))
    // A caption removed takes its element with it; the rest stays.
    expect(write(withNode(doc, { ...img, caption: '' }))).toBe(markup.replace('<figcaption class="wp-element-caption">شاحنات عند المعبر</figcaption>', ''))
  })

  it('keeps a separator’s anchor and style', () => {
    const markup =
      '<!-- wp:separator {"className":"is-style-wide"} -->\n<hr class="wp-block-separator has-alpha-channel-opacity is-style-wide" id="fasil"/>\n<!-- /wp:separator -->'
    const doc = open(markup)
    expect(only(doc).type).toBe('horizontalrule')
    expect(write(doc)).toBe(markup)
  })

  it('a paragraph made a heading is written afresh: no stale markup of the block it was', () => {
    const doc = open('<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">عنوان</p>\n<!-- /wp:paragraph -->')
    const p = only<LexParagraph>(doc)
    const asHeading: LexHeading = { type: 'heading', tag: 'h2', children: p.children, direction: null, format: '', indent: 0, version: 1, $: p.$ }
    expect(write(withNode(doc, asHeading))).toBe('<!-- wp:heading -->\n<h2 class="wp-block-heading">عنوان</h2>\n<!-- /wp:heading -->')
  })

  it('for readers of a site without the plugin, review markup in the site’s text is taken out even when the block is untouched', () => {
    const markup = '<!-- wp:paragraph -->\n<p class="wp-block-paragraph">قال <mark class="qalam-comment" data-qalam-threads="t-1">الوزير</mark> ذلك.</p>\n<!-- /wp:paragraph -->'
    const doc = open(markup)
    expect(write(doc)).toBe(markup)
    expect(write(doc, { ...to, plain: true })).toBe('<!-- wp:paragraph -->\n<p class="wp-block-paragraph">قال الوزير ذلك.</p>\n<!-- /wp:paragraph -->')
  })

  it('keeps as the site’s markup what it cannot edit without changing it: an event handler, a style that loads, a data: link', () => {
    const pieces = [
      '<!-- wp:paragraph -->\n<p onclick="steal()">نص</p>\n<!-- /wp:paragraph -->',
      '<!-- wp:paragraph -->\n<p style="background:url(https://track.example/p.gif)">نص</p>\n<!-- /wp:paragraph -->',
      '<!-- wp:image {"id":77} -->\n<figure class="wp-block-image"><a href="data:text/html,x"><img src="https://news.example/a.jpg" alt=""/></a></figure>\n<!-- /wp:image -->'
    ]
    for (const piece of pieces) {
      const doc = open(piece)
      expect(only(doc).type, piece).toBe(NODE_TYPES.rawBlock)
      expect(write(doc)).toBe(piece)
    }
  })
})
