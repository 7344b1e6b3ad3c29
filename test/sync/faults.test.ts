import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy, faultFirst, type FaultProxy, type ProxyRequest } from '../support/fault-proxy'
import { runFaultScenario } from '../support/fault-scenario'
import { wp } from './helpers'

let proxy: FaultProxy
beforeAll(async () => {
  proxy = await startFaultProxy(wp().url)
})
afterAll(() => proxy.close())

let n = 0
const token = () => `qf${Date.now().toString(36)}n${n++}`
const creates = (r: ProxyRequest) => r.method === 'POST' && (r.url.includes('batch') || /wp(%2F|\/)v2(%2F|\/)posts(&|$)/.test(r.url))
const uploads = (r: ProxyRequest) => r.method === 'POST' && /wp(%2F|\/)v2(%2F|\/)media/.test(r.url)
const reads = (r: ProxyRequest) => r.method === 'GET'

const converged = {
  duplicatePosts: 0,
  missingPosts: 0,
  duplicateMedia: 0,
  lostLocalEdits: 0,
  staleOnSite: 0
}

describe('sync through a connection that fails', () => {
  it('creates each post once when the answer to the create is lost after the site made it', async () => {
    // The first batch of creates is carried out and its answer lost; the next run must find those posts, not make them again.
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'drop-response' }, creates), { token: token() })
    expect(result.faults).toBe(1)
    expect(result).toMatchObject(converged)
  })

  it('uploads an image once when the answer to the upload is lost', async () => {
    const result = await runFaultScenario(wp(), proxy, faultFirst(2, { kind: 'drop-response' }, uploads), { token: token() })
    expect(result.faults).toBeGreaterThanOrEqual(1)
    expect(result).toMatchObject(converged)
  })

  it('creates each post once when the create times out and the site carries it out late', async () => {
    const result = await runFaultScenario(wp(), proxy, faultFirst(1, { kind: 'delay', ms: 2_500 }, creates), { token: token() })
    expect(result.faults).toBe(1)
    expect(result).toMatchObject(converged)
  })

  it('rides out resets, 500, 502 and 429 on reads and writes by retrying', async () => {
    let i = 0
    const kinds = [{ kind: 'reset' }, { kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 429 }] as const
    const result = await runFaultScenario(
      wp(),
      proxy,
      (r) => (i < 8 && (reads(r) || uploads(r) || creates(r)) ? kinds[i++ % kinds.length]! : { kind: 'pass' }),
      { token: token() }
    )
    expect(result.faults).toBe(8)
    expect(result).toMatchObject(converged)
  })

  it('loses nothing while the site is down, and catches up when it is back', async () => {
    const result = await runFaultScenario(wp(), proxy, () => ({ kind: 'reset' }), { token: token(), faultyRuns: 2 })
    expect(result.faults).toBeGreaterThan(2)
    expect(result).toMatchObject(converged)
  })
})
