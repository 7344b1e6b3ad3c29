import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDispatcher, type Dispatch } from '@main/ipc/dispatch'
import { createHandlers } from '@main/ipc/handlers'
import { isTrustedSender, registerIpc } from '@main/ipc/register'
import { CHANNELS } from '@shared/ipc/contract'
import type { Services } from '@main/services'
import { tempDir } from '../../support/temp'
import { draftOf, servicesIn } from '../../support/fixtures'
import { tinyPng } from '../../support/images'

let tmp: ReturnType<typeof tempDir>
let services: Services
let dispatch: Dispatch
const trusted = { trusted: true }
beforeEach(() => {
  tmp = tempDir()
  services = servicesIn(tmp.dir)
  dispatch = createDispatcher(createHandlers(services), () => {})
})
afterEach(() => {
  services.close()
  tmp.remove()
})

describe('the IPC boundary', () => {
  it('runs a valid call and answers {ok, value}', async () => {
    const created = await dispatch('articles:create', { title: 'خبر عاجل' }, trusted)
    expect(created).toMatchObject({ ok: true, value: { title: 'خبر عاجل', status: 'draft' } })
  })

  it('refuses a malformed payload with INVALID_PAYLOAD and changes nothing', async () => {
    const a = services.articles.create('الأصل')
    services.articles.save(draftOf(a.id, 'الأصل', 'نص محفوظ'))
    const before = services.articles.get(a.id)
    const attempts: unknown[] = [
      { ...draftOf(a.id, 'مخرب', 'x'), body: '<script>alert(1)</script>' },
      { ...draftOf(a.id, 'مخرب', 'x'), id: "1' OR '1'='1" },
      { ...draftOf(a.id, 'مخرب', 'x'), meta: null },
      { ...draftOf(a.id, 'مخرب', 'x'), __proto__: { polluted: true }, extra: 1 },
      'a string',
      [1, 2, 3]
    ]
    for (const payload of attempts) {
      const answer = await dispatch('articles:save', payload, trusted)
      expect(answer.ok).toBe(false)
      if (!answer.ok) expect(answer.error.code).toBe('INVALID_PAYLOAD')
    }
    expect(services.articles.get(a.id)).toEqual(before)
  })

  it('names unknown channels and untrusted senders', async () => {
    expect(await dispatch('articles:drop', {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(await dispatch({ toString: () => 'x' }, {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    const before = services.articles.list({}).length
    expect(await dispatch('articles:create', {}, { trusted: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(services.articles.list({})).toHaveLength(before)
  })

  it('passes a service error on with its code, and hides nothing but stacks', async () => {
    const missing = await dispatch('articles:get', { id: crypto.randomUUID() }, trusted)
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const a = services.articles.create()
    expect(await dispatch('articles:delete', { id: a.id, confirm: true }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    const log = vi.fn()
    const broken = createDispatcher(
      {
        ...createHandlers(services),
        'settings:get': () => {
          throw new TypeError('boom')
        }
      },
      log
    )
    expect(await broken('settings:get', {}, trusted)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
    expect(log).toHaveBeenCalled()
  })

  it('answers STORE_UNAVAILABLE while the database cannot be opened', async () => {
    services.store.abandon()
    expect(await dispatch('articles:list', {}, trusted)).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } })
  })
})

describe('registering with ipcMain', () => {
  const frame = (url: string) => ({ url })
  it('trusts only the top frame of the app itself', () => {
    const main = frame('qalam://app/index.html')
    const sender = { mainFrame: main }
    expect(isTrustedSender({ senderFrame: main, sender } as never, 'qalam://app/')).toBe(true)
    expect(isTrustedSender({ senderFrame: frame('qalam://app/index.html'), sender } as never, 'qalam://app/')).toBe(false)
    const evil = frame('https://evil.example/')
    expect(isTrustedSender({ senderFrame: evil, sender: { mainFrame: evil } } as never, 'qalam://app/')).toBe(false)
    expect(isTrustedSender({ senderFrame: null, sender } as never, 'qalam://app/')).toBe(false)
  })

  it('registers every channel of the contract and checks the sender on each call', async () => {
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
    registerIpc({ handle: (channel: string, fn: never) => void handlers.set(channel, fn) } as never, dispatch, 'qalam://app/')
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    const main = frame('qalam://app/index.html')
    const ok = await handlers.get('settings:get')!({ senderFrame: main, sender: { mainFrame: main } }, {})
    expect(ok).toMatchObject({ ok: true })
    const iframe = frame('qalam://app/index.html')
    const refused = await handlers.get('settings:get')!({ senderFrame: iframe, sender: { mainFrame: main } }, {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('takes a pasted image only within its bound, and only an image', async () => {
    const huge = 'A'.repeat(Math.ceil((50 * 1024 * 1024) / 3) * 4 + 8)
    expect(await dispatch('media:importImage', { name: 'x.png', base64: huge }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    expect(await dispatch('media:importImage', { name: 'x.png', base64: 'AAAA', extra: 1 }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64')
    expect(await dispatch('media:importImage', { name: 'x.svg', base64: svg }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', reason: 'not-image' } })
    expect(await dispatch('media:importImage', { name: '', base64: '' }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    const png = await dispatch('media:importImage', { name: 'لقطة.png', base64: tinyPng(8, 8).toString('base64') }, trusted)
    expect(png).toMatchObject({ ok: true, value: { mime: 'image/png', originalName: 'لقطة.png', removed: [] } })
  })
})
