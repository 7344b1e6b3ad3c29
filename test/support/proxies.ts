import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { channel } from 'node:diagnostics_channel'

/**
 * The proxies a reporter's traffic goes through, on loopback: a SOCKS5 server (as Tor opens on
 * 9050) and an HTTP CONNECT proxy (as a newsroom runs). Each knows the sites by name only
 * (`newsroom.invalid` → a loopback port): it never looks a name up, and a name it does not know,
 * or an address where a name was expected, is refused. Each records what it was asked for.
 */

export interface Tunnel {
  /** What the client asked for: a name, or an address (SOCKS5 ATYP 1/4; a CONNECT to an IP). */
  kind: 'name' | 'address'
  host: string
  port: number
}

export interface TestProxy {
  port: number
  url: string
  tunnels: Tunnel[]
  /** Bytes carried each way through the tunnels. */
  bytes: { up: number; down: number }
  /** Cuts every open tunnel and stops taking new ones (a proxy that died). */
  stop(): Promise<void>
}

/** The proxies' own connections to the sites they stand for, left out of the watch (they run in the test's process). */
const PROXY_OWN = Symbol('the test proxy itself')

/** Marks a connection a test's own relay makes (a proxy's, a shaped link's), so the watch leaves it out. */
export function markOwn(socket: Socket): void {
  Object.assign(socket, { [PROXY_OWN]: true })
}

/** `name:port` → the loopback port it stands for. */
export type HostMap = Record<string, number>

function track(server: Server, sockets: Set<Socket>) {
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
}

function pipeCounted(client: Socket, upstream: Socket, bytes: TestProxy['bytes']) {
  client.on('data', (d: Buffer) => (bytes.up += d.length))
  upstream.on('data', (d: Buffer) => (bytes.down += d.length))
  client.pipe(upstream).pipe(client)
  const end = () => {
    client.destroy()
    upstream.destroy()
  }
  client.on('error', end).on('close', end)
  upstream.on('error', end).on('close', end)
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok))
  return (server.address() as AddressInfo).port
}

function stopper(server: Server, sockets: Set<Socket>, upstreams: Set<Socket>) {
  return async () => {
    for (const s of [...sockets, ...upstreams]) s.destroy()
    await new Promise<void>((ok) => server.close(() => ok()))
  }
}

/** A SOCKS5 server (RFC 1928, no authentication, CONNECT only). */
/** `port`: the port to listen on (a proxy brought back where it was); any free one by default. */
export async function startSocks5(hosts: HostMap, port = 0): Promise<TestProxy> {
  const sockets = new Set<Socket>()
  const upstreams = new Set<Socket>()
  const tunnels: Tunnel[] = []
  const bytes = { up: 0, down: 0 }
  const server = createServer((client) => {
    client.on('error', () => client.destroy())
    let buffer = Buffer.alloc(0)
    let stage: 'greeting' | 'request' = 'greeting'
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (stage === 'greeting') {
        if (buffer.length < 2 || buffer.length < 2 + buffer[1]!) return
        if (buffer[0] !== 5) return void client.destroy()
        buffer = buffer.subarray(2 + buffer[1]!)
        client.write(Buffer.from([5, 0]))
        stage = 'request'
      }
      if (buffer.length < 5) return
      const atyp = buffer[3]!
      const addressLength = atyp === 1 ? 4 : atyp === 4 ? 16 : 1 + buffer[4]!
      if (buffer.length < 4 + addressLength + 2) return
      client.off('data', onData)
      const reply = (code: number) => client.end(Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]))
      if (buffer[1] !== 1) return reply(7)
      const raw = buffer.subarray(4, 4 + addressLength)
      const host = atyp === 3 ? raw.subarray(1).toString('utf8') : atyp === 1 ? [...raw].join('.') : raw.toString('hex')
      const port = buffer.readUInt16BE(4 + addressLength)
      const rest = buffer.subarray(4 + addressLength + 2)
      tunnels.push({ kind: atyp === 3 ? 'name' : 'address', host, port })
      const target = atyp === 3 ? hosts[`${host}:${port}`] : undefined
      // 4: host unreachable (a name this proxy does not know); 2: not allowed (an address: the client looked the name up itself).
      if (target === undefined) return reply(atyp === 3 ? 4 : 2)
      const upstream = connect({ host: '127.0.0.1', port: target })
      markOwn(upstream)
      upstreams.add(upstream)
      upstream.on('close', () => upstreams.delete(upstream))
      upstream.once('error', () => reply(5))
      upstream.once('connect', () => {
        client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]))
        if (rest.length > 0) upstream.write(rest)
        pipeCounted(client, upstream, bytes)
      })
    }
    client.on('data', onData)
  })
  track(server, sockets)
  const at = await listen(server, port)
  return { port: at, url: `socks5://127.0.0.1:${at}`, tunnels, bytes, stop: stopper(server, sockets, upstreams) }
}

/** An HTTP proxy that takes CONNECT only (what a client does for every site through it). */
export async function startConnectProxy(hosts: HostMap, port = 0): Promise<TestProxy> {
  const sockets = new Set<Socket>()
  const upstreams = new Set<Socket>()
  const tunnels: Tunnel[] = []
  const bytes = { up: 0, down: 0 }
  const server = createHttpServer((_req, res) => {
    res.writeHead(405, { connection: 'close' })
    res.end('CONNECT only')
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy())
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(req.url ?? '')
    const host = match?.[1] ?? ''
    const port = Number(match?.[2] ?? 0)
    const isAddress = /^[\d.]+$|^\[/.test(host)
    tunnels.push({ kind: isAddress ? 'address' : 'name', host, port })
    const target = isAddress ? undefined : hosts[`${host}:${port}`]
    if (target === undefined) return void client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    const upstream = connect({ host: '127.0.0.1', port: target })
    markOwn(upstream)
    upstreams.add(upstream)
    upstream.on('close', () => upstreams.delete(upstream))
    upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      pipeCounted(client, upstream, bytes)
    })
  })
  track(server, sockets)
  const at = await listen(server, port)
  return { port: at, url: `http://127.0.0.1:${at}`, tunnels, bytes, stop: stopper(server, sockets, upstreams) }
}

/**
 * Every TCP connection this process opens while watching, and every name it looks up: from Node's
 * `net.client.socket` channel, so a connection that goes around the proxy, or a DNS lookup of the
 * site's name, is seen whatever made it.
 */
export function watchConnections(): { connections: { host: string; port: number }[]; lookups: string[]; stop: () => void } {
  const connections: { host: string; port: number }[] = []
  const lookups: string[] = []
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket
    socket.once('lookup', (_err: unknown, _address: unknown, _family: unknown, host: string) => lookups.push(host))
    socket.once(
      'connect',
      () => (socket as Socket & { [PROXY_OWN]?: boolean })[PROXY_OWN] === true || connections.push({ host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 })
    )
    // A lookup that fails never connects: the attempt still counts, by the name it was for.
    socket.once('error', (error: NodeJS.ErrnoException & { hostname?: string }) => {
      if (error.hostname !== undefined) lookups.push(error.hostname)
    })
  }
  const ch = channel('net.client.socket')
  ch.subscribe(onSocket)
  return { connections, lookups, stop: () => ch.unsubscribe(onSocket) }
}

/**
 * The site's own HTTPS in front of the test WordPress (php -S speaks plain HTTP): TLS with a
 * certificate for the site's name, the request passed on with `x-forwarded-proto: https`, as a
 * newsroom's load balancer does. It listens on loopback only, where only the proxies send.
 */
export async function startTlsFront(key: string, cert: string, wordpressPort: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createHttpsServer({ key, cert }, (req, res) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: wordpressPort, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': 'https' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('socket', markOwn)
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
    }
  }
}
