import { describe, expect, it } from 'vitest'
import { WpClient, type FetchLike } from '@main/sync/wordpress/client'
import { PIECE_BYTES, sendInPieces } from '@main/sync/pieces'
import type { SiteContext } from '@main/sync/context'

/**
 * What a site says about an upload in pieces is believed only where it could be true: a count
 * outside the file, or one that never moves on, ends the upload in words instead of sending
 * forever. (The real plugin is tested against WordPress in test/wordpress/pieces.test.ts.)
 */

/** A stand-in site answering every request with what `answer` returns for it. */
function site(answer: (method: string, route: string, body: Uint8Array | null) => { status: number; json: unknown }) {
  const calls: string[] = []
  const fetch: FetchLike = async (input, init) => {
    const route = new URL(String(input)).pathname.replace(/^\/wp-json\//, '')
    calls.push(`${init?.method} ${route}`)
    let body: Uint8Array | null = null
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      const chunks: Uint8Array[] = []
      for await (const chunk of init.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk)
      body = Buffer.concat(chunks)
    }
    const { status, json } = answer(init?.method ?? 'GET', route, body)
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } })
  }
  const client = new WpClient({ restRoot: 'http://127.0.0.1:9/wp-json/', username: 'u', password: 'p', fetch, retries: 1, backoffMs: 1 })
  return { ctx: { client } as unknown as SiteContext, calls }
}

const photo = new Uint8Array(PIECE_BYTES * 2 + 1000).fill(7)
const options = { filename: 'qalam-x.jpg', alt: '', caption: '', resume: false, onArrived: () => undefined }

describe('an upload in pieces, against a site that answers badly', () => {
  it('refuses a count of bytes the file does not have', async () => {
    for (const received of [-1, photo.length + 1, 1.5, '12'])
      await expect(sendInPieces(site(() => ({ status: 200, json: { received, total: photo.length } })).ctx, 'a', photo, options)).rejects.toThrow(/not one it could give/)
  })

  it('stops when the site acknowledges pieces without taking them', async () => {
    const { ctx, calls } = site(() => ({ status: 200, json: { received: 0, total: photo.length } }))
    await expect(sendInPieces(ctx, 'a', photo, options)).rejects.toThrow(/does not take the upload past 0/)
    expect(calls.length).toBeLessThanOrEqual(4)
  })

  it('refuses a finish that names no attachment', async () => {
    let received = 0
    const { ctx } = site((method, _route, body) => {
      if (method === 'PUT') received += body!.length
      return method === 'PUT' ? { status: 200, json: { received, total: photo.length } } : { status: 200, json: { id: 'x' } }
    })
    await expect(sendInPieces(ctx, 'a', photo, options)).rejects.toThrow(/without saying which attachment/)
  })

  it('goes on from what the site has after it says a piece does not follow, and says when its plugin has no uploads', async () => {
    let received = 0
    const { ctx, calls } = site((method, route, body) => {
      if (method === 'GET') return { status: 200, json: { received, total: photo.length } }
      if (route.endsWith('/finish')) return { status: 201, json: { id: 12, source_url: 'http://127.0.0.1:9/x.jpg' } }
      // The first piece lands but its answer says otherwise (a retry of a piece that had arrived, seen from the other side).
      received += body!.length
      return calls.length === 1 ? { status: 409, json: { code: 'qalam_upload_offset', message: '' } } : { status: 200, json: { received, total: photo.length } }
    })
    expect(await sendInPieces(ctx, 'a', photo, options)).toEqual({ id: 12, source_url: 'http://127.0.0.1:9/x.jpg' })
    expect(calls.filter((c) => c.startsWith('PUT'))).toHaveLength(3)
    const old = site(() => ({ status: 404, json: { code: 'rest_no_route', message: 'No route' } }))
    expect(await sendInPieces(old.ctx, 'a', photo, options)).toBeNull()
  })
})
