import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatcher, type Dispatch } from '@main/ipc/dispatch'
import { createHandlers } from '@main/ipc/handlers'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'
import { fakeClock, servicesIn, testPlatform } from '../../support/fixtures'
import { tempDir } from '../../support/temp'
import { body, paragraph, suggestion, textOf } from '../../support/lexical'
import { countWords } from '@shared/arabic/count'

let tmp: ReturnType<typeof tempDir>
let services: Services
let dispatch: Dispatch
const clock = fakeClock()
const T = '55555555-5555-4555-8555-555555555555'
beforeEach(() => {
  tmp = tempDir()
  services = servicesIn(tmp.dir, testPlatform({ clock }))
  dispatch = createDispatcher(createHandlers(services), () => {})
})
afterEach(() => {
  services.close()
  tmp.remove()
})

function write(id: string, json: string) {
  const text = textOf(json)
  const current = services.articles.get(id)
  services.articles.save({ id, title: current.title, standfirst: '', body: json, bodyText: text, wordCount: countWords(text), meta: current.meta, caret: null })
}

const reasonOf = (work: () => unknown) => {
  try {
    work()
  } catch (error) {
    return error instanceof AppError ? (error.reason ?? error.code) : String(error)
  }
  return 'ok'
}

describe('the review service', () => {
  it('takes the local name and role when the article has no site, and checks moves against them', () => {
    const a = services.articles.create('خبر')
    expect(services.review.identity(a.id)).toEqual({ name: '', role: 'reporter', source: 'local', bridge: null })
    services.settings.update({ userName: 'ليلى' })
    expect(reasonOf(() => services.review.transition(a.id, 'in_review', ''))).toBe('not-allowed')
    services.review.transition(a.id, 'submitted', ' جاهز ')
    expect(reasonOf(() => services.review.transition(a.id, 'in_review', ''))).toBe('role')
    services.settings.update({ userName: 'سلمى', role: 'editor' })
    clock.advance(60_000)
    services.review.transition(a.id, 'in_review', '')
    write(a.id, body(paragraph('نص ', suggestion('s', 'insert', 'سلمى', 'مقترح'))))
    expect(reasonOf(() => services.review.transition(a.id, 'approved', ''))).toBe('open-suggestions')
    expect(services.review.review(a.id).history.map((h) => [h.from, h.to, h.by, h.note])).toEqual([
      ['draft', 'submitted', 'ليلى', 'جاهز'],
      ['submitted', 'in_review', 'سلمى', '']
    ])
    expect(services.articles.get(a.id).status).toBe('in_review')
    services.articles.trash(a.id)
    expect(reasonOf(() => services.review.transition(a.id, 'changes_requested', ''))).toBe('INVALID_STATE')
  })

  it('keeps threads: replies only to an existing thread of the same article, deletion only by the author, and a tombstone', () => {
    const a = services.articles.create('خبر')
    const b = services.articles.create('آخر')
    services.settings.update({ userName: 'سلمى' })
    services.review.comment({ articleId: a.id, id: T, body: 'سؤال', quote: 'نص' })
    expect(reasonOf(() => services.review.comment({ articleId: b.id, id: '66666666-6666-4666-8666-666666666666', threadId: T, body: 'رد في مكان آخر' }))).toBe('NOT_FOUND')
    expect(reasonOf(() => services.review.comment({ articleId: a.id, id: T, body: 'مرة أخرى' }))).toBe('INVALID_STATE')
    services.settings.update({ userName: 'ليلى' })
    expect(reasonOf(() => services.review.deleteComment(T))).toBe('INVALID_STATE')
    const resolved = services.review.setResolved(T, true)
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: 'ليلى' })
    services.settings.update({ userName: 'سلمى' })
    services.review.deleteComment(T)
    const stored = services.review.review(a.id).comments
    expect(stored).toHaveLength(1)
    expect(stored[0]!.deleted).toBe(true)
  })

  it('lists the queue longest waiting first, filtered by status and author', () => {
    services.settings.update({ userName: 'ليلى' })
    const first = services.articles.create('الأول')
    services.review.transition(first.id, 'submitted', '')
    clock.advance(60_000)
    services.settings.update({ userName: 'كريم' })
    const second = services.articles.create('الثاني')
    write(second.id, body('نص من ثلاث كلمات'))
    services.review.transition(second.id, 'submitted', '')
    services.articles.create('مسودة لا تظهر')
    expect(services.review.queue({}).map((q) => [q.title, q.author, q.wordCount])).toEqual([
      ['الأول', 'ليلى', 0],
      ['الثاني', 'كريم', 4]
    ])
    expect(services.review.queue({ author: 'كريم' }).map((q) => q.title)).toEqual(['الثاني'])
    expect(services.review.queue({ status: 'in_review' })).toEqual([])
  })

  it('refuses malformed review payloads at the IPC boundary', async () => {
    const a = services.articles.create('خبر')
    for (const [channel, payload] of [
      ['review:comment', { articleId: a.id, id: T, body: '   ' }],
      ['review:comment', { articleId: a.id, id: 'not-a-uuid', body: 'x' }],
      ['review:transition', { articleId: a.id, to: 'printed' }],
      ['revisions:diff', { articleId: a.id, from: { kind: 'site', id: -1 }, to: { kind: 'current' } }],
      ['review:queue', { status: 'draft', extra: true }]
    ] as const) {
      const answer = await dispatch(channel, payload, { trusted: true })
      expect(answer, channel).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    }
    const refused = await dispatch('review:transition', { articleId: a.id, to: 'published' }, { trusted: true })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', reason: 'not-allowed' } })
    expect(services.review.review(a.id)).toEqual({ articleId: a.id, comments: [], history: [] })
  })
})
