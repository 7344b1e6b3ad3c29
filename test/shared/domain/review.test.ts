import { describe, expect, it } from 'vitest'
import { mergeReview, normalizeReview, outgoingReview, threadsOf, latestStatus, vouchedBySite, withoutDeskMarks, type ReviewComment } from '@shared/domain/review'

const c = (id: string, over: Partial<ReviewComment> = {}): ReviewComment => ({
  id,
  threadId: id,
  author: 'سلمى',
  body: `تعليق ${id}`,
  quote: 'نص',
  createdAt: 100,
  updatedAt: 100,
  resolved: false,
  resolvedBy: '',
  deleted: false,
  ...over
})

describe('review data merge', () => {
  it('keeps what either side added, and is the same whichever side merges', () => {
    const a = normalizeReview({
      comments: [c('a'), c('r1', { threadId: 'a', createdAt: 120, updatedAt: 120 })],
      history: [{ id: 'h1', from: 'draft', to: 'submitted', by: 'ليلى', at: 50, note: '' }]
    })
    const b = normalizeReview({
      comments: [c('a'), c('b', { createdAt: 110, updatedAt: 110 })],
      history: [{ id: 'h2', from: 'submitted', to: 'in_review', by: 'سلمى', at: 60, note: 'أبدأ' }]
    })
    const ab = mergeReview(a, b)
    expect(ab).toEqual(mergeReview(b, a))
    expect(ab.comments.map((x) => x.id)).toEqual(['a', 'b', 'r1'])
    expect(ab.history.map((h) => h.to)).toEqual(['submitted', 'in_review'])
    expect(latestStatus(ab)).toBe('in_review')
  })

  it('takes the later change of the same comment: a resolve made after a reopen wins, and a deletion travels', () => {
    const mine = normalizeReview({ comments: [c('a', { resolved: true, resolvedBy: 'ليلى', updatedAt: 300 }), c('b')], history: [] })
    const theirs = normalizeReview({ comments: [c('a', { resolved: false, updatedAt: 200 }), c('b', { deleted: true, updatedAt: 250 })], history: [] })
    const merged = mergeReview(mine, theirs)
    expect(merged.comments.find((x) => x.id === 'a')!.resolved).toBe(true)
    expect(threadsOf(merged).map((t) => t.id)).toEqual(['a'])
  })

  it('keeps the site’s mark of who sent an entry, whichever side’s later copy wins, and the same in either order', () => {
    const site = normalizeReview({
      comments: [c('a', { relayedBy: 'ليلى' })],
      history: [{ id: 'h1', from: 'draft', to: 'submitted', by: 'سلمى', at: 50, note: '', relayedBy: 'ليلى' }]
    })
    // Here the comment was resolved after the push (the later copy), and the machine never saw the mark.
    const here = normalizeReview({
      comments: [c('a', { resolved: true, resolvedBy: 'سلمى', updatedAt: 400 })],
      history: [{ id: 'h1', from: 'draft', to: 'submitted', by: 'سلمى', at: 50, note: '' }]
    })
    const merged = mergeReview(here, site)
    expect(merged).toEqual(mergeReview(site, here))
    expect(merged.comments[0]).toMatchObject({ resolved: true, relayedBy: 'ليلى' })
    expect(merged.history[0]!.relayedBy).toBe('ليلى')
    // An entry nobody relayed has no mark at all (so it compares equal to what older versions stored).
    expect(normalizeReview({ comments: [c('b', { relayedBy: '' })], history: [] }).comments[0]).not.toHaveProperty('relayedBy')
  })

  it('drops statuses it does not know and fills missing fields, so stored and received data compare alike', () => {
    const odd = normalizeReview({
      comments: [{ ...c('a'), resolvedBy: undefined as unknown as string }],
      history: [{ id: 'x', from: 'draft', to: 'printed' as never, by: 'س', at: 1, note: '' }]
    })
    expect(odd.history).toEqual([])
    expect(odd.comments[0]!.resolvedBy).toBe('')
    expect(normalizeReview(null)).toEqual({ comments: [], history: [] })
  })

  it('groups replies under their thread in order', () => {
    const data = normalizeReview({ comments: [c('t'), c('r2', { threadId: 't', createdAt: 300 }), c('r1', { threadId: 't', createdAt: 200 })], history: [] })
    expect(threadsOf(data)[0]!.comments.map((x) => x.id)).toEqual(['t', 'r1', 'r2'])
  })
})

describe('status moves the site did not vouch for', () => {
  const h = (id: string, from: string, to: string, at: number, over: Record<string, unknown> = {}) =>
    ({ id, from, to, by: 'رئيس التحرير', at, note: '', ...over }) as ReturnType<typeof normalizeReview>['history'][number]
  const local = normalizeReview({ history: [h('h1', 'draft', 'submitted', 10)] })

  it('an approval from the site without the plugin’s user stamp is kept in the history but never becomes the status', () => {
    const site = normalizeReview({ history: [h('h1', 'draft', 'submitted', 10), h('forged', 'submitted', 'approved', 20)] })
    const merged = mergeReview(local, vouchedBySite(site, local))
    expect(merged.history.map((x) => x.id)).toEqual(['h1', 'forged'])
    expect(merged.history[1]).toMatchObject({ unvouched: true })
    expect(latestStatus(merged)).toBe('submitted')
    // A later pull of the same site data does not wash the mark off.
    const again = mergeReview(merged, vouchedBySite(site, merged))
    expect(latestStatus(again)).toBe('submitted')
  })

  it('an approval the plugin stamped with its sender counts, and so does one this desk made itself', () => {
    const site = normalizeReview({ history: [h('h1', 'draft', 'submitted', 10), h('real', 'submitted', 'approved', 20, { userId: 3 })] })
    expect(latestStatus(mergeReview(local, vouchedBySite(site, local)))).toBe('approved')
    const own = normalizeReview({ history: [h('h1', 'draft', 'submitted', 10), h('mine', 'submitted', 'approved', 20)] })
    expect(latestStatus(mergeReview(own, vouchedBySite(own, own)))).toBe('approved')
  })

  it('moves that need no editor are taken as before; the desk’s mark never leaves the desk, nor a user ID in a file', () => {
    const site = normalizeReview({ history: [h('h1', 'draft', 'submitted', 10), h('h2', 'submitted', 'in_review', 20)] })
    expect(latestStatus(mergeReview(local, vouchedBySite(site, local)))).toBe('in_review')
    const marked = mergeReview(local, vouchedBySite(normalizeReview({ history: [h('f', 'submitted', 'published', 30, {})] }), local))
    expect(withoutDeskMarks(marked).history.some((x) => 'unvouched' in x)).toBe(false)
    const stamped = normalizeReview({ history: [h('s', 'submitted', 'approved', 30, { userId: 9 })] })
    expect(outgoingReview(stamped).history[0]).not.toHaveProperty('userId')
  })
})
