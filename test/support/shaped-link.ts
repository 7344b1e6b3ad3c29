import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { markOwn } from './proxies'

/**
 * A bad link between Qalam and whatever it talks to, on loopback, at the TCP level (so it shapes
 * TLS and SOCKS as well as plain HTTP): a bandwidth each way shared by every connection, as on one
 * radio link, a one-way delay (half the round trip), a small buffer (the sender is held back once
 * it fills, as a kernel's socket buffer does), and connections reset at random. It counts the bytes
 * it carries, and those carried on connections it then reset.
 */

export interface LinkShape {
  /** Bytes per second from Qalam towards the site (256 kbit/s: 32,000). */
  upBytesPerS: number
  downBytesPerS: number
  /** Round trip in ms; each direction takes half. */
  rttMs: number
  /** The share of connections cut somewhere in their first `resetWithinBytes` sent up. */
  resetRate: number
  resetWithinBytes?: number
  /** Seeded choice of which connections are cut, so a run can be repeated. */
  random: () => number
  /** A forced drop: the connection carrying the link's total up past this many bytes is cut there (once). */
  cutAtTotalUp?: number
}

export interface ShapedLink {
  port: number
  bytes: { up: number; down: number }
  /** Bytes sent up on a connection since its last answer began, when it was reset: the request a cut wasted. */
  wastedUp: number
  connections: number
  resets: number
  /** Stops every byte both ways, as a laptop's lid closed does (the connections stay open, nothing moves). */
  hold(): void
  /** Lets what was held go on, in order. */
  release(): void
  close(): Promise<void>
}

const PIECE = 16 * 1024
/** What the link holds before the sender is held back (a socket buffer's worth). */
const BUFFER_BYTES = 64 * 1024

/** One direction of the link: pieces leave one after another at the bandwidth, and arrive after the delay. */
class Direction {
  private freeAt = 0
  constructor(
    private readonly bytesPerS: number,
    private readonly delayMs: number
  ) {}

  /** When a piece handed over now arrives at the other end. */
  schedule(size: number): number {
    const now = performance.now()
    const start = Math.max(now, this.freeAt)
    this.freeAt = start + (size / this.bytesPerS) * 1000
    return this.freeAt + this.delayMs - now
  }
}

export async function startShapedLink(target: { host: string; port: number }, shape: LinkShape): Promise<ShapedLink> {
  const up = new Direction(shape.upBytesPerS, shape.rttMs / 2)
  const down = new Direction(shape.downBytesPerS, shape.rttMs / 2)
  const link: Omit<ShapedLink, 'port' | 'close' | 'hold' | 'release'> = { bytes: { up: 0, down: 0 }, wastedUp: 0, connections: 0, resets: 0 }
  const open = new Set<Socket>()
  let held: (() => void)[] | null = null
  const server = createServer((client) => {
    link.connections++
    const cutAt = shape.random() < shape.resetRate ? Math.floor(shape.random() * (shape.resetWithinBytes ?? 256 * 1024)) : Infinity
    const upstream = connect(target)
    markOwn(upstream)
    open.add(client).add(upstream)
    let sentUp = 0
    /** Up since the last byte came down: the request under way (HTTP/1.1 sends the next request after the answer). */
    let sinceAnswer = 0
    let cut = false
    const close = () => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    const reset = () => {
      if (cut) return
      cut = true
      link.resets++
      link.wastedUp += sinceAnswer
      client.resetAndDestroy()
      upstream.destroy()
    }
    /** Carries `from` → `to` through `way`, holding `from` back while the link's buffer is full. */
    const carry = (from: Socket, to: Socket, way: Direction, count: (n: number) => void) => {
      let queued = 0
      let ended = false
      let inFlight = 0
      from.on('data', (data: Buffer) => {
        for (let at = 0; at < data.length; at += PIECE) {
          const piece = data.subarray(at, at + PIECE)
          queued += piece.length
          inFlight++
          const deliver = () => {
            queued -= piece.length
            inFlight--
            if (cut || to.destroyed) return
            count(piece.length)
            to.write(piece)
            if (queued < BUFFER_BYTES && from.isPaused()) from.resume()
            if (ended && inFlight === 0) to.end()
          }
          setTimeout(() => (held === null ? deliver() : held.push(deliver)), way.schedule(piece.length))
        }
        if (queued >= BUFFER_BYTES) from.pause()
      })
      from.on('end', () => {
        ended = true
        if (inFlight === 0) to.end()
      })
    }
    carry(client, upstream, up, (n) => {
      link.bytes.up += n
      sentUp += n
      sinceAnswer += n
      const forced = shape.cutAtTotalUp !== undefined && link.bytes.up >= shape.cutAtTotalUp
      if (forced) shape.cutAtTotalUp = undefined
      if (sentUp >= cutAt || forced) reset()
    })
    carry(upstream, client, down, (n) => {
      link.bytes.down += n
      sinceAnswer = 0
    })
    // An error cuts both ends; a normal end is passed on once what is still on the link has arrived (carry's 'end').
    client.on('error', close).on('close', () => open.delete(client))
    upstream.on('error', close).on('close', () => open.delete(upstream))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return Object.assign(link, {
    port: (server.address() as AddressInfo).port,
    hold: () => void (held ??= []),
    release: () => {
      const waiting = held ?? []
      held = null
      for (const deliver of waiting) deliver()
    },
    close: async () => {
      for (const s of open) s.destroy()
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  })
}
