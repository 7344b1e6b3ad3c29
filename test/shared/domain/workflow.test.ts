import { describe, expect, it } from 'vitest'
import { ARTICLE_STATUSES } from '@shared/domain/article'
import { checkTransition, nextStatuses, TRANSITIONS } from '@shared/domain/workflow'

const clean = { openSuggestions: 0, publishAt: null }

describe('workflow rules', () => {
  it('lets a reporter hand a draft in, take it back, and resubmit after changes, and nothing an editor decides', () => {
    expect(nextStatuses('draft', 'reporter')).toEqual(['submitted'])
    expect(nextStatuses('submitted', 'reporter')).toEqual(['draft'])
    expect(nextStatuses('changes_requested', 'reporter')).toEqual(['submitted'])
    for (const from of ['in_review', 'approved', 'scheduled', 'published', 'spiked'] as const) expect(nextStatuses(from, 'reporter')).toEqual([])
    expect(checkTransition('in_review', 'approved', 'reporter', clean)).toEqual({ ok: false, reason: 'role' })
    expect(checkTransition('draft', 'spiked', 'reporter', clean)).toEqual({ ok: false, reason: 'role' })
  })

  it('takes an article through review to publication as an editor', () => {
    const path = ['draft', 'submitted', 'in_review', 'changes_requested', 'submitted', 'in_review', 'approved', 'scheduled', 'published'] as const
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1]!, path[i]!, 'editor', { openSuggestions: 0, publishAt: 1 })).toEqual({ ok: true })
  })

  it('refuses moves that skip review, leave publication, or repeat the status', () => {
    expect(checkTransition('draft', 'published', 'editor', clean)).toEqual({ ok: false, reason: 'not-allowed' })
    expect(checkTransition('draft', 'approved', 'editor', clean)).toEqual({ ok: false, reason: 'not-allowed' })
    expect(checkTransition('published', 'draft', 'editor', clean)).toEqual({ ok: false, reason: 'not-allowed' })
    expect(checkTransition('published', 'spiked', 'editor', clean)).toEqual({ ok: false, reason: 'not-allowed' })
    expect(checkTransition('approved', 'approved', 'editor', clean)).toEqual({ ok: false, reason: 'same-status' })
  })

  it('does not approve or publish with open suggestions, nor schedule without a time', () => {
    expect(checkTransition('in_review', 'approved', 'editor', { openSuggestions: 2, publishAt: null })).toEqual({ ok: false, reason: 'open-suggestions' })
    expect(checkTransition('approved', 'published', 'editor', { openSuggestions: 1, publishAt: null })).toEqual({ ok: false, reason: 'open-suggestions' })
    expect(checkTransition('in_review', 'changes_requested', 'editor', { openSuggestions: 5, publishAt: null })).toEqual({ ok: true })
    expect(checkTransition('approved', 'scheduled', 'editor', clean)).toEqual({ ok: false, reason: 'needs-publish-time' })
  })

  it('can spike anything not yet published and revive it as a draft', () => {
    for (const from of ARTICLE_STATUSES.filter((s) => s !== 'published' && s !== 'spiked')) expect(checkTransition(from, 'spiked', 'editor', clean)).toEqual({ ok: true })
    expect(nextStatuses('spiked', 'editor')).toEqual(['draft'])
  })

  it('lists every transition once, between known statuses', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const t of TRANSITIONS) {
      expect(ARTICLE_STATUSES).toContain(t.from)
      expect(ARTICLE_STATUSES).toContain(t.to)
    }
  })
})
