import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/**
 * A loopback HTTP proxy between Qalam and WordPress that misbehaves on purpose:
 * it resets connections before the site sees the request, delays, drops the answer
 * after the site has carried the request out, and answers 500, 502 or 429 itself.
 * Which fault hits which request is decided by a schedule, so a run can be repeated.
 */

export type Fault =
  | { kind: 'pass' }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  /** Forwards the request, lets the site finish it, then cuts the connection without answering. */
  | { kind: 'drop-response' }
  | { kind: 'status'; status: 500 | 502 | 429 | 413; code?: string }

export interface ProxyRequest {
  index: number
  method: string
  url: string
  /** The request body's length. */
  bytes: number
}

export type Schedule = (request: ProxyRequest) => Fault

export interface FaultProxy {
  url: string
  port: number
  /** Faults actually applied, in order. */
  log: { request: ProxyRequest; fault: Fault['kind'] }[]
  setSchedule(schedule: Schedule): void
  /** Resolves once every request the proxy took (delayed ones too) has been answered by the site, even if the client gave up on it. */
  idle(): Promise<void>
  close(): Promise<void>
}

export const passAll: Schedule = () => ({ kind: 'pass' })

/** The first `count` requests matching `match` get `fault`; the rest pass. */
export function faultFirst(count: number, fault: Fault, match: (r: ProxyRequest) => boolean = () => true): Schedule {
  let left = count
  return (r) => {
    if (left > 0 && match(r)) {
      left--
      return fault
    }
    return { kind: 'pass' }
  }
}

/** Faults at random (seeded), each request with probability `rate`, for at most `budget` faults. */
export function randomSchedule(random: () => number, rate: number, budget: number): Schedule {
  let left = budget
  return () => {
    if (left <= 0 || random() >= rate) return { kind: 'pass' }
    left--
    const pick = Math.floor(random() * 6)
    switch (pick) {
      case 0:
        return { kind: 'reset' }
      case 1:
        // One delay in three outlasts the client's timeout (1.5 s in the scenarios): the request lands after Qalam gave up on it.
        return { kind: 'delay', ms: random() < 1 / 3 ? 1_600 + Math.floor(random() * 2_400) : 50 + Math.floor(random() * 300) }
      case 2:
        return { kind: 'drop-response' }
      case 3:
        return { kind: 'status', status: 500 }
      case 4:
        return { kind: 'status', status: 502 }
      default:
        return { kind: 'status', status: 429 }
    }
  }
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  let schedule: Schedule = passAll
  let index = 0
  const log: FaultProxy['log'] = []
  const sockets = new Set<Socket>()
  let inFlight = 0
  let waiters: (() => void)[] = []
  const settle = () => {
    inFlight--
    if (inFlight === 0) {
      for (const w of waiters) w()
      waiters = []
    }
  }

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse | null, after: () => void) => {
    const done = () => {
      after()
      settle()
    }
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        // The Host header stays the proxy's, so the site's own links point back through the proxy.
        headers: { ...req.headers, 'content-length': String(body.length) }
      },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (c: Buffer) => chunks.push(c))
        answer.on('end', () => {
          if (res !== null) {
            const headers = { ...answer.headers }
            delete headers['transfer-encoding']
            headers['content-length'] = String(Buffer.concat(chunks).length)
            res.writeHead(answer.statusCode ?? 502, headers)
            res.end(Buffer.concat(chunks))
          }
          done()
        })
      }
    )
    out.on('error', () => {
      if (res !== null && !res.headersSent) {
        res.writeHead(502)
        res.end()
      }
      done()
    })
    out.end(body)
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const request = { index: index++, method: req.method ?? 'GET', url: req.url ?? '/', bytes: body.length }
      const fault = schedule(request)
      log.push({ request, fault: fault.kind })
      switch (fault.kind) {
        case 'reset':
          req.socket.destroy()
          return
        case 'status':
          res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.status === 429 ? { 'retry-after': '0' } : {}) })
          res.end(JSON.stringify({ code: fault.code ?? 'proxy_fault', message: `injected ${fault.status}` }))
          return
        case 'drop-response':
          inFlight++
          forward(req, body, null, () => req.socket.destroy())
          return
        case 'delay':
          // Counted from now: the request is on its way to the site even if the client stops waiting.
          inFlight++
          setTimeout(() => forward(req, body, res.writableEnded || res.destroyed ? null : res, () => undefined), fault.ms)
          return
        default:
          inFlight++
          forward(req, body, res, () => undefined)
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    log,
    setSchedule: (next) => {
      schedule = next
    },
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((ok) => waiters.push(ok))),
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy()
        server.close(() => ok())
      })
  }
}
