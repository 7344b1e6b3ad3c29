/**
 * The adversary: a forged or tampered `.qalam` file that came through a messenger. Its
 * manifest is no signature (the forger recomputes it), so everything in it is checked
 * for what it is: sizes before inflating, bodies against the editor's schema, site
 * markup against what the site had, status moves against the workflow, dates against
 * this machine's clock, comment ids against the article they belong to.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync, strToU8, strFromU8, unzipSync } from 'fflate'
import { servicesIn, testPlatform, fakeClock } from '../support/fixtures'
import { tempDir } from '../support/temp'
import { body, textOf } from '../support/lexical'
import { centralEntries, declareSize, forgeBundle, overlapEntries, patch32, renameEntry } from '../support/zip'
import { countWords } from '@shared/arabic/count'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'

let dirs: ReturnType<typeof tempDir>[] = []
let reporter: Services
let editor: Services
const clock = fakeClock()

function refusal(work: () => unknown): string | undefined {
  try {
    work()
  } catch (error) {
    if (error instanceof AppError) return error.reason
    throw error
  }
  return undefined
}

function write(services: Services, id: string, json: string): void {
  const current = services.articles.get(id)
  const bodyText = textOf(json)
  services.articles.save({ id, title: current.title, standfirst: current.standfirst, body: json, bodyText, wordCount: countWords(bodyText), meta: current.meta, caret: null })
}

beforeEach(() => {
  dirs = [tempDir(), tempDir()]
  reporter = servicesIn(dirs[0]!.dir, testPlatform({ clock }))
  editor = servicesIn(dirs[1]!.dir, testPlatform({ clock }))
  reporter.settings.update({ userName: 'ليلى', role: 'reporter' })
  editor.settings.update({ userName: 'سلمى', role: 'editor' })
})
afterEach(() => {
  reporter.close()
  editor.close()
  dirs.forEach((d) => d.remove())
})

function handedIn(): string {
  const a = reporter.articles.create('تحقيق عن المرفأ')
  write(reporter, a.id, body('الفقرة الأولى.', 'الفقرة الثانية.'))
  clock.advance(1000)
  reporter.review.transition(a.id, 'submitted', '')
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
    expect(refusal(() => editor.bundles.importBundle(bomb))).toBe('too-large')
    expect(performance.now() - t0).toBeLessThan(500)
    expect(process.memoryUsage().rss - rss).toBeLessThan(16 * 2 ** 20)
    // One entry declaring it all is refused the same way.
    expect(refusal(() => editor.bundles.importBundle(declareSize(one, 'media/a', 512 * 2 ** 20)))).toBe('too-large')
    expect(articleCount(editor)).toBe(0)
  })

  it('stops inflating an entry at the size it declared: one that lies is refused at the first byte too many', () => {
    const liar = declareSize(zipSync({ 'article.json': zeros }, { level: 9 }), 'article.json', 1024)
    const rss = process.memoryUsage().rss
    expect(refusal(() => editor.bundles.importBundle(liar))).toBe('tampered')
    expect(process.memoryUsage().rss - rss).toBeLessThan(48 * 2 ** 20)
  })

  it('refuses more entries than any bundle has, a name given twice, and entries that share their data', () => {
    const many: Record<string, Uint8Array> = {}
    for (let i = 0; i < 20_000; i++) many[`media/${i}`] = new Uint8Array(0)
    expect(refusal(() => editor.bundles.importBundle(zipSync(many)))).toBe('too-large')

    const dup = renameEntry(zipSync({ 'aa.json': strToU8('1'), 'ab.json': strToU8('2') }), 'ab.json', 'aa.json')
    expect(refusal(() => editor.bundles.importBundle(dup))).toBe('tampered')

    const bundle = reporter.bundles.exportBundle(handedIn())

    const entries = centralEntries(bundle)
    const shared = patch32(bundle, entries[2]!.at + 42, entries[1]!.localOffset)
    expect(refusal(() => editor.bundles.importBundle(shared))).toBe('tampered')
    expect(articleCount(editor)).toBe(0)
  })
})

describe('what a bundle carries is checked for what it is', () => {
  it('refuses a body the editor would not hold (unknown node, a node out of place, a field of the wrong type), changing nothing', () => {
    const id = handedIn()
    const bundle = reporter.bundles.exportBundle(id)
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
    for (const bytes of [script, textAtRoot, wrongField, jsLink]) expect(refusal(() => editor.bundles.importBundle(bytes))).toBe('invalid-content')
    expect(articleCount(editor)).toBe(0)
  })

  it('brings site markup the site never had for the article in as plain text, and says so', () => {
    const id = handedIn()
    const forged = forgeBundle(reporter.bundles.exportBundle(id), (files) => {
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
    const result = editor.bundles.importBundle(forged)
    expect(result.demotedBlocks).toBe(1)
    const there = editor.articles.get(id)
    expect(there.body).not.toContain('qalam-raw-block')
    expect(there.body).not.toContain('<script')
    expect(there.bodyText).toContain('نص مرافق')
  })

  it('does not let a file publish, skip the workflow, or date a move in the future', () => {
    const id = handedIn()
    const bundle = reporter.bundles.exportBundle(id)
    const forged = forgeBundle(bundle, (files) => {
      const review = files['review.json'] as { history: unknown[] }
      review.history.push({ id: 'forged-1', from: 'submitted', to: 'published', by: 'سلمى', at: clock.now() + 5000, note: '' })
      ;(files['article.json'] as { status: string }).status = 'published'
    })
    const result = editor.bundles.importBundle(forged)
    expect(result.refusedStatus).toBe('published')
    expect(editor.articles.get(id).status).toBe('submitted')
    expect(editor.review.review(id).history.map((h) => h.to)).toEqual(['submitted'])

    // A later move dated in the year 2100 would stay "last" forever: it is dated now.
    const future = forgeBundle(bundle, (files) => {
      const review = files['review.json'] as { history: unknown[] }
      review.history.push({ id: 'forged-2', from: 'submitted', to: 'draft', by: 'ليلى', at: Date.UTC(2100, 0, 1), note: '' })
    })
    editor.bundles.importBundle(future)
    const last = editor.review.review(id).history.at(-1)!
    expect(last).toMatchObject({ id: 'forged-2', to: 'draft' })
    expect(last.at).toBeLessThanOrEqual(clock.now() + 24 * 3600 * 1000)
  })

  it('never lets one article’s review data overwrite another article’s comment', () => {
    const victim = editor.articles.create('مادة أخرى')
    const thread = editor.review.comment({ articleId: victim.id, id: 'c-victim', body: 'المصدر طلب عدم ذكر اسمه', quote: 'المصدر' })
    const commentId = thread.id
    const id = handedIn()
    const forged = forgeBundle(reporter.bundles.exportBundle(id), (files) => {
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
    editor.bundles.importBundle(forged)
    expect(editor.review.review(victim.id).comments[0]).toMatchObject({ id: commentId, body: 'المصدر طلب عدم ذكر اسمه' })
  })

  it('keeps no words of a deleted comment, in the database or in the next export', () => {
    const id = handedIn()
    const comment = reporter.review.comment({ articleId: id, id: 'c-phone', body: 'رقم هاتف المصدر 0790000000', quote: 'الفقرة' })
    reporter.review.deleteComment(comment.id)
    expect(reporter.review.review(id).comments[0]).toMatchObject({ deleted: true, body: '', quote: '' })
    const files = unzipSync(reporter.bundles.exportBundle(id))
    expect(strFromU8(files['review.json']!)).not.toContain('0790000000')
  })
})

describe('before a bundle changes anything', () => {
  it('says who wrote it, which moves it brings and refuses, how much text it changes; Cancel changes nothing', () => {
    const id = handedIn()
    editor.bundles.importBundle(reporter.bundles.exportBundle(id))
    // The reporter's next version: a paragraph rewritten, one added, a forged approval, a comment.
    write(reporter, id, body('الفقرة الأولى بعد التعديل.', 'الفقرة الثانية.', 'فقرة جديدة.'))
    const forged = forgeBundle(reporter.bundles.exportBundle(id), (files) => {
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
    const before = { article: editor.articles.get(id), review: editor.review.review(id), versions: editor.revisions.list(id).length }
    const preview = editor.bundles.preview(forged)
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
    expect(editor.articles.get(id)).toEqual(before.article)
    expect(editor.review.review(id)).toEqual(before.review)
    expect(editor.revisions.list(id).length).toBe(before.versions)
  })
})

describe('purge', () => {
  it('erases the review’s words and the old versions from the database file and from the next export', () => {
    const id = handedIn()
    const secret = 'هاتف المصدر 0791234567'
    reporter.review.comment({ articleId: id, id: 'c-secret', body: secret, quote: 'الفقرة' })
    reporter.revisions.createManual(id)
    expect(reporter.revisions.list(id).length).toBeGreaterThan(0)
    const result = reporter.review.purge(id)
    expect(result.versions).toBeGreaterThan(0)
    expect(reporter.revisions.list(id)).toEqual([])
    expect(reporter.review.review(id).comments.every((c) => c.deleted && c.body === '' && c.quote === '')).toBe(true)
    expect(reporter.articles.get(id).bodyText).toContain('الفقرة الأولى.')
    // Not in the database file, its journal, or the next export.
    const files = readdirSync(dirs[0]!.dir).filter((f) => f.startsWith('qalam.db'))
    for (const f of files) expect(readFileSync(join(dirs[0]!.dir, f)).includes(Buffer.from('0791234567')), f).toBe(false)
    const exported = unzipSync(reporter.bundles.exportBundle(id))
    expect(strFromU8(exported['review.json']!)).not.toContain('0791234567')
    expect(JSON.parse(strFromU8(exported['revisions.json']!)).filter((r: { reason: string }) => r.reason !== 'exported')).toEqual([])
  })
})
