import { describe, expect, it, vi } from 'vitest'
import { contract, CHANNELS } from '@shared/ipc/contract'
import { CHANNEL_NAMES } from '@shared/ipc/channels'
import { createApi } from '@shared/ipc/create-api'
import { EMPTY_DOCUMENT_JSON } from '@shared/domain/document'

const validDraft = {
  id: '6f1c1b4e-3f1a-4c47-9a51-8a2b4b7f0d11',
  title: 'عنوان',
  standfirst: '',
  body: EMPTY_DOCUMENT_JSON,
  bodyText: '',
  wordCount: 0,
  meta: { byline: '', dateline: '', categories: [], tags: [], slug: '', label: '' },
  caret: null
}

describe('the IPC contract', () => {
  it('lists every channel once, named domain:verb', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort())
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })

  it('accepts a well-formed autosave and refuses malformed ones', () => {
    const schema = contract['articles:save'].request
    expect(schema.safeParse(validDraft).success).toBe(true)
    const bad = [
      { ...validDraft, id: 'not-a-uuid' },
      { ...validDraft, body: '{"no":"root"}' },
      { ...validDraft, body: 'not json' },
      { ...validDraft, title: 42 },
      { ...validDraft, meta: { ...validDraft.meta, tags: 'a,b' } },
      { ...validDraft, caret: { path: [-1], offset: 0 } },
      { ...validDraft, wordCount: -1 },
      { ...validDraft, wordCount: 1.5 },
      { ...validDraft, extra: true },
      null,
      'articles'
    ]
    for (const payload of bad) expect(schema.safeParse(payload).success, JSON.stringify(payload)).toBe(false)
  })

  it('deletes for good only with an explicit confirmation', () => {
    const schema = contract['articles:delete'].request
    expect(schema.safeParse({ id: validDraft.id }).success).toBe(false)
    expect(schema.safeParse({ id: validDraft.id, confirm: false }).success).toBe(false)
    expect(schema.safeParse({ id: validDraft.id, confirm: true }).success).toBe(true)
  })

  it('bounds the pairs the editor sends for the context checks, and the word before a suggestion', () => {
    const schema = contract['proofing:inContext'].request
    expect(schema.safeParse({ pairs: [['قال', 'أنه']] }).success).toBe(true)
    const long = 'ب'.repeat(101)
    const bad = [
      { pairs: [['قال', 'أنه', 'extra']] },
      { pairs: [['قال']] },
      { pairs: [['قال', 42]] },
      { pairs: [[long, 'أنه']] },
      { pairs: Array.from({ length: 50_001 }, () => ['قال', 'أنه']) },
      { pairs: 'قال أنه' },
      { pairs: [], extra: true }
    ]
    for (const payload of bad) expect(schema.safeParse(payload).success, JSON.stringify(payload).slice(0, 80)).toBe(false)
    const suggest = contract['proofing:suggest'].request
    expect(suggest.safeParse({ word: 'أنه', previous: 'قال' }).success).toBe(true)
    expect(suggest.safeParse({ word: 'أنه', previous: long }).success).toBe(false)
  })

  it('lets the shell open only http and https links', () => {
    const schema = contract['shell:openExternal'].request
    expect(schema.safeParse({ url: 'https://example.com' }).success).toBe(true)
    expect(schema.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false)
    expect(schema.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false)
    expect(schema.safeParse({ url: 'mailto:a@b.c' }).success).toBe(false)
  })
})

describe('createApi', () => {
  it('maps api.domain.verb to the channel domain:verb', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: [] }))
    const api = createApi(invoke, () => () => {})
    await api.articles.list({ view: 'trash' })
    await api.store.status()
    expect(invoke).toHaveBeenNthCalledWith(1, 'articles:list', { view: 'trash' })
    expect(invoke).toHaveBeenNthCalledWith(2, 'store:status', {})
  })

  it('turns a broken transport into a typed error instead of throwing', async () => {
    const api = createApi(
      async () => {
        throw new Error('channel closed')
      },
      () => () => {}
    )
    expect(await api.articles.get({ id: validDraft.id })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'channel closed' } })
    const odd = createApi(
      async () => 'garbage',
      () => () => {}
    )
    expect((await odd.settings.get()).ok).toBe(false)
  })

  it('subscribes to main-process events', () => {
    const unsubscribe = vi.fn()
    const subscribe = vi.fn(() => unsubscribe)
    const api = createApi(async () => ({ ok: true, value: null }), subscribe)
    const off = api.on('app:flush', () => {})
    expect(subscribe).toHaveBeenCalledWith('app:flush', expect.any(Function))
    off()
    expect(unsubscribe).toHaveBeenCalled()
  })
})
