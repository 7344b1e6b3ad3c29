import { isExternalWebUrl } from '@shared/domain/links'

export { CONTENT_SECURITY_POLICY } from './csp'

/** True when `url` is a page of the app itself (same scheme and host as `appBase`). */
export function isAppUrl(url: string, appBase: string): boolean {
  try {
    const u = new URL(url)
    const base = new URL(appBase)
    return u.protocol === base.protocol && u.host === base.host
  } catch {
    return false
  }
}

interface NavigationEvent {
  preventDefault(): void
}

interface SecurableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

interface SecurableSession {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void
}

/**
 * The window never navigates away from the app and never opens another
 * window. The one way out is a link the user clicked to open in a new window
 * (target=_blank, or Ctrl/Cmd+click in the editor, which goes through the
 * `shell:openExternal` channel): an http(s) one opens in the system browser.
 */
export function secureContents(contents: SecurableContents, openExternal: (url: string) => void): void {
  const block = (event: NavigationEvent) => event.preventDefault()
  contents.on('will-navigate', block)
  contents.on('will-redirect', block)
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** Every permission (camera, geolocation, notifications, …) is denied unless listed here; none is. */
export function denyPermissions(session: SecurableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
