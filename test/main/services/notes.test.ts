import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { fakeClock } from '../../support/fixtures'
import { desksPerTest, writeBody } from '../../support/desks'
import { body, paragraph } from '../../support/lexical'

const clock = fakeClock()
const desks = desksPerTest(clock)
const NOTE = 'المصدر: أبو خليل، هاتفه 0799123456، التقينا في مقهى الميناء'

describe('private notes', () => {
  it('are kept per article and an empty one is deleted', () => {
    const { reporter } = desks
    const a = reporter.articles.create('تهريب في الميناء')
    expect(reporter.notes.get(a.id)).toBeNull()
    expect(reporter.notes.save(a.id, NOTE)).toMatchObject({ body: NOTE })
    expect(reporter.notes.get(a.id)?.body).toBe(NOTE)
    expect(reporter.notes.save(a.id, '   ')).toBeNull()
    expect(reporter.notes.get(a.id)).toBeNull()
    expect(() => reporter.notes.get('7b0f5a58-0000-4000-8000-000000000000')).toThrow(/does not exist/)
  })

  it('never leave the machine: not in a bundle, a version, a duplicate or a search result', () => {
    const { reporter, editor } = desks
    const a = reporter.articles.create('تهريب في الميناء')
    writeBody(reporter, a.id, body(paragraph('نص الخبر المنشور.')))
    reporter.notes.save(a.id, NOTE)
    reporter.revisions.createManual(a.id)
    const bundle = reporter.bundles.exportBundle(a.id)
    for (const [name, bytes] of Object.entries(unzipSync(bundle))) expect(strFromU8(bytes), name).not.toContain('0799123456')
    editor.bundles.importBundle(bundle)
    expect(editor.notes.get(a.id)).toBeNull()
    for (const r of reporter.revisions.list(a.id)) expect(JSON.stringify(reporter.revisions.get(r.id))).not.toContain('0799123456')
    const copy = reporter.articles.duplicate(a.id)
    expect(reporter.notes.get(copy.id)).toBeNull()
    reporter.search.indexPending()
    expect(reporter.search.search('0799123456')).toEqual([])
    expect(reporter.search.search('مقهى')).toEqual([])
  })

  it('go with the article when it is deleted for good', () => {
    const { reporter } = desks
    const a = reporter.articles.create('مادة')
    reporter.notes.save(a.id, NOTE)
    reporter.articles.trash(a.id)
    reporter.articles.deleteForever(a.id)
    const left = reporter.store.connection().prepare('SELECT count(*) AS n FROM private_notes').get()
    expect(left).toEqual({ n: 0 })
  })
})
