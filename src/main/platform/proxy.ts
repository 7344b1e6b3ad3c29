import type { NetworkSetting } from '@shared/domain/network'

/** Chromium's proxy configuration (Electron's ProxyConfig), for the sessions that make connections: the updater's. */
export type ChromiumProxyConfig = { mode: 'system' } | { mode: 'direct' } | { mode: 'fixed_servers'; proxyRules: string }

/**
 * The network setting as Chromium takes it. A fixed proxy lists no DIRECT fallback, so Chromium
 * fails closed as the main process does; with socks5:// Chromium has the proxy resolve names.
 */
export function chromiumProxyConfig(setting: NetworkSetting): ChromiumProxyConfig {
  const host = setting.host.includes(':') ? `[${setting.host}]` : setting.host
  switch (setting.mode) {
    case 'system':
      return { mode: 'system' }
    case 'none':
      return { mode: 'direct' }
    case 'http':
      return { mode: 'fixed_servers', proxyRules: `http://${host}:${setting.port}` }
    case 'socks5':
      return { mode: 'fixed_servers', proxyRules: `socks5://${host}:${setting.port}` }
  }
}

/** The sessions that connect out: the default one and electron-updater's own ("electron-updater"). */
export const CONNECTING_PARTITIONS = ['electron-updater'] as const
