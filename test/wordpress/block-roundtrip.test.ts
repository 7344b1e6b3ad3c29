import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'
import { splitBlocks } from '@main/document/gutenberg'
import { parseDocumentJson, text, type LexParagraph } from '@main/document/lexical'
import type { Services } from '@main/services'
import { addSite, rest, syncServices, wp, write } from './helpers'

/**
 * A post as WordPress's block editor saves it, through the real test WordPress: imported,
 * one paragraph edited in Qalam, pushed, read back. Only that paragraph changes on the site,
 * and in it only the words.
 */

let dir: ReturnType<typeof tempDir>
let services: Services
beforeEach(() => {
  dir = tempDir()
  services = syncServices(dir.dir)
})
afterEach(() => {
  services.close()
  dir.remove()
})

interface Post {
  id: number
  content: { raw: string }
  meta?: unknown
}

const POST = [
  '<!-- wp:paragraph -->\n<p class="wp-block-paragraph">قال المتحدث باسم الدفاع المدني إن فرق الإنقاذ انتشلت 12 شخصاً.</p>\n<!-- /wp:paragraph -->',
  '<!-- wp:heading {"textAlign":"center","level":3} -->\n<h3 class="wp-block-heading has-text-align-center" id="al-tafasil">التفاصيل</h3>\n<!-- /wp:heading -->',
  '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>وصول <strong>المساعدات</strong></li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>فتح المعابر</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
  '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>لن نغادر أرضنا.</p>\n<!-- /wp:paragraph --><cite>أحد سكان الحي</cite></blockquote>\n<!-- /wp:quote -->',
  '<!-- wp:image {"width":"640px","height":"auto","sizeSlug":"large","linkDestination":"custom"} -->\n<figure class="wp-block-image size-large is-resized"><a href="https://news.example/photos"><img src="https://news.example/wp-content/uploads/2026/12/port.jpg" alt="الميناء" style="width:640px;height:auto" title="الميناء صباحاً"/></a><figcaption class="wp-element-caption">الميناء صباح الخميس</figcaption></figure>\n<!-- /wp:image -->',
  '<!-- wp:separator -->\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n<!-- /wp:separator -->',
  '<!-- wp:paragraph {"direction":"ltr"} -->\n<p dir="ltr">Reuters contributed to this report.</p>\n<!-- /wp:paragraph -->'
].join('\n\n')

describe('a block-editor post through the real WordPress', () => {
  it('changes on the site only the paragraph edited in Qalam, and in it only the words', async () => {
    // Written on the web by an editor (whose HTML WordPress keeps as it is), as the block editor saves it.
    const created = await rest<Post>(wp().editor, 'POST', 'wp/v2/posts', { title: 'الإنقاذ', content: POST, status: 'draft' })
    const before = (await rest<Post>(wp().editor, 'GET', `wp/v2/posts/${created.id}?context=edit`)).content.raw
    const site = await addSite(services, 'editor')
    await services.sync.importPosts(site.id, [created.id])
    const article = services.articles.list({}).find((a) => a.title === 'الإنقاذ')!
    const doc = parseDocumentJson(services.articles.get(article.id).body)
    expect(doc.root.children.map((c) => c.type)).toEqual(['paragraph', 'heading', 'list', 'quote', 'qalam-raw-block', 'horizontalrule', 'paragraph'])
    // The reporter rewrites the first paragraph's number; nothing else.
    const first = doc.root.children[0] as LexParagraph
    doc.root.children[0] = { ...first, children: [text('قال المتحدث باسم الدفاع المدني إن فرق الإنقاذ انتشلت 14 شخصاً.', 0)] }
    write(services, article.id, { body: JSON.stringify(doc) })
    await services.sync.run([article.id])
    expect(services.sync.state(article.id).state).toBe('synced')
    const after = (await rest<Post>(wp().editor, 'GET', `wp/v2/posts/${created.id}?context=edit`)).content.raw
    const [was, now] = [splitBlocks(before), splitBlocks(after)]
    expect(now).toHaveLength(was.length)
    expect(now[0]).toBe(was[0]!.replace('12 شخصاً', '14 شخصاً'))
    expect(now.slice(1)).toEqual(was.slice(1))
  })

  it('keeps a classic post classic: the site renders everything but the edited paragraph exactly as before', async () => {
    const classic = [
      // A line of text followed directly by a <div> (Gutenberg's core__freeform fixtures): no blank line between them, and none is added.
      'قال مصدر في وزارة الصحة إن عدد <strong>الإصابات</strong> ارتفع إلى 120.\n<div class="wp-some-class">\n\tHTML <span style="color: red;">content</span>\n</div>',
      'وأضاف أن المستشفيات تعمل بطاقتها القصوى.\nوطالب بإمداد عاجل بالوقود.',
      '<h2>خلفية</h2>',
      '<ul>\n<li>أول إصابة في آذار</li>\n<li>إغلاق المدارس في نيسان</li>\n</ul>',
      '<blockquote>الوضع كارثي بكل المقاييس.</blockquote>',
      '<table><tr><td>المحافظة</td><td>120</td></tr></table>'
    ].join('\n\n')
    const created = await rest<Post>(wp().editor, 'POST', 'wp/v2/posts', { title: 'الإصابات', content: classic, status: 'publish' })
    const read = () => rest<Post & { content: { raw: string; rendered: string } }>(wp().editor, 'GET', `wp/v2/posts/${created.id}?context=edit`)
    const before = await read()
    const site = await addSite(services, 'editor')
    await services.sync.importPosts(site.id, [created.id])
    const article = services.articles.list({}).find((a) => a.title === 'الإصابات')!
    const doc = parseDocumentJson(services.articles.get(article.id).body)
    expect(doc.root.children.map((c) => c.type)).toEqual(['paragraph', 'qalam-raw-block', 'paragraph', 'heading', 'list', 'quote', 'qalam-raw-block'])
    const second = doc.root.children[2] as LexParagraph
    doc.root.children[2] = { ...second, children: second.children.map((c) => (c.type === 'text' ? { ...c, text: c.text.replace('القصوى', 'القصوى منذ أسبوع') } : c)) }
    write(services, article.id, { body: JSON.stringify(doc) })
    await services.sync.run([article.id])
    expect(services.sync.state(article.id).state).toBe('synced')
    const after = await read()
    expect(after.content.raw).not.toContain('<!-- wp:')
    expect(after.content.raw).toBe(before.content.raw.replace('القصوى', 'القصوى منذ أسبوع'))
    // What readers see: the same HTML, the edited words aside.
    expect(after.content.rendered).toBe(before.content.rendered.replace('القصوى', 'القصوى منذ أسبوع'))
  })
})
