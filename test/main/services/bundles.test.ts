import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { fakeClock } from '../../support/fixtures'
import { desksPerTest, refusal, writeBody } from '../../support/desks'
import { tinyPng } from '../../support/images'
import { forgeBundle } from '../../support/zip'
import { body, image, mark, paragraph, suggestion } from '../../support/lexical'
import { PHOTOS_DIR, expectedPhotos, havePhotos } from '../../support/photos'

const clock = fakeClock()
const desks = desksPerTest(clock)
const write = writeBody

/** The reporter's article with an image, handed in. */
function handedIn(): string {
  const png = join(desks.dirs[0]!, 'port.png')
  writeFileSync(png, tinyPng(60, 40))
  const image = desks.reporter.media.importFile(png)
  const a = desks.reporter.articles.create('انفجار في المرفأ')
  write(desks.reporter, a.id, body('الفقرة الأولى عن الانفجار.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق.'))
  const current = desks.reporter.articles.get(a.id)
  desks.reporter.articles.save({ ...current, meta: { ...current.meta, featuredImage: image.id }, caret: null })
  clock.advance(1000)
  desks.reporter.review.transition(a.id, 'submitted', 'جاهز')
  return a.id
}

describe('.qalam bundles', () => {
  it('carries an article, its image, review data and revisions to another machine with the same id', () => {
    const id = handedIn()
    const bytes = desks.reporter.bundles.exportBundle(id)
    const result = desks.editor.bundles.importBundle(bytes)
    expect(result).toMatchObject({ articleId: id, outcome: 'created' })
    const there = desks.editor.articles.get(id)
    expect(there.title).toBe('انفجار في المرفأ')
    expect(there.bodyText).toContain('الفقرة الثالثة عن التحقيق.')
    expect(there.status).toBe('submitted')
    expect(there.meta.featuredImage).not.toBe('')
    expect(desks.editor.media.has(there.meta.featuredImage)).toBe(true)
    expect(desks.editor.review.review(id).history).toMatchObject([{ from: 'draft', to: 'submitted', by: 'ليلى', note: 'جاهز' }])
    expect(desks.editor.revisions.list(id).map((r) => r.reason)).toContain('exported')
    expect(desks.editor.review.queue({}).map((q) => [q.id, q.author, q.status])).toEqual([[id, 'ليلى', 'submitted']])
  })

  it('carries the pictures of older versions too, so restoring one there shows its image', () => {
    const id = handedIn()
    const before = desks.reporter.articles.get(id).meta.featuredImage
    desks.reporter.revisions.createManual(id)
    const other = join(desks.dirs[0]!, 'crowd.png')
    writeFileSync(other, tinyPng(80, 50))
    const replaced = desks.reporter.media.importFile(other)
    const current = desks.reporter.articles.get(id)
    desks.reporter.articles.save({ ...current, meta: { ...current.meta, featuredImage: replaced.id }, caret: null })
    desks.editor.bundles.importBundle(desks.reporter.bundles.exportBundle(id))
    const old = desks.editor.revisions.list(id).find((r) => desks.editor.revisions.get(r.id).meta.featuredImage === before)
    expect(old).toBeDefined()
    expect(desks.editor.revisions.restore(old!.id).meta.featuredImage).toBe(before)
    expect(desks.editor.media.has(before)).toBe(true)
    expect(desks.editor.media.has(replaced.id)).toBe(true)
  })

  it('brings the desks.editor’s comments, suggestions and status back and merges them with what the desks.reporter wrote meanwhile', () => {
    const id = handedIn()
    desks.editor.bundles.importBundle(desks.reporter.bundles.exportBundle(id))
    clock.advance(1000)
    desks.editor.review.transition(id, 'in_review', '')
    // The desks.editor anchors a comment on the first paragraph and suggests a word in the second.
    write(
      desks.editor,
      id,
      body(
        paragraph(mark(['11111111-1111-4111-8111-111111111111'], ['الفقرة الأولى']), ' عن الانفجار.'),
        paragraph('الفقرة الثانية عن ', suggestion('s1', 'delete', 'سلمى', 'الضحايا'), suggestion('s2', 'insert', 'سلمى', 'القتلى'), '.'),
        'فقرة عن الشهود.',
        'الفقرة الثالثة عن التحقيق.'
      )
    )
    desks.editor.review.comment({ articleId: id, id: '11111111-1111-4111-8111-111111111111', body: 'من المصدر؟', quote: 'الفقرة الأولى' })
    clock.advance(1000)
    desks.editor.review.transition(id, 'changes_requested', 'المصدر والأرقام')
    // Meanwhile the desks.reporter adds to the last paragraph.
    write(desks.reporter, id, body('الفقرة الأولى عن الانفجار.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق والنيابة.'))
    clock.advance(1000)
    const result = desks.reporter.bundles.importBundle(desks.editor.bundles.exportBundle(id))
    expect(result.outcome).toBe('merged')
    const merged = desks.reporter.articles.get(id)
    expect(merged.body).toContain('11111111-1111-4111-8111-111111111111')
    expect(merged.body).toContain('"suggestionId":"s2"')
    expect(merged.bodyText).toContain('التحقيق والنيابة')
    expect(merged.status).toBe('changes_requested')
    const review = desks.reporter.review.review(id)
    expect(review.comments.map((c) => c.body)).toEqual(['من المصدر؟'])
    expect(review.history.map((h) => h.to)).toEqual(['submitted', 'in_review', 'changes_requested'])
    expect(desks.reporter.revisions.list(id).map((r) => r.reason)).toContain('before-import')

    // The desks.reporter replies and resubmits; the round trip back merges on the editor's side too.
    desks.reporter.review.comment({ articleId: id, id: '22222222-2222-4222-8222-222222222222', threadId: '11111111-1111-4111-8111-111111111111', body: 'وكالة الأنباء الرسمية' })
    clock.advance(1000)
    desks.reporter.review.transition(id, 'submitted', '')
    expect(desks.editor.bundles.importBundle(desks.reporter.bundles.exportBundle(id)).outcome).toBe('merged')
    expect(desks.editor.articles.get(id).bodyText).toContain('التحقيق والنيابة')
    expect(desks.editor.review.review(id).comments.map((c) => c.body)).toEqual(['من المصدر؟', 'وكالة الأنباء الرسمية'])
    expect(desks.editor.articles.get(id).status).toBe('submitted')
  })

  it('keeps this machine’s words where both changed the same paragraph, and the incoming version as a revision', () => {
    const id = handedIn()
    desks.editor.bundles.importBundle(desks.reporter.bundles.exportBundle(id))
    write(desks.editor, id, body('الفقرة الأولى بصياغة المحررة.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق.'))
    write(desks.reporter, id, body('الفقرة الأولى بصياغة المراسلة.', 'الفقرة الثانية عن الضحايا.', 'فقرة عن الشهود.', 'الفقرة الثالثة عن التحقيق.'))
    const result = desks.reporter.bundles.importBundle(desks.editor.bundles.exportBundle(id))
    expect(result).toMatchObject({ outcome: 'conflict', conflicts: 1 })
    expect(desks.reporter.articles.get(id).bodyText).toContain('بصياغة المراسلة')
    const kept = desks.reporter.revisions.list(id).find((r) => r.reason === 'imported')!
    expect(desks.reporter.revisions.get(kept.id).bodyText).toContain('بصياغة المحررة')
  })

  it('refuses a tampered, truncated or foreign file and changes nothing', () => {
    const id = handedIn()
    const bytes = desks.reporter.bundles.exportBundle(id)
    const files = unzipSync(bytes)
    const article = JSON.parse(strFromU8(files['article.json']!)) as { title: string }
    article.title = 'عنوان مزوّر'
    const tampered = zipSync({ ...files, 'article.json': strToU8(JSON.stringify(article)) })
    expect(refusal(() => desks.editor.bundles.importBundle(tampered))).toBe('tampered')
    expect(refusal(() => desks.editor.bundles.importBundle(bytes.subarray(0, Math.floor(bytes.length / 2))))).toBe('truncated')
    expect(refusal(() => desks.editor.bundles.importBundle(strToU8('{"not":"a zip"}')))).toBe('not-a-bundle')
    const extra = zipSync({ ...files, 'media/evil.sh': strToU8('rm -rf /') })
    expect(refusal(() => desks.editor.bundles.importBundle(extra))).toBe('tampered')
    const newer = zipSync({ ...files, 'manifest.json': strToU8(strFromU8(files['manifest.json']!).replace('"version": 1', '"version": 9')) })
    expect(refusal(() => desks.editor.bundles.importBundle(newer))).toBe('newer-version')
    expect(desks.editor.articles.list({})).toEqual([])
    // The same refusals on the machine that has the article leave it as it was.
    const before = desks.reporter.articles.get(id)
    expect(refusal(() => desks.reporter.bundles.importBundle(tampered))).toBe('tampered')
    expect(desks.reporter.articles.get(id)).toEqual(before)
  })
})

describe.skipIf(!havePhotos)('.qalam bundles and photos', () => {
  it('a photo with its GPS in a bundle (from an older Qalam, or forged) is cleaned on the way in and renamed where the article names it', () => {
    const id = handedIn()
    const photo = expectedPhotos().find((p) => p.file.startsWith('jpeg-nikon-d2x'))!
    const raw = readFileSync(join(PHOTOS_DIR, photo.file))
    const rawId = `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}.jpg`
    const forged = forgeBundle(
      desks.reporter.bundles.exportBundle(id),
      (files) => {
        const article = files['article.json'] as { body: string; meta: { featuredImage: string } }
        article.meta.featuredImage = rawId
        article.body = body(paragraph('نص'), image(rawId, 'النصب'))
      },
      { [`media/${rawId}`]: raw }
    )
    desks.editor.bundles.importBundle(forged)
    const there = desks.editor.articles.get(id)
    const cleanId = there.meta.featuredImage
    expect(cleanId).not.toBe(rawId)
    expect(there.body).toContain(cleanId)
    expect(there.body).not.toContain(rawId)
    expect(desks.editor.media.has(rawId)).toBe(false)
    const stored = desks.editor.media.read(cleanId)!
    for (const text of [...photo.asciiMustNotSurvive, ...photo.locationText]) expect(stored.includes(Buffer.from(text, 'latin1')), text).toBe(false)
  })

  it('a bundle whose image cannot be cleaned is refused whole', () => {
    const id = handedIn()
    const junk = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78])
    const junkId = `${createHash('sha256').update(junk).digest('hex').slice(0, 32)}.jpg`
    const forged = forgeBundle(desks.reporter.bundles.exportBundle(id), () => {}, { [`media/${junkId}`]: junk })
    expect(refusal(() => desks.editor.bundles.importBundle(forged))).toBe('invalid-content')
    expect(desks.editor.articles.list({})).toEqual([])
  })
})
