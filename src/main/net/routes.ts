import type { NetworkSetting } from '@shared/domain/network'

/** Where one connection goes: straight to the site, or through a proxy that is asked for the site by name. */
export type Route = { kind: 'direct' } | { kind: 'http'; host: string; port: number; tls: boolean } | { kind: 'socks5'; host: string; port: number }

/** Asks the system which proxy serves a URL, in the PAC answer form ("PROXY host:port; DIRECT"): Electron's session.resolveProxy. */
export type ResolveSystemProxy = (url: string) => Promise<string>

const ENTRY = /^(DIRECT|PROXY|HTTPS|SOCKS5|SOCKS)(?:\s+(\[[0-9A-Fa-f:.]+\]|[^\s:]+):(\d{1,5}))?$/i

/**
 * The route a PAC answer gives, from its first entry only: a fallback the answer lists after a
 * proxy ("PROXY p:8080; DIRECT") is never taken, so a proxy that is down stops the connection
 * instead of letting it go around it. SOCKS (v4) is taken as SOCKS5, which every such proxy speaks
 * and which sends the site's name, not its address.
 */
export function routeFromPac(answer: string): Route {
  const first = answer.split(';')[0]?.trim() ?? ''
  const match = ENTRY.exec(first)
  if (match === null) throw new RouteError(`the system's proxy answer is not understood: ${first.slice(0, 100)}`)
  const kind = match[1]!.toUpperCase()
  if (kind === 'DIRECT') return { kind: 'direct' }
  if (match[2] === undefined || match[3] === undefined) throw new RouteError(`the system's proxy answer names no proxy: ${first.slice(0, 100)}`)
  const host = match[2].replace(/^\[|\]$/g, '')
  const port = Number(match[3])
  if (port < 1 || port > 65535) throw new RouteError(`the system's proxy answer has no valid port: ${first.slice(0, 100)}`)
  if (kind === 'SOCKS5' || kind === 'SOCKS') return { kind: 'socks5', host, port }
  return { kind: 'http', host, port, tls: kind === 'HTTPS' }
}

/** The route a setting gives for a URL: system asks the system (direct where it cannot be asked: the test host), the others say it themselves. */
export async function routeFor(setting: NetworkSetting, url: string, system: ResolveSystemProxy | undefined): Promise<Route> {
  switch (setting.mode) {
    case 'none':
      return { kind: 'direct' }
    case 'http':
      return { kind: 'http', host: setting.host, port: setting.port, tls: false }
    case 'socks5':
      return { kind: 'socks5', host: setting.host, port: setting.port }
    case 'system':
      if (system === undefined) return { kind: 'direct' }
      try {
        return routeFromPac(await system(url))
      } catch (error) {
        if (error instanceof RouteError) throw error
        throw new RouteError(`the system's proxy could not be asked: ${error instanceof Error ? error.message : String(error)}`)
      }
  }
}

/** A proxy setting that cannot be followed: the connection is not made at all. */
export class RouteError extends Error {
  readonly code = 'EPROXY'
}

/** A route's proxy as it is named in messages ("socks5 127.0.0.1:9050"). */
export function describeRoute(route: Route): string {
  return route.kind === 'direct' ? 'direct' : `${route.kind} ${route.host.includes(':') ? `[${route.host}]` : route.host}:${route.port}`
}
