import { join } from 'node:path'
import type * as Electron from 'electron'
import { createServices, type Services } from './services'
import { createHandlers } from './ipc/handlers'
import { createDispatcher } from './ipc/dispatch'
import { registerIpc } from './ipc/register'
import { denyPermissions } from './security'
import { APP_ORIGIN, APP_SCHEME, serveAppRequest } from './protocol'
import { createMainWindow } from './window'
import { loadWindowState, restoreWindowState, saveWindowState } from './window-state'
import { electronPlatform } from './platform/electron'
import { runSmoke, smokeDataDir } from './smoke'
import { electronUpdates, type AutoUpdater } from './platform/updater'
import { chromiumProxyConfig, CONNECTING_PARTITIONS } from './platform/proxy'

type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'shell' | 'dialog' | 'screen' | 'safeStorage'> & {
  net?: Pick<typeof Electron.net, 'isOnline'>
}

/** What the quit dialog says when words could not reach the disk. */
const UNSAVED_WORDS = {
  ar: {
    message: 'آخر ما كتبته ليس على القرص',
    detail: 'تعذّر الحفظ (القرص ممتلئ أو مجلد البيانات غير متاح). إن أغلقت قلم الآن ضاع. ابقَ، وأفرغ بعض المساحة، فيُحفظ وحده.',
    stay: 'ابقَ',
    quit: 'أغلق وأضِعه'
  },
  en: {
    message: 'Your last words are not on disk',
    detail: 'They could not be saved (the disk is full or the data folder is unavailable). If you quit now they are lost. Stay, free some space, and they are saved by themselves.',
    stay: 'Stay',
    quit: 'Quit and lose them'
  }
} as const

export interface AppPaths {
  rendererDir: string
  preloadPath: string
  iconPath?: string
  /** better-sqlite3 built for Electron's ABI. */
  nativeBinding?: string
  /** Set by electron-vite in development: the renderer's dev-server URL. */
  devServerUrl?: string
  /** `--smoke-test`: a temporary desk, one article through the window, then exit (src/main/smoke.ts). */
  smoke?: boolean
}

/** How long quitting waits for the renderer to write pending changes. */
export const FLUSH_ON_QUIT_TIMEOUT_MS = 3_000

/**
 * The app's lifecycle: one instance, a store, the services, the IPC handlers,
 * the window; and on quit, every pending change written before the process ends.
 * Takes the Electron module as an argument so tests can drive it with fakes.
 */
export function runApp(electron: ElectronModule, paths: AppPaths): { services: () => Services | null } {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, screen, safeStorage } = electron
  let services: Services | null = null
  let window: Electron.BrowserWindow | null = null
  let quitting = false
  // Set once the renderer has written everything and the window may really close.
  let rendererFlushed = false

  /**
   * Asks the renderer to write pending changes; resolves when it has, or at the deadline, with
   * whether the window may close. Words that could not reach the disk (a full disk, a folder gone)
   * are said in a dialog first, and the reporter may stay to free space.
   */
  const flushRenderer = async (): Promise<boolean> => {
    const live = services
    const win = window
    if (rendererFlushed || live === null || win === null || win.isDestroyed()) return true
    const answered = live.flush.waitForFlush(FLUSH_ON_QUIT_TIMEOUT_MS)
    win.webContents.send('app:flush', null)
    const answer = await answered
    if (answer !== null && answer.unsaved > 0 && !win.isDestroyed()) {
      const words = live.store.status().state === 'ready' && live.settings.get().locale === 'en' ? UNSAVED_WORDS.en : UNSAVED_WORDS.ar
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        message: words.message,
        detail: words.detail,
        buttons: [words.stay, words.quit],
        defaultId: 0,
        cancelId: 0,
        noLink: true
      })
      if (response === 0) return false
    }
    rendererFlushed = true
    return true
  }

  // A smoke run has a desk (and a Chromium profile) of its own, so it runs beside a reporter's Qalam and leaves nothing behind.
  const smokeDir = paths.smoke === true ? smokeDataDir() : null
  if (smokeDir !== null) app.setPath('userData', smokeDir.dir)
  else if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { services: () => null }
  }

  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])

  const openExternal = (url: string) => void shell.openExternal(url)

  app.on('second-instance', () => {
    if (window === null) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  void app.whenReady().then(() => {
    const dataDir = app.getPath('userData')
    const platform = {
      ...electronPlatform({
        dialog,
        shell,
        safeStorage,
        window: () => window,
        appVersion: app.getVersion(),
        platformName: process.platform
      }),
      updates: electronUpdates({
        packaged: app.isPackaged === true && paths.smoke !== true,
        // Loaded only in a packaged app (electron-updater reads app-update.yml from its resources, and needs the real Electron).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        autoUpdater: () => (require('electron-updater') as { autoUpdater: AutoUpdater }).autoUpdater,
        isOnline: () => electron.net?.isOnline() ?? true,
        pickInstaller: async () => {
          const options = { properties: ['openFile' as const], filters: [{ name: 'Qalam', extensions: ['exe', 'dmg', 'deb', 'AppImage'] }] }
          const result = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options)
          return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!
        },
        openPath: (path) => shell.openPath(path),
        platformName: process.platform,
        resourcesPath: process.resourcesPath
      }),
      // The system's proxy (PAC/WPAD included), as Chromium resolves it, for the main process's own connections in system mode.
      resolveProxy: (url: string) => session.defaultSession.resolveProxy(url),
      // The panic wipe clears what Chromium keeps for the window too.
      clearBrowserData: async () => {
        await session.defaultSession.clearStorageData()
        await session.defaultSession.clearCache()
      }
    }
    const appBase = paths.devServerUrl ?? `${APP_ORIGIN}/`
    const startUrl = paths.devServerUrl ?? `${APP_ORIGIN}/index.html`
    services = createServices({
      dataDir,
      platform,
      nativeBinding: paths.nativeBinding,
      mediaBaseUrl: `${APP_ORIGIN}/media/`
    })
    const live = services
    live.onSyncProgress((progress) => {
      if (window !== null && !window.isDestroyed()) window.webContents.send('sync:progress', progress)
    })
    live.updates.onState((state) => {
      if (window !== null && !window.isDestroyed()) window.webContents.send('updates:state', state)
    })
    // Chromium's own connections (the updater's check and downloads) follow the network setting too, from the moment the desk opens.
    live.onNetworkChange((setting) => {
      const config = chromiumProxyConfig(setting)
      for (const target of [session.defaultSession, ...CONNECTING_PARTITIONS.map((p) => session.fromPartition(p, { cache: false }))]) {
        void target.setProxy(config).then(() => target.closeAllConnections())
      }
    })
    live.updates.start()
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url)
      if (url.host !== 'app') return new Response('not found', { status: 404 })
      const answer = await serveAppRequest(url.pathname, { rendererDir: paths.rendererDir, media: (id) => live.media.read(id) })
      return new Response(answer.body as ConstructorParameters<typeof Response>[0], { status: answer.status, headers: answer.headers })
    })
    registerIpc(ipcMain, createDispatcher(createHandlers(services)), appBase)
    denyPermissions(session.defaultSession)

    const stateFile = join(dataDir, 'window-state.json')
    const state = restoreWindowState(
      loadWindowState(stateFile),
      screen.getAllDisplays().map((d) => d.workArea)
    )
    window = createMainWindow({
      BrowserWindow,
      openExternal,
      preloadPath: paths.preloadPath,
      iconPath: paths.iconPath,
      state,
      onStateChange: (next) => saveWindowState(stateFile, next)
    })
    const win = window
    // Closing the window (the ✕, or Alt+F4) writes what the reporter typed first.
    win.on('close', (event) => {
      if (rendererFlushed) return
      event.preventDefault()
      void flushRenderer().then((close) => {
        if (close && !win.isDestroyed()) win.close()
      })
    })
    win.on('closed', () => {
      window = null
    })
    // A crashed renderer loses at most the last second of typing; bring it back.
    win.webContents.on('render-process-gone', (_event, details) => {
      console.error(`[main] renderer gone: ${details.reason}`)
      if (details.reason !== 'clean-exit' && !win.isDestroyed()) void win.loadURL(startUrl)
    })
    if (smokeDir !== null) {
      const reopenServices = () => createServices({ dataDir, platform, nativeBinding: paths.nativeBinding, mediaBaseUrl: `${APP_ORIGIN}/media/` })
      win.webContents.once('did-finish-load', () => {
        void runSmoke({
          runInPage: (script) => win.webContents.executeJavaScript(script),
          closeServices: () => live.close(),
          reopen: reopenServices,
          log: (line) => console.log(line),
          exit: (code) => {
            smokeDir.remove()
            app.exit(code)
          }
        })
      })
    }
    void window.loadURL(startUrl)
  })

  app.on('window-all-closed', () => app.quit())

  app.on('before-quit', (event) => {
    if (quitting || services === null) return
    event.preventDefault()
    quitting = true
    const live = services
    void flushRenderer().then((close) => {
      if (!close) {
        quitting = false
        return
      }
      live.close()
      app.quit()
    })
  })

  return { services: () => services }
}
