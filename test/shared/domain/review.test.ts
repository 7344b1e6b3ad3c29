import { describe, expect, it } from 'vitest'
import { mergeReview, normalizeReview, threadsOf, latestStatus, type ReviewComment } from '@shared/domain/review'

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
