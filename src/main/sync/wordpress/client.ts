import type { SyncErrorCode, SyncFailure } from '@shared/domain/sync'

/**
 * A small client for the WordPress REST API: one place for the address form
 * (`/wp-json/` or `?rest_route=`), authentication with an application password,
 * a timeout on every request, retries with backoff for what can heal (network
 * errors, 5xx, 429) and none for a 4xx that cannot change, and errors turned
 * into codes the user is told about in words.
 */

export class WpError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status: number | null = null,
    readonly wpCode: string | null = null,
    /** The request may have reached the server and been carried out (timeout, reset, 5xx). */
    readonly maybeApplied = false
  ) {
    super(message)
    this.name = 'WpError'
  }

  toFailure(): SyncFailure {
    return { code: this.code, detail: this.message }
  }
}

/** Whether a failed request may still have been carried out by the site (or may yet be): a timeout, a reset, a 5xx, a cancel mid-request, anything not understood. */
export function mayHaveLanded(error: unknown): boolean {
  return !(error instanceof WpError) || error.maybeApplied || error.code === 'cancelled'
}

export { MAX_RESPONSE_BYTES, readCapped } from './transfer'
import { DRAIN_FLOOR_BYTES_PER_S, idleDeadline, MAX_DRAIN_MS, MAX_RESPONSE_BYTES, pacedBody, readCapped } from './transfer'

import type { FetchLike } from '../../net/network'
export type { FetchLike }

export interface ClientOptions {
  restRoot: string
  username?: string
  password?: string
  /**
   * How long a request may go with no byte moving either way, in ms (30 s by default): never a limit
   * on the whole transfer, so a phone photo on a 256 kbit/s uplink gets through, and a link that went
   * silent is given up on.
   */
  timeoutMs?: number
  /** Attempts after the first, for requests that are safe to repeat. */
  retries?: number
  /** First backoff delay in ms; doubles each time, with jitter. */
  backoffMs?: number
  signal?: AbortSignal
  fetch?: FetchLike
  /** The largest answer read (default MAX_RESPONSE_BYTES); a larger one is an error, read no further. */
  maxResponseBytes?: number
}

/**
 * This computer: the only place plain http: is allowed (tests, a developer's own WordPress). Only
 * literal loopback addresses and `localhost` itself: a name under `.localhost` is looked up through
 * DNS by Node, and a resolver can point it anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | (string | number)[]>
  json?: unknown
  body?: Uint8Array
  headers?: Record<string, string>
  /** Whether repeating the request cannot make a second thing on the site (GET, an update, a delete). */
  idempotent?: boolean
  /** Told of each attempt that failed in a way the site may still carry out (a timeout, a reset, a 5xx), retried or not. */
  onDoubt?: (error: WpError) => void
  /** Told as a body goes out: the bytes handed to the connection so far, of all (an upload's progress). */
  onSent?: (sent: number, total: number) => void
}

export interface WpResponse<T> {
  data: T
  status: number
  headers: Headers
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new WpError('cancelled', 'cancelled'))
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(new WpError('cancelled', 'cancelled'))
      },
      { once: true }
    )
  })

/** Joins a REST root and a route, in either address form the site uses. */
export function restUrl(restRoot: string, route: string, query: RequestOptions['query'] = {}): string {
  const url = new URL(restRoot)
  const path = route.replace(/^\//, '')
  if (url.searchParams.has('rest_route')) {
    url.searchParams.set('rest_route', `/${path}`)
  } else {
    url.pathname = url.pathname.replace(/\/?$/, '/') + path
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  return url.toString()
}

const CAPABILITY = /^rest_(cannot|forbidden)/

/** Turns an error answer into the code the user sees. */
export function classifyResponse(status: number, wpCode: string | null, message: string): WpError {
  const detail = wpCode === null ? `HTTP ${status}` : `${wpCode}: ${message}`
  if (wpCode === 'application_passwords_disabled' || wpCode === 'application_passwords_disabled_for_user') return new WpError('app_passwords_unavailable', detail, status, wpCode)
  if (wpCode === 'rest_disabled' || wpCode === 'rest_no_route' || wpCode === 'rest_cannot_access')
    return new WpError(wpCode === 'rest_no_route' ? 'rejected' : 'rest_disabled', detail, status, wpCode)
  // WordPress answers 401 to a request it could not authenticate and 403 to a user it knows but may not do this.
  if (status === 401) return new WpError('wrong_password', detail, status, wpCode)
  if (status === 403 && wpCode !== null && (CAPABILITY.test(wpCode) || wpCode === 'rest_forbidden_context')) return new WpError('missing_capability', detail, status, wpCode)
  if (status === 429) return new WpError('rate_limited', detail, status, wpCode)
  if (status === 413 || wpCode === 'rest_upload_file_too_big' || wpCode === 'rest_upload_limited_space') return new WpError('file_too_large', detail, status, wpCode)
  if (status >= 500) return new WpError('server_error', detail, status, wpCode, true)
  return new WpError('rejected', detail, status, wpCode)
}

/**
 * What TLS says when the certificate does not verify: an untrusted issuer, the wrong name, out of its
 * dates. The handshake failed, so nothing (no password) went over that connection.
 */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'INVALID_PURPOSE'
])
/** Of those, the ones a computer whose clock is wrong sees with a good certificate. */
export const CERTIFICATE_DATE_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])

function networkError(error: unknown, timedOut: boolean): WpError {
  if (timedOut) return new WpError('timeout', 'the site did not answer in time', null, null, true)
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const code = cause?.code ?? ''
  // The proxy the setting names is down or refused: nothing reached the site, and nothing goes around the proxy.
  if (code === 'EPROXY') return new WpError('proxy_failed', cause?.message ?? 'the proxy does not answer')
  // The proxy answered but could not reach the site: no tunnel, so nothing was sent.
  if (code === 'ESOCKS') return new WpError('unreachable', cause?.message ?? 'the proxy could not reach the site')
  if (CERTIFICATE_CODES.has(code)) return new WpError('certificate', `the site's certificate does not verify (${code}): the connection may be intercepted`, null, code)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new WpError('wrong_address', `no such host (${code})`)
  // Refused before anything was sent: the request surely did nothing.
  if (code === 'ECONNREFUSED') return new WpError('unreachable', 'connection refused')
  return new WpError('unreachable', cause?.message ?? (error instanceof Error ? error.message : String(error)), null, null, true)
}

const retryable = (e: WpError) => e.code === 'timeout' || e.code === 'unreachable' || e.code === 'server_error' || e.code === 'rate_limited'

export class WpClient {
  /** Requests sent, counted for the benchmarks' request budget. */
  requests = 0
  private readonly fetchImpl: FetchLike
  private readonly auth: string | null

  constructor(readonly options: ClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init))
    this.auth =
      options.username !== undefined && options.password !== undefined
        ? `Basic ${Buffer.from(`${options.username}:${options.password.replace(/\s+/g, '')}`).toString('base64')}`
        : null
  }

  url(route: string, query?: RequestOptions['query']): string {
    return restUrl(this.options.restRoot, route, query)
  }

  /** One request, retried with backoff where that is safe. */
  async request<T>(method: string, route: string, options: RequestOptions = {}): Promise<WpResponse<T>> {
    const idempotent = options.idempotent ?? (method === 'GET' || method === 'HEAD')
    const retries = this.options.retries ?? 4
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, this.url(route, options.query), options)
      } catch (error) {
        const e = error instanceof WpError ? error : networkError(error, false)
        if (mayHaveLanded(e)) options.onDoubt?.(e)
        const safe = idempotent || !e.maybeApplied
        if (e.code === 'cancelled' || !retryable(e) || !safe || attempt >= retries) throw e
        await sleep(this.backoff(attempt, e), this.options.signal)
      }
    }
  }

  /** Sends to an absolute URL once (discovery follows the site's own links). */
  async once<T>(method: string, url: string, options: RequestOptions = {}): Promise<WpResponse<T>> {
    if (this.options.signal?.aborted) throw new WpError('cancelled', 'cancelled')
    const idle = idleDeadline(this.options.timeoutMs ?? 30_000)
    const signal = this.options.signal === undefined ? idle.signal : AbortSignal.any([idle.signal, this.options.signal])
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    if (this.auth !== null) {
      // Checked on every request that carries the password, whatever the site was stored with.
      const target = new URL(url)
      if (target.protocol !== 'https:' && !isLoopbackHost(target.hostname)) throw new WpError('insecure_address', `${target.origin} is not https:`)
      if (target.origin !== new URL(this.options.restRoot).origin) throw new WpError('foreign_rest_root', `${target.origin} is not the site's own address`)
      headers.authorization = this.auth
    }
    let body: RequestInit['body']
    let paced = false
    /** How much of a body was handed to the connection: a body never handed over whole cannot have been carried out (see below). */
    let handed = 0
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8'
      body = JSON.stringify(options.json)
    } else if (options.body !== undefined) {
      // Handed over piece by piece with its length declared: the idle clock and the progress follow what really goes out.
      const bytes = options.body
      headers['content-length'] = String(bytes.length)
      body = pacedBody(bytes, (sent) => {
        handed = sent
        idle.touch(sent === bytes.length ? Math.min(MAX_DRAIN_MS, (bytes.length / DRAIN_FLOOR_BYTES_PER_S) * 1000) : 0)
        options.onSent?.(sent, bytes.length)
      }) as unknown as RequestInit['body']
      paced = true
    }
    this.requests++
    let response: Response
    let text: string
    try {
      // A request that carries the password never follows a redirect: the site's own origin, or nothing.
      response = await this.fetchImpl(url, {
        method,
        headers,
        body,
        signal,
        redirect: this.auth === null ? 'follow' : 'manual',
        ...(paced ? { duplex: 'half' } : {})
      } as RequestInit)
      idle.touch()
      if (this.auth !== null && (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400))) {
        await response.body?.cancel().catch(() => undefined)
        throw new WpError('redirected', `${new URL(url).pathname} answered ${response.status} towards ${response.headers.get('location') ?? 'another address'}`, response.status)
      }
      text = await readCapped(response, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES, () => idle.touch())
    } catch (error) {
      if (error instanceof WpError) throw error
      if (this.options.signal?.aborted) throw new WpError('cancelled', 'cancelled')
      const failed = networkError(error, idle.fired())
      // A body with its hash (Content-MD5) that was cut before all of it was handed over: the site either never had the
      // request whole, or refuses the part it got (WordPress checks the hash before it makes anything). Safe to send again now.
      if (failed.maybeApplied && paced && handed < (options.body?.length ?? 0) && headers['content-md5'] !== undefined)
        throw new WpError(failed.code, `${failed.message} (cut after ${handed} of ${options.body!.length} bytes: not carried out)`, failed.status, failed.wpCode, false)
      throw failed
    } finally {
      idle.stop()
    }
    let data: unknown = null
    if (text.length > 0) {
      try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''))
      } catch {
        if (response.ok) throw new WpError('not_wordpress', `the answer from ${new URL(url).pathname} is not JSON`, response.status)
      }
    }
    if (!response.ok) {
      const body = (data ?? {}) as { code?: string; message?: string }
      const error = classifyResponse(response.status, typeof body.code === 'string' ? body.code : null, typeof body.message === 'string' ? body.message : '')
      ;(error as WpError & { retryAfter?: number }).retryAfter = Number(response.headers.get('retry-after') ?? '') || undefined
      throw error
    }
    return { data: data as T, status: response.status, headers: response.headers }
  }

  private backoff(attempt: number, error: WpError): number {
    const base = this.options.backoffMs ?? 400
    const retryAfter = (error as WpError & { retryAfter?: number }).retryAfter
    if (retryAfter !== undefined) return Math.min(retryAfter * 1000, 10 * base * 2 ** attempt, 30_000)
    return Math.min(base * 2 ** attempt * (0.75 + Math.random() / 2), 15_000)
  }

  get<T>(route: string, query?: RequestOptions['query']): Promise<WpResponse<T>> {
    return this.request<T>('GET', route, { query })
  }
}

/** What a site says about itself at its REST root. */
export interface SiteIndex {
  url: string
  restRoot: string
  name: string
  namespaces: string[]
  applicationPasswords: boolean
}

/** Normalises what a user typed as a site's address; throws `wrong_address` if it is not one. */
export function normalizeSiteUrl(input: string): string {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new WpError('wrong_address', `not a web address: ${trimmed}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WpError('wrong_address', `not a web address: ${trimmed}`)
  if (url.hostname === '') throw new WpError('wrong_address', `not a web address: ${trimmed}`)
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw new WpError('insecure_address', `${url.origin} is plain http: the password would travel in clear`)
  if (url.username !== '' || url.password !== '') throw new WpError('wrong_address', 'an address with a user name or password in it')
  url.hash = ''
  url.search = ''
  return url.toString().replace(/\/+$/, '')
}

const LINK_REL = /<([^>]+)>\s*;\s*rel="https:\/\/api\.w\.org\/"/

/**
 * Finds a site's REST root: the `Link` header its pages carry, or `?rest_route=/`
 * for sites that send none; then reads the index to check it is WordPress's REST API.
 */
export async function discoverSite(address: string, options: Omit<ClientOptions, 'restRoot'> = {}): Promise<SiteIndex> {
  const url = normalizeSiteUrl(address)
  const client = new WpClient({ ...options, restRoot: `${url}/`, username: undefined, password: undefined })
  let restRoot: string | null = null
  let home: Response
  try {
    home = await (options.fetch ?? fetch)(`${url}/`, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) })
    client.requests++
  } catch (error) {
    const e = networkError(error, (error as { name?: string }).name === 'TimeoutError')
    throw e.code === 'unreachable' ? new WpError('wrong_address', `nothing answers at ${url} (${e.message})`) : e
  }
  const link = home.headers.get('link')
  const match = link === null ? null : LINK_REL.exec(link)
  const pageText = await readCapped(home, 2 * 2 ** 20).catch(() => '')
  if (match !== null) restRoot = new URL(match[1]!, `${url}/`).toString()
  else restRoot = `${url}/?rest_route=/`
  // The password goes only to the address the reporter typed: same scheme, host and port.
  const root = new URL(restRoot)
  if (root.origin !== new URL(url).origin) throw new WpError('foreign_rest_root', `the site's REST API is announced at ${root.origin}, not ${new URL(url).origin}`)

  let index: WpResponse<{ name?: string; namespaces?: string[]; authentication?: Record<string, unknown> }>
  try {
    // Only the fields read here: WordPress 7.0's whole index is ~260 kB (two seconds on a 1 Mbit/s link), these are a few hundred bytes.
    index = await client.once('GET', restUrl(restRoot, '', { _fields: 'name,namespaces,authentication' }))
  } catch (error) {
    if (!(error instanceof WpError)) throw error
    if (error.code === 'not_wordpress' || error.status === 404) {
      // A WordPress site whose REST API was switched off still shows its wp-content paths.
      throw /wp-content|wp-includes/.test(pageText)
        ? new WpError('rest_disabled', 'the site is WordPress but its REST API does not answer')
        : new WpError('not_wordpress', `${url} does not look like a WordPress site`)
    }
    if (error.code === 'wrong_password' || error.code === 'missing_capability') throw new WpError('rest_disabled', error.message, error.status, error.wpCode)
    throw error
  }
  const namespaces = Array.isArray(index.data?.namespaces) ? index.data.namespaces : []
  if (typeof index.data !== 'object' || index.data === null || !('namespaces' in index.data)) {
    throw new WpError('not_wordpress', `${url} does not look like a WordPress site`)
  }
  if (!namespaces.includes('wp/v2')) throw new WpError('rest_disabled', 'the site does not offer the wp/v2 API')
  const authentication = index.data.authentication ?? {}
  return {
    url,
    restRoot,
    name: typeof index.data.name === 'string' ? index.data.name : url,
    namespaces,
    applicationPasswords: typeof authentication === 'object' && authentication !== null && 'application-passwords' in authentication
  }
}
