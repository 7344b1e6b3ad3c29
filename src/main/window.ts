import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron'
import type { WindowState } from './window-state'
import { secureContents } from './security'

/** The webPreferences every Qalam window has; tests hold the factory to them. */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false
  }
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType
  openExternal: (url: string) => void
  preloadPath: string
  iconPath?: string
  state: WindowState
  onStateChange: (state: WindowState) => void
}

/** How long the window must stay still before its bounds are written. */
export const WINDOW_STATE_DELAY_MS = 400

/** The one BrowserWindow factory. */
export function createMainWindow(deps: WindowDeps): BrowserWindowType {
  const win = new deps.BrowserWindow({
    ...deps.state.bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'قلم',
    icon: deps.iconPath,
    backgroundColor: '#fbfaf7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(deps.preloadPath)
  })
  if (deps.state.maximized) win.maximize()
  secureContents(win.webContents, deps.openExternal)
  win.once('ready-to-show', () => win.show())
  // Dragging fires 'move' dozens of times a second: write once it settles, and at once on close.
  let pending: ReturnType<typeof setTimeout> | null = null
  const remember = () => {
    if (pending !== null) clearTimeout(pending)
    pending = null
    if (win.isDestroyed()) return
    deps.onStateChange({ bounds: win.getNormalBounds(), maximized: win.isMaximized() })
  }
  const rememberSoon = () => {
    if (pending !== null) clearTimeout(pending)
    pending = setTimeout(remember, WINDOW_STATE_DELAY_MS)
  }
  win.on('resize', rememberSoon)
  win.on('move', rememberSoon)
  win.on('close', remember)
  return win
}
