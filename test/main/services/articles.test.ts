import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AUTO_REVISION_INTERVAL_MS, AUTO_REVISIONS_KEPT } from '@main/services/articles'
import type { Services } from '@main/services'
import { tempDir } from '../../support/temp'
import { draftOf, fakeClock, servicesIn, testPlatform } from '../../support/fixtures'

let tmp: ReturnType<typeof tempDir>
let services: Services
let clock: ReturnType<typeof fakeClock>
beforeEach(() => {
  tmp = tempDir()
  clock = fakeClock()
  services = servicesIn(tmp.dir, testPlatform({ clock }))
})
afterEach(() => {
  services.close()
  tmp.remove()
})

describe('articles', () => {
  it('creates drafts with a UUID made on this machine and an empty RTL document', () => {
    const a = services.articles.create()
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(a.status).toBe('draft')
    expect(JSON.parse(a.body).root.direction).toBe('rtl')
    expect(services.articles.get(a.id)).toEqual(a)
  })

  it('autosaves content, counts Arabic words and keeps the newest edit first', () => {
    const first = services.articles.create()
    clock.advance(1000)
    const second = services.articles.create()
    clock.advance(1000)
    const result = services.articles.save(draftOf(first.id, 'انفجار في المرفأ', 'قال شهود عيان إن الانفجار وقع صباحًا', 'وأضافوا أن Apple أغلقت متجرها'))
    expect(result).toEqual({ savedAt: clock.now(), saveCount: 1, wordCount: 12 })
    const saved = services.articles.get(first.id)
    expect(saved.title).toBe('انفجار في المرفأ')
    expect(saved.bodyText).toContain('Apple')
    expect(services.articles.list({}).map((a) => a.id)).toEqual([first.id, second.id])
  })

  it('keeps metadata and the caret', () => {
    const a = services.articles.create()
    const draft = {
      ...draftOf(a.id, 'ت', 'نص'),
      meta: {
        byline: 'مراسلنا',
        dateline: 'بيروت',
        categories: ['سياسة', 'لبنان'],
        tags: ['انتخابات'],
        slug: 'beirut-vote',
        label: 'خاص',
        featuredImage: '',
        publishAt: Date.UTC(2026, 11, 1, 6, 0)
      },
      caret: { path: [0, 0], offset: 2 }
    }
    services.articles.save(draft)
    const saved = services.articles.get(a.id)
    expect(saved.meta).toEqual(draft.meta)
    expect(saved.caret).toEqual({ path: [0, 0], offset: 2 })
    const before = saved.updatedAt
    clock.advance(5000)
    services.articles.saveCaret(a.id, { path: [0, 0], offset: 1 })
    expect(services.articles.get(a.id).caret).toEqual({ path: [0, 0], offset: 1 })
    expect(services.articles.get(a.id).updatedAt).toBe(before)
  })

  it('finds by title, including Arabic and LIKE wildcards literally, and filters by status', () => {
    const a = services.articles.create('أسعار النفط ترتفع')
    services.articles.create('نتائج الدوري')
    const pct = services.articles.create('نسبة 50% من الأصوات')
    expect(services.articles.list({ query: 'النفط' }).map((x) => x.id)).toEqual([a.id])
    expect(services.articles.list({ query: '%' }).map((x) => x.id)).toEqual([pct.id])
    expect(services.articles.list({ status: 'draft' })).toHaveLength(3)
    expect(services.articles.list({ status: 'published' })).toHaveLength(0)
  })

  it('duplicates an article as a new draft', () => {
    const a = services.articles.create()
    services.articles.save(draftOf(a.id, 'الأصل', 'فقرة'))
    const copy = services.articles.duplicate(a.id)
    expect(copy.id).not.toBe(a.id)
    expect(copy.title).toBe('الأصل (نسخة)')
    expect(copy.body).toBe(services.articles.get(a.id).body)
    expect(services.articles.list({})).toHaveLength(2)
  })

  it('trashes with a snapshot, restores, and deletes for good only from the trash', () => {
    const a = services.articles.create()
    services.articles.save(draftOf(a.id, 'مادة', 'نص المادة'))
    expect(() => services.articles.deleteForever(a.id)).toThrow(/only an article in the trash/)
    services.articles.trash(a.id)
    expect(services.articles.list({})).toHaveLength(0)
    expect(services.articles.list({ view: 'trash' }).map((x) => x.id)).toEqual([a.id])
    expect(services.revisions.list(a.id).map((r) => r.reason)).toEqual(['before-trash'])
    expect(() => services.articles.save(draftOf(a.id, 'x'))).toThrow(/trashed/)
    services.articles.restore(a.id)
    expect(services.articles.list({}).map((x) => x.id)).toEqual([a.id])
    services.articles.trash(a.id)
    services.articles.deleteForever(a.id)
    expect(() => services.articles.get(a.id)).toThrow(/does not exist/)
    expect(services.store.connection().prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 0 })
  })

  it('leaves an automatic snapshot every interval during a long session, and prunes old ones', () => {
    const a = services.articles.create()
    services.articles.save(draftOf(a.id, 't', 'v0'))
    expect(services.revisions.list(a.id)).toHaveLength(0)
    clock.advance(AUTO_REVISION_INTERVAL_MS)
    services.articles.save(draftOf(a.id, 't', 'v1'))
    expect(services.revisions.list(a.id).map((r) => r.reason)).toEqual(['auto'])
    clock.advance(60_000)
    services.articles.save(draftOf(a.id, 't', 'v2'))
    expect(services.revisions.list(a.id)).toHaveLength(1)
    // Unchanged content after the interval leaves no duplicate snapshot.
    clock.advance(AUTO_REVISION_INTERVAL_MS)
    services.articles.save(draftOf(a.id, 't', 'v1'))
    expect(services.revisions.list(a.id)).toHaveLength(1)
    for (let i = 0; i < AUTO_REVISIONS_KEPT + 5; i++) {
      clock.advance(AUTO_REVISION_INTERVAL_MS)
      services.articles.save(draftOf(a.id, 't', `v${i + 10}`))
    }
    services.revisions.createManual(a.id)
    const reasons = services.revisions.list(a.id).map((r) => r.reason)
    expect(reasons.filter((r) => r === 'auto')).toHaveLength(AUTO_REVISIONS_KEPT)
    expect(reasons.filter((r) => r === 'manual')).toHaveLength(1)
  })
})

describe('revisions', () => {
  it('restores a snapshot and snapshots what it replaces', () => {
    const a = services.articles.create()
    services.articles.save(draftOf(a.id, 'النسخة الأولى', 'نص أول'))
    clock.advance(1000)
    const first = services.revisions.createManual(a.id)
    clock.advance(1000)
    services.articles.save(draftOf(a.id, 'النسخة الثانية', 'نص ثان مختلف'))
    const restored = services.revisions.restore(first.id)
    expect(restored.title).toBe('النسخة الأولى')
    expect(restored.bodyText).toBe('نص أول')
    const list = services.revisions.list(a.id)
    expect(list[0]!.reason).toBe('before-restore')
    expect(services.revisions.get(list[0]!.id).bodyText).toBe('نص ثان مختلف')
  })

  it('answers NOT_FOUND for revisions that do not exist', () => {
    expect(() => services.revisions.get(crypto.randomUUID())).toThrow(/does not exist/)
  })
})
