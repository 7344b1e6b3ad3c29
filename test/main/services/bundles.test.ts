import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { servicesIn, testPlatform, fakeClock } from '../../support/fixtures'
import { tempDir } from '../../support/temp'
import { tinyPng } from '../../support/images'
import { body, mark, paragraph, suggestion, textOf } from '../../support/lexical'
import { countWords } from '@shared/arabic/count'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'

let dirs: ReturnType<typeof tempDir>[] = []
let reporter: Services
let editor: Services
const clock = fakeClock()

function write(services: Services, id: string, json: string, title?: string): void {
  const current = services.articles.get(id)
  const bodyText = textOf(json)
  services.articles.save({
    id,
    title: title ?? current.title,
    standfirst: current.standfirst,
    body: json,
    bodyText,
    wordCount: countWords(bodyText),
    meta: current.meta,
    caret: null
  })
}

function refusal(work: () => unknown): string | undefined {
  try {
    work()
  } catch (error) {
    if (error instanceof AppError) return error.reason
    throw error
  }
  return undefined
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

/** The reporter's article with an image, handed in. */
function handedIn(): string {
  const png = join(dirs[0]!.dir, 'port.png')
  writeFileSync(png, tinyPng(60, 40))
  const image = reporter.media.importFile(png)
  const a = reporter.articles.create('انفجار في المرفأ')
  write(reporter, a.id, body('الفقرة الأولى عن الانفجار.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق.'))
  const current = reporter.articles.get(a.id)
  reporter.articles.save({ ...current, meta: { ...current.meta, featuredImage: image.id }, caret: null })
  clock.advance(1000)
  reporter.review.transition(a.id, 'submitted', 'جاهز')
  return a.id
}

describe('.qalam bundles', () => {
  it('carries an article, its image, review data and revisions to another machine with the same id', () => {
    const id = handedIn()
    const bytes = reporter.bundles.exportBundle(id)
    const result = editor.bundles.importBundle(bytes)
    expect(result).toMatchObject({ articleId: id, outcome: 'created' })
    const there = editor.articles.get(id)
    expect(there.title).toBe('انفجار في المرفأ')
    expect(there.bodyText).toContain('الفقرة الثالثة عن التحقيق.')
    expect(there.status).toBe('submitted')
    expect(there.meta.featuredImage).not.toBe('')
    expect(existsSync(editor.media.pathOf(there.meta.featuredImage)!)).toBe(true)
    expect(editor.review.review(id).history).toMatchObject([{ from: 'draft', to: 'submitted', by: 'ليلى', note: 'جاهز' }])
    expect(editor.revisions.list(id).map((r) => r.reason)).toContain('exported')
    expect(editor.review.queue({}).map((q) => [q.id, q.author, q.status])).toEqual([[id, 'ليلى', 'submitted']])
  })

  it('carries the pictures of older versions too, so restoring one there shows its image', () => {
    const id = handedIn()
    const before = reporter.articles.get(id).meta.featuredImage
    reporter.revisions.createManual(id)
    const other = join(dirs[0]!.dir, 'crowd.png')
    writeFileSync(other, tinyPng(80, 50))
    const replaced = reporter.media.importFile(other)
    const current = reporter.articles.get(id)
    reporter.articles.save({ ...current, meta: { ...current.meta, featuredImage: replaced.id }, caret: null })
    editor.bundles.importBundle(reporter.bundles.exportBundle(id))
    const old = editor.revisions.list(id).find((r) => editor.revisions.get(r.id).meta.featuredImage === before)
    expect(old).toBeDefined()
    expect(editor.revisions.restore(old!.id).meta.featuredImage).toBe(before)
    expect(existsSync(editor.media.pathOf(before)!)).toBe(true)
    expect(existsSync(editor.media.pathOf(replaced.id)!)).toBe(true)
  })

  it('brings the editor’s comments, suggestions and status back and merges them with what the reporter wrote meanwhile', () => {
    const id = handedIn()
    editor.bundles.importBundle(reporter.bundles.exportBundle(id))
    clock.advance(1000)
    editor.review.transition(id, 'in_review', '')
    // The editor anchors a comment on the first paragraph and suggests a word in the second.
    write(
      editor,
      id,
      body(
        paragraph(mark(['11111111-1111-4111-8111-111111111111'], ['الفقرة الأولى']), ' عن الانفجار.'),
        paragraph('الفقرة الثانية عن ', suggestion('s1', 'delete', 'سلمى', 'الضحايا'), suggestion('s2', 'insert', 'سلمى', 'القتلى'), '.'),
        'فقرة عن الشهود.',
        'الفقرة الثالثة عن التحقيق.'
      )
    )
    editor.review.comment({ articleId: id, id: '11111111-1111-4111-8111-111111111111', body: 'من المصدر؟', quote: 'الفقرة الأولى' })
    clock.advance(1000)
    editor.review.transition(id, 'changes_requested', 'المصدر والأرقام')
    // Meanwhile the reporter adds to the last paragraph.
    write(reporter, id, body('الفقرة الأولى عن الانفجار.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق والنيابة.'))
    clock.advance(1000)
    const result = reporter.bundles.importBundle(editor.bundles.exportBundle(id))
    expect(result.outcome).toBe('merged')
    const merged = reporter.articles.get(id)
    expect(merged.body).toContain('11111111-1111-4111-8111-111111111111')
    expect(merged.body).toContain('"suggestionId":"s2"')
    expect(merged.bodyText).toContain('التحقيق والنيابة')
    expect(merged.status).toBe('changes_requested')
    const review = reporter.review.review(id)
    expect(review.comments.map((c) => c.body)).toEqual(['من المصدر؟'])
    expect(review.history.map((h) => h.to)).toEqual(['submitted', 'in_review', 'changes_requested'])
    expect(reporter.revisions.list(id).map((r) => r.reason)).toContain('before-import')

    // The reporter replies and resubmits; the round trip back merges on the editor's side too.
    reporter.review.comment({ articleId: id, id: '22222222-2222-4222-8222-222222222222', threadId: '11111111-1111-4111-8111-111111111111', body: 'وكالة الأنباء الرسمية' })
    clock.advance(1000)
    reporter.review.transition(id, 'submitted', '')
    expect(editor.bundles.importBundle(reporter.bundles.exportBundle(id)).outcome).toBe('merged')
    expect(editor.articles.get(id).bodyText).toContain('التحقيق والنيابة')
    expect(editor.review.review(id).comments.map((c) => c.body)).toEqual(['من المصدر؟', 'وكالة الأنباء الرسمية'])
    expect(editor.articles.get(id).status).toBe('submitted')
  })

  it('keeps this machine’s words where both changed the same paragraph, and the incoming version as a revision', () => {
    const id = handedIn()
    editor.bundles.importBundle(reporter.bundles.exportBundle(id))
    write(editor, id, body('الفقرة الأولى بصياغة المحررة.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق.'))
    write(reporter, id, body('الفقرة الأولى بصياغة المراسلة.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق.'))
    const result = reporter.bundles.importBundle(editor.bundles.exportBundle(id))
    expect(result).toMatchObject({ outcome: 'conflict', conflicts: 1 })
    expect(reporter.articles.get(id).bodyText).toContain('بصياغة المراسلة')
    const kept = reporter.revisions.list(id).find((r) => r.reason === 'imported')!
    expect(reporter.revisions.get(kept.id).bodyText).toContain('بصياغة المحررة')
  })

  it('refuses a tampered, truncated or foreign file and changes nothing', () => {
    const id = handedIn()
    const bytes = reporter.bundles.exportBundle(id)
    const files = unzipSync(bytes)
    const article = JSON.parse(strFromU8(files['article.json']!)) as { title: string }
    article.title = 'عنوان مزوّر'
    const tampered = zipSync({ ...files, 'article.json': strToU8(JSON.stringify(article)) })
    expect(refusal(() => editor.bundles.importBundle(tampered))).toBe('tampered')
    expect(refusal(() => editor.bundles.importBundle(bytes.subarray(0, Math.floor(bytes.length / 2))))).toBe('truncated')
    expect(refusal(() => editor.bundles.importBundle(strToU8('{"not":"a zip"}')))).toBe('not-a-bundle')
    const extra = zipSync({ ...files, 'media/evil.sh': strToU8('rm -rf /') })
    expect(refusal(() => editor.bundles.importBundle(extra))).toBe('tampered')
    const newer = zipSync({ ...files, 'manifest.json': strToU8(strFromU8(files['manifest.json']!).replace('"version": 1', '"version": 9')) })
    expect(refusal(() => editor.bundles.importBundle(newer))).toBe('newer-version')
    expect(editor.articles.list({})).toEqual([])
    // The same refusals on the machine that has the article leave it as it was.
    const before = reporter.articles.get(id)
    expect(refusal(() => reporter.bundles.importBundle(tampered))).toBe('tampered')
    expect(reporter.articles.get(id)).toEqual(before)
  })
})
