/**
 * The adversary: a forged or tampered `.qalam` file that came through a messenger. Its
 * manifest is no signature (the forger recomputes it), so everything in it is checked
 * for what it is: sizes before inflating, bodies against the editor's schema, site
 * markup against what the site had, status moves against the workflow, dates against
 * this machine's clock, comment ids against the article they belong to.
 */
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync, strToU8, strFromU8, unzipSync } from 'fflate'
import { fakeClock } from '../support/fixtures'
import { desksPerTest, refusal, writeBody } from '../support/desks'
import { body } from '../support/lexical'
import { centralEntries, declareSize, forgeBundle, overlapEntries, patch32, renameEntry } from '../support/zip'
import type { Services } from '@main/services'

const clock = fakeClock()
const desks = desksPerTest(clock)
const write = writeBody

function handedIn(): string {
  const a = desks.reporter.articles.create('تحقيق عن المرفأ')
  write(desks.reporter, a.id, body('الفقرة الأولى.', 'الفقرة الثانية.'))
  clock.advance(1000)
  desks.reporter.review.transition(a.id, 'submitted', '')
  return a.id
}

const articleCount = (s: Services) => s.articles.list({}).length

describe('bundles are read within bounds', () => {
  // 64 MiB of zeros deflate to about 64 KB.
  const zeros = new Uint8Array(64 * 2 ** 20)

  it('refuses a 66 KB file that declares 512 MiB (eight names over the same data) from its directory, in well under a second, without the memory growing', () => {
    const one = zipSync({ 'media/a': zeros }, { level: 9 })
    const bomb = overlapEntries(one, 'media/a', ['media/b', 'media/c', 'media/d', 'media/e', 'media/f', 'media/g', 'media/h'])
    expect(bomb.length).toBeLessThan(100 * 1024)
    const rss = process.memoryUsage().rss
    const t0 = performance.now()
    expect(refusal(() => desks.editor.bundles.importBundle(bomb))).toBe('too-large')
    expect(performance.now() - t0).toBeLessThan(500)
    expect(process.memoryUsage().rss - rss).toBeLessThan(16 * 2 ** 20)
    // One entry declaring it all is refused the same way.
    expect(refusal(() => desks.editor.bundles.importBundle(declareSize(one, 'media/a', 512 * 2 ** 20)))).toBe('too-large')
    expect(articleCount(desks.editor)).toBe(0)
  })

  it('stops inflating an entry at the size it declared: one that lies is refused at the first byte too many', () => {
    const liar = declareSize(zipSync({ 'article.json': zeros }, { level: 9 }), 'article.json', 1024)
    const rss = process.memoryUsage().rss
    expect(refusal(() => desks.editor.bundles.importBundle(liar))).toBe('tampered')
    expect(process.memoryUsage().rss - rss).toBeLessThan(48 * 2 ** 20)
  })

  it('refuses more entries than any bundle has, a name given twice, and entries that share their data', () => {
    const many: Record<string, Uint8Array> = {}
    for (let i = 0; i < 20_000; i++) many[`media/${i}`] = new Uint8Array(0)
    expect(refusal(() => desks.editor.bundles.importBundle(zipSync(many)))).toBe('too-large')

    const dup = renameEntry(zipSync({ 'aa.json': strToU8('1'), 'ab.json': strToU8('2') }), 'ab.json', 'aa.json')
    expect(refusal(() => desks.editor.bundles.importBundle(dup))).toBe('tampered')

    const bundle = desks.reporter.bundles.exportBundle(handedIn())

    const entries = centralEntries(bundle)
    const shared = patch32(bundle, entries[2]!.at + 42, entries[1]!.localOffset)
    expect(refusal(() => desks.editor.bundles.importBundle(shared))).toBe('tampered')
    expect(articleCount(desks.editor)).toBe(0)
  })
})

describe('what a bundle carries is checked for what it is', () => {
  it('refuses a body the desks.editor would not hold (unknown node, a node out of place, a field of the wrong type), changing nothing', () => {
    const id = handedIn()
    const bundle = desks.reporter.bundles.exportBundle(id)
    const forged = (mutate: (doc: { root: { children: unknown[] } }) => void) =>
      forgeBundle(bundle, (files) => {
        const article = files['article.json'] as { body: string }
        const doc = JSON.parse(article.body) as { root: { children: unknown[] } }
        mutate(doc)
        article.body = JSON.stringify(doc)
      })
    const script = forged((doc) => doc.root.children.push({ type: 'script', version: 1, src: 'https://evil.example/x.js' }))
    const textAtRoot = forged((doc) => doc.root.children.push({ type: 'text', text: 'x', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }))
    const wrongField = forged((doc) => ((doc.root.children[0] as { children: { format: unknown }[] }).children[0]!.format = 'bold'))
    const jsLink = forged((doc) =>
      (doc.root.children[0] as { children: unknown[] }).children.push({
        type: 'link',
        url: 'javascript:alert(1)',
        rel: null,
        target: null,
        title: null,
        children: [],
        direction: null,
        format: '',
        indent: 0,
        version: 1
      })
    )
    for (const bytes of [script, textAtRoot, wrongField, jsLink]) expect(refusal(() => desks.editor.bundles.importBundle(bytes))).toBe('invalid-content')
    expect(articleCount(desks.editor)).toBe(0)
  })

  it('brings site markup the site never had for the article in as plain text, and says so', () => {
    const id = handedIn()
    const forged = forgeBundle(desks.reporter.bundles.exportBundle(id), (files) => {
      const article = files['article.json'] as { body: string }
      const doc = JSON.parse(article.body) as { root: { children: unknown[] } }
      doc.root.children.push({
        type: 'qalam-raw-block',
        version: 1,
        name: 'core/html',
        markup: '<!-- wp:html --><script src="https://evil.example/x.js"></script><p>نص مرافق</p><!-- /wp:html -->',
        preview: 'نص مرافق'
      })
      article.body = JSON.stringify(doc)
    })
    const result = desks.editor.bundles.importBundle(forged)
    expect(result.demotedBlocks).toBe(1)
    const there = desks.editor.articles.get(id)
    expect(there.body).not.toContain('qalam-raw-block')
    expect(there.body).not.toContain('<script')
    expect(there.bodyText).toContain('نص مرافق')
  })

  it('forgets the site markup a file claims an editable block came with when the site never had it: the block is written afresh', () => {
    const id = handedIn()
    const shell =
      '<!-- wp:image {"id":9,"linkDestination":"custom"} -->\n<figure class="wp-block-image"><a href="https://evil.example/login"><img src="https://evil.example/x.png" alt=""/></a></figure>\n<!-- /wp:image -->'
    const claimed = '<!-- wp:paragraph -->\n<p class="wp-block-paragraph" id="x"><a href="https://evil.example/">الفقرة الأولى.</a></p>\n<!-- /wp:paragraph -->'
    const forged = forgeBundle(desks.reporter.bundles.exportBundle(id), (files) => {
      const article = files['article.json'] as { body: string }
      const doc = JSON.parse(article.body) as { root: { children: Record<string, unknown>[] } }
      doc.root.children[0]!.$ = { siteMarkup: claimed }
      doc.root.children[1]!.$ = { siteMarkup: shell }
      article.body = JSON.stringify(doc)
    })
    desks.editor.bundles.importBundle(forged)
    const there = desks.editor.articles.get(id)
    expect(there.body).not.toContain('evil.example')
    expect(there.bodyText).toContain('الفقرة الأولى.')
  })

  it('does not let a file publish, skip the workflow, or date a move in the future', () => {
    const id = handedIn()
    const bundle = desks.reporter.bundles.exportBundle(id)
    const forged = forgeBundle(bundle, (files) => {
      const review = files['review.json'] as { history: unknown[] }
      review.history.push({ id: 'forged-1', from: 'submitted', to: 'published', by: 'سلمى', at: clock.now() + 5000, note: '' })
      ;(files['article.json'] as { status: string }).status = 'published'
    })
    const result = desks.editor.bundles.importBundle(forged)
    expect(result.refusedStatus).toBe('published')
    expect(desks.editor.articles.get(id).status).toBe('submitted')
    expect(desks.editor.review.review(id).history.map((h) => h.to)).toEqual(['submitted'])

    // A later move dated in the year 2100 would stay "last" forever: it is dated now.
    const future = forgeBundle(bundle, (files) => {
      const review = files['review.json'] as { history: unknown[] }
      review.history.push({ id: 'forged-2', from: 'submitted', to: 'draft', by: 'ليلى', at: Date.UTC(2100, 0, 1), note: '' })
    })
    desks.editor.bundles.importBundle(future)
    const last = desks.editor.review.review(id).history.at(-1)!
    expect(last).toMatchObject({ id: 'forged-2', to: 'draft' })
    expect(last.at).toBeLessThanOrEqual(clock.now() + 24 * 3600 * 1000)
  })

  it('never lets one article’s review data overwrite another article’s comment', () => {
    const victim = desks.editor.articles.create('مادة أخرى')
    const thread = desks.editor.review.comment({ articleId: victim.id, id: 'c-victim', body: 'المصدر طلب عدم ذكر اسمه', quote: 'المصدر' })
    const commentId = thread.id
    const id = handedIn()
    const forged = forgeBundle(desks.reporter.bundles.exportBundle(id), (files) => {
      const review = files['review.json'] as { comments: unknown[] }
      review.comments.push({
        id: commentId,
        threadId: thread.threadId,
        author: 'سلمى',
        body: 'اسم المصدر هو …',
        quote: '',
        createdAt: clock.now(),
        updatedAt: clock.now() + 10_000,
        resolved: false,
        resolvedBy: '',
        deleted: false
      })
    })
    desks.editor.bundles.importBundle(forged)
    expect(desks.editor.review.review(victim.id).comments[0]).toMatchObject({ id: commentId, body: 'المصدر طلب عدم ذكر اسمه' })
  })

  it('keeps no words of a deleted comment, in the database or in the next export', () => {
    const id = handedIn()
    const comment = desks.reporter.review.comment({ articleId: id, id: 'c-phone', body: 'رقم هاتف المصدر 0790000000', quote: 'الفقرة' })
    desks.reporter.review.deleteComment(comment.id)
    expect(desks.reporter.review.review(id).comments[0]).toMatchObject({ deleted: true, body: '', quote: '' })
    const files = unzipSync(desks.reporter.bundles.exportBundle(id))
    expect(strFromU8(files['review.json']!)).not.toContain('0790000000')
  })
})

describe('before a bundle changes anything', () => {
  it('says who wrote it, which moves it brings and refuses, how much text it changes; Cancel changes nothing', () => {
    const id = handedIn()
    desks.editor.bundles.importBundle(desks.reporter.bundles.exportBundle(id))
    // The reporter's next version: a paragraph rewritten, one added, a forged approval, a comment.
    write(desks.reporter, id, body('الفقرة الأولى بعد التعديل.', 'الفقرة الثانية.', 'فقرة جديدة.'))
    const forged = forgeBundle(desks.reporter.bundles.exportBundle(id), (files) => {
      const review = files['review.json'] as { history: unknown[]; comments: unknown[] }
      review.history.push({ id: 'forged-ok', from: 'submitted', to: 'draft', by: 'ليلى', at: clock.now(), note: '' })
      review.history.push({ id: 'forged-bad', from: 'draft', to: 'published', by: 'سلمى', at: clock.now() + 1, note: '' })
      review.comments.push({
        id: 'c1',
        threadId: 'c1',
        author: 'ليلى',
        body: 'راجعت الأرقام',
        quote: '',
        createdAt: clock.now(),
        updatedAt: clock.now(),
        resolved: false,
        resolvedBy: '',
        deleted: false
      })
    })
    const before = { article: desks.editor.articles.get(id), review: desks.editor.review.review(id), versions: desks.editor.revisions.list(id).length }
    const preview = desks.editor.bundles.preview(forged)
    expect(preview).toMatchObject({
      isNew: false,
      authors: ['ليلى'],
      statusMoves: [{ from: 'submitted', to: 'draft', by: 'ليلى' }],
      refusedStatus: 'published',
      commentsAdded: 1,
      paragraphsChanged: 2,
      paragraphsRemoved: 1
    })
    // The preview was a rehearsal: nothing here changed.
    expect(desks.editor.articles.get(id)).toEqual(before.article)
    expect(desks.editor.review.review(id)).toEqual(before.review)
    expect(desks.editor.revisions.list(id).length).toBe(before.versions)
  })
})

describe('purge', () => {
  it('erases the review’s words and the old versions from the database file and from the next export', () => {
    const id = handedIn()
    const secret = 'هاتف المصدر 0791234567'
    desks.reporter.review.comment({ articleId: id, id: 'c-secret', body: secret, quote: 'الفقرة' })
    desks.reporter.revisions.createManual(id)
    expect(desks.reporter.revisions.list(id).length).toBeGreaterThan(0)
    const result = desks.reporter.review.purge(id)
    expect(result.versions).toBeGreaterThan(0)
    expect(desks.reporter.revisions.list(id)).toEqual([])
    expect(desks.reporter.review.review(id).comments.every((c) => c.deleted && c.body === '' && c.quote === '')).toBe(true)
    expect(desks.reporter.articles.get(id).bodyText).toContain('الفقرة الأولى.')
    // Not in the database file, its journal, or the next export.
    const files = readdirSync(desks.dirs[0]!).filter((f) => f.startsWith('qalam.db'))
    for (const f of files) expect(readFileSync(join(desks.dirs[0]!, f)).includes(Buffer.from('0791234567')), f).toBe(false)
    const exported = unzipSync(desks.reporter.bundles.exportBundle(id))
    expect(strFromU8(exported['review.json']!)).not.toContain('0791234567')
    expect(JSON.parse(strFromU8(exported['revisions.json']!)).filter((r: { reason: string }) => r.reason !== 'exported')).toEqual([])
  })
})
