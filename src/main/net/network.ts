import { connect as tcpConnect, type Socket } from 'node:net'
import * as tls from 'node:tls'
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls'
import type { Dispatcher, buildConnector } from 'undici'
import type { NetworkSetting } from '@shared/domain/network'
import { describeRoute, routeFor, RouteError, type ResolveSystemProxy, type Route } from './routes'

/**
 * Every request Qalam makes to a site goes out here, along the route the network setting gives:
 * straight, through an HTTP proxy (a CONNECT tunnel, the site named to the proxy), or through
 * SOCKS5 with the site's name resolved by the proxy, so no DNS lookup of it leaves this machine.
 * It fails closed: a proxy that does not answer stops the request; nothing goes around it.
 * Certificates are checked against Node's bundled roots and the system's own store (where a
 * newsroom puts its own authority).
 */

/** The fetch the site client takes (this one, or a test's through a fault proxy). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** How long a proxy has to put a tunnel through (Tor builds a circuit first: tens of seconds on a bad day). */
export const TUNNEL_TIMEOUT_MS = 120_000
/** No byte moving for this long ends a request; through SOCKS5 (Tor) a round trip alone can take seconds. */
export const IDLE_TIMEOUT_MS = { direct: 30_000, socks5: 90_000 } as const

/** undici and socks are loaded at the first connection, not at start (undici alone costs ~100 ms to require). */
type Libraries = { undici: typeof import('undici'); socks: typeof import('socks') }
let libraries: Promise<Libraries> | null = null
const load = () => (libraries ??= Promise.all([import('undici'), import('socks')]).then(([undici, socks]) => ({ undici, socks })))

let systemTrust: string[] | null = null
/** Node's bundled roots and the system's store, read once (the system store is where a newsroom's own authority goes). */
export function trustedCertificates(): string[] {
  if (systemTrust === null) {
    let system: string[] = []
    // Node 22.15+ and 24 (the Node Electron embeds); the typings may be older.
    const read = (tls as unknown as { getCACertificates?: (store: 'system') => string[] }).getCACertificates
    try {
      system = read?.('system') ?? []
    } catch {
      system = []
    }
    systemTrust = [...new Set([...rootCertificates, ...system])]
  }
  return systemTrust
}

function proxyError(route: Route, detail: string): Error & { code: string } {
  return Object.assign(new Error(`the proxy (${describeRoute(route)}) ${detail}`), { code: 'EPROXY' })
}

/** A connector that reaches the site through SOCKS5, naming it to the proxy, then speaks TLS to it end to end. */
function socksConnector(SocksClient: Libraries['socks']['SocksClient'], route: Extract<Route, { kind: 'socks5' }>, ca: string[]): buildConnector.connector {
  return (options, callback) => {
    let done = false
    const finish = (error: Error | null, socket?: Socket | TLSSocket) => {
      if (done) return void socket?.destroy()
      done = true
      if (error !== null) callback(error, null)
      else callback(null, socket!)
    }
    const toProxy = tcpConnect({ host: route.host, port: route.port })
    toProxy.once('error', (error: NodeJS.ErrnoException) => finish(proxyError(route, `does not answer (${error.code ?? error.message})`)))
    toProxy.once('connect', () => {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80)
      SocksClient.createConnection({
        proxy: { host: route.host, port: route.port, type: 5 },
        // A name, never an address: the proxy looks it up (Tor at its exit).
        destination: { host: options.hostname, port },
        command: 'connect',
        existing_socket: toProxy,
        timeout: TUNNEL_TIMEOUT_MS
      }).then(
        ({ socket }) => {
          socket.removeAllListeners('error')
          if (options.protocol !== 'https:') return finish(null, socket)
          const secure = tlsConnect({ socket, servername: options.servername ?? options.hostname, ca, ALPNProtocols: ['http/1.1'] })
          secure.once('secureConnect', () => finish(null, secure))
          secure.once('error', (error) => finish(error))
        },
        (error: Error) => {
          toProxy.destroy()
          // The proxy answered but could not reach the site (or refused to): the site is unreachable by this route.
          finish(Object.assign(new Error(`through ${describeRoute(route)}: ${error.message}`), { code: 'ESOCKS' }))
        }
      )
    })
  }
}

function dispatcherFor({ undici: { Agent, ProxyAgent, Pool, buildConnector }, socks: { SocksClient } }: Libraries, route: Route, ca: string[]): Dispatcher {
  switch (route.kind) {
    case 'direct':
      return new Agent({ connect: { ca } })
    case 'http': {
      // The connection to the proxy itself: a failure there is the proxy's (EPROXY), whatever its code.
      const toProxy = buildConnector({ ca })
      const connect: buildConnector.connector = (options, callback) =>
        toProxy(options, (error, socket) =>
          error === null ? callback(null, socket!) : callback(proxyError(route, `does not answer (${(error as NodeJS.ErrnoException).code ?? error.message})`), null)
        )
      // A CONNECT tunnel for every site, https or not: the proxy is asked for the site by name.
      return new ProxyAgent({
        uri: `${route.tls ? 'https' : 'http'}://${route.host.includes(':') ? `[${route.host}]` : route.host}:${route.port}`,
        requestTls: { ca },
        clientFactory: (origin, options) => new Pool(origin, { ...options, connect })
      })
    }
    case 'socks5':
      return new Agent({ connect: socksConnector(SocksClient, route, ca) })
  }
}

export interface NetworkOptions {
  /** The current setting; null while the desk is locked (then nothing connects). */
  setting: () => NetworkSetting | null
  /** The system's proxy for a URL (Electron's session.resolveProxy); absent in the test host, where system means direct. */
  resolveSystem?: ResolveSystemProxy
  /** Certificates trusted besides the bundled and system ones (tests: their own authority). */
  extraTrust?: string[]
}

/** Qalam's way out: one dispatcher per route, made when first used and closed when the setting moves away from it. */
export class Network {
  private readonly dispatchers = new Map<string, Dispatcher>()
  private settingKey = ''

  constructor(private readonly options: NetworkOptions) {}

  /** How long a request may go without a byte moving on this route. */
  idleTimeoutMs(): number {
    return this.options.setting()?.mode === 'socks5' ? IDLE_TIMEOUT_MS.socks5 : IDLE_TIMEOUT_MS.direct
  }

  /** fetch along the setting's route; a proxy that fails is said as the proxy (code EPROXY), never gone around. */
  readonly fetch: FetchLike = async (input, init) => {
    const setting = this.options.setting()
    if (setting === null) throw new TypeError('fetch failed', { cause: Object.assign(new Error('the desk is locked: its network setting cannot be read'), { code: 'EPROXY' }) })
    let route: Route
    try {
      this.follow(setting)
      route = await routeFor(setting, input, this.options.resolveSystem)
    } catch (error) {
      throw new TypeError('fetch failed', { cause: error instanceof RouteError ? error : proxyError({ kind: 'direct' }, String(error)) })
    }
    const libs = await load()
    return (await libs.undici.fetch(input, { ...(init as object), dispatcher: this.dispatcher(libs, route) })) as unknown as Response
  }

  /** A setting moved away from: its connections close, so nothing goes on over the old route. */
  private follow(setting: NetworkSetting): void {
    const key = JSON.stringify(setting)
    if (key === this.settingKey) return
    this.settingKey = key
    for (const d of this.dispatchers.values()) void d.destroy().catch(() => undefined)
    this.dispatchers.clear()
  }

  private dispatcher(libs: Libraries, route: Route): Dispatcher {
    const key = JSON.stringify(route)
    let dispatcher = this.dispatchers.get(key)
    if (dispatcher === undefined) {
      const extra = this.options.extraTrust ?? []
      dispatcher = dispatcherFor(libs, route, extra.length === 0 ? trustedCertificates() : [...trustedCertificates(), ...extra])
      this.dispatchers.set(key, dispatcher)
    }
    return dispatcher
  }

  /** Closes every connection (the app quitting, tests ending). */
  async close(): Promise<void> {
    const all = [...this.dispatchers.values()]
    this.dispatchers.clear()
    await Promise.all(all.map((d) => d.destroy().catch(() => undefined)))
  }
}
