/**
 * How Qalam reaches the internet: as the system says (its proxy, PAC file and certificate store),
 * directly, through a newsroom's HTTP proxy, or through SOCKS5 (Tor). Every connection Qalam makes
 * follows it: sync, adding a site, the update check and downloads.
 */
export const NETWORK_MODES = ['system', 'none', 'http', 'socks5'] as const
export type NetworkMode = (typeof NETWORK_MODES)[number]

export interface NetworkSetting {
  mode: NetworkMode
  /** The proxy's host name or address (http and socks5 only). */
  host: string
  /** The proxy's port (http and socks5 only). */
  port: number
}

export const DEFAULT_NETWORK: NetworkSetting = { mode: 'system', host: '', port: 0 }

/** Tor's SOCKS port as the tor service opens it, and as Tor Browser does. */
export const TOR_PORTS = { service: 9050, browser: 9150 } as const

/** A proxy host: a name made of letters, digits, dots and dashes, an IPv4 address, or an IPv6 one in brackets or bare. */
export function isProxyHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false
  if (/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(host)) return true
  return /^\[?[0-9A-Fa-f:.]{2,45}\]?$/.test(host) && host.includes(':')
}

/** A setting whose proxy is complete: a host and a port for http and socks5; nothing else for system and none. */
export function isNetworkSetting(value: unknown): value is NetworkSetting {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (!(NETWORK_MODES as readonly unknown[]).includes(v.mode) || typeof v.host !== 'string' || typeof v.port !== 'number') return false
  if (v.mode === 'system' || v.mode === 'none') return true
  return isProxyHost(v.host) && Number.isInteger(v.port) && v.port >= 1 && v.port <= 65535
}
