import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { loopbackServers } from '../../../support/http'
import { WpClient, WpError } from '@main/sync/wordpress/client'

/**
 * A reporter's uplink is slow (a shared 3G link): a request fails when no byte has moved for the
 * timeout, never because the whole transfer took longer than it. A site that reads an upload at
 * 96 KB/s takes ~2.7 s for 256 KB, against a 1 s timeout here: the old limit on the whole request
 * failed every time, after sending most of the photo for nothing.
 */
const serve = loopbackServers()

/** Reads the request body at `bytesPerSecond`, then answers with the count it got. */
function slowReader(bytesPerSecond: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let got = 0
    req.on('data', (chunk: Buffer) => {
      got += chunk.length
      req.pause()
      setTimeout(() => req.resume(), (chunk.length / bytesPerSecond) * 1000)
    })
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: 7, got, length: Number(req.headers['content-length']) }))
    })
  }
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work
  } catch (error) {
    if (error instanceof WpError) return error.code
    throw error
  }
  return 'ok'
}

describe('a slow link', () => {
  it('uploads a body slower than the timeout, as long as bytes keep moving, and says how much went out', async () => {
    const url = await serve(slowReader(96 * 1024))
    const client = new WpClient({ restRoot: `${url}/`, timeoutMs: 1000, retries: 0 })
    const photo = new Uint8Array(256 * 1024).fill(7)
    const progress: number[] = []
    const t0 = performance.now()
    const answer = await client.request<{ got: number; length: number }>('POST', 'wp/v2/media', { body: photo, onSent: (sent) => progress.push(sent) })
    expect(performance.now() - t0).toBeGreaterThan(1500)
    expect(answer.data).toEqual({ id: 7, got: photo.length, length: photo.length })
    expect(progress.at(-1)).toBe(photo.length)
    expect(progress.length).toBeGreaterThan(4)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  it('reads an answer that trickles in over longer than the timeout', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const parts = ['[', '1,', '2,', '3,', '4', ']']
      let i = 0
      const next = () => {
        if (i === parts.length) return void res.end()
        res.write(parts[i++])
        setTimeout(next, 400)
      }
      next()
    })
    const client = new WpClient({ restRoot: `${url}/`, timeoutMs: 1000, retries: 0 })
    expect((await client.request<number[]>('GET', 'wp/v2/posts')).data).toEqual([1, 2, 3, 4])
  })

  it('gives up when nothing moves for the timeout: a site that took the photo and went silent, one that stopped reading it', async () => {
    // The sockets these servers hold open are closed at the end (the servers would wait for them).
    const held: IncomingMessage[] = []
    const silent = await serve((req) => {
      held.push(req)
      req.resume()
    })
    const stalled = await serve((req) => {
      held.push(req)
      req.once('data', () => req.pause())
    })
    // Silent after taking 32 KB (allowed 2 s to drain at the slowest rate, plus the timeout); stalled with 32 MB still to send (more than any socket buffer holds).
    for (const [url, size] of [
      [silent, 32 * 1024],
      [stalled, 32 * 2 ** 20]
    ] as const) {
      const client = new WpClient({ restRoot: `${url}/`, timeoutMs: 800, retries: 0 })
      const t0 = performance.now()
      expect(await codeOf(client.request('POST', 'wp/v2/media', { body: new Uint8Array(size) }))).toBe('timeout')
      expect(performance.now() - t0).toBeLessThan(6000)
    }
    for (const req of held) req.socket.destroy()
  })
})

describe('an upload cut on the way', () => {
  /** Takes `cutAfter` bytes of the first upload and cuts the connection; takes later ones whole. */
  function cuttingOnce(cutAfter: number) {
    let attempts = 0
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      const attempt = ++attempts
      let got = 0
      req.on('data', (chunk: Buffer) => {
        got += chunk.length
        if (attempt === 1 && got >= cutAfter) req.socket.destroy()
      })
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ id: 7, got }))
      })
    }
    return { handler, attempts: () => attempts }
  }
  const photo = new Uint8Array(8 * 2 ** 20).fill(9)

  it('with its hash, cut before all of it went out: not a doubt, sent again at once, whole', async () => {
    const site = cuttingOnce(256 * 1024)
    const client = new WpClient({ restRoot: `${await serve(site.handler)}/`, timeoutMs: 2000, retries: 1, backoffMs: 1 })
    const doubts: string[] = []
    const answer = await client.request<{ got: number }>('POST', 'wp/v2/media', { body: photo, headers: { 'content-md5': 'x' }, onDoubt: (e) => doubts.push(e.code) })
    expect(answer.data.got).toBe(photo.length)
    expect(site.attempts()).toBe(2)
    expect(doubts).toEqual([])
  })

  it('without a hash the site could check, the same cut stays a doubt: not sent again blindly', async () => {
    const site = cuttingOnce(256 * 1024)
    const client = new WpClient({ restRoot: `${await serve(site.handler)}/`, timeoutMs: 2000, retries: 1, backoffMs: 1 })
    const doubts: string[] = []
    const code = await codeOf(client.request('POST', 'wp/v2/media', { body: photo, onDoubt: (e) => doubts.push(e.code) }))
    expect(code).toBe('unreachable')
    expect(doubts).toEqual(['unreachable'])
    expect(site.attempts()).toBe(1)
  })
})
