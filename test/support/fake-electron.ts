/**
 * A fake `electron` module for the adapter's tests (Electron itself cannot run on these
 * machines): windows, web contents, the app's lifecycle, with spies on what the adapter calls.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, vi } from 'vitest'
import { tempDir } from './temp'

export class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  mainFrame = { url: 'qalam://app/index.html' }
  send = vi.fn()
  /** Set by a test that lets the page run code (the smoke run): evaluates it as the window would. */
  runScript: ((code: string) => Promise<unknown>) | null = null
  executeJavaScript = vi.fn((code: string) => (this.runScript === null ? Promise.reject(new Error('no page')) : this.runScript(code)))
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler
  }
}

export class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = []
  webContents = new FakeWebContents()
  loadURL = vi.fn(async () => {})
  show = vi.fn()
  maximize = vi.fn()
  focus = vi.fn()
  restore = vi.fn()
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeWindow.all.push(this)
  }
  destroyed = false
  isDestroyed = () => this.destroyed
  close = vi.fn(() => {
    const event = { preventDefault: vi.fn(), defaultPrevented: false }
    event.preventDefault = vi.fn(() => void (event.defaultPrevented = true))
    this.emit('close', event)
    if (!event.defaultPrevented) {
      this.destroyed = true
      this.emit('closed')
    }
  })
  isMinimized = () => false
  isMaximized = () => false
  getNormalBounds = () => ({ x: 40, y: 30, width: 1300, height: 850 })
}

/** A Chromium session: permissions, and the proxy the network setting points it at. */
function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setProxy: vi.fn(async (_config: unknown) => {}),
    closeAllConnections: vi.fn(async () => {}),
    resolveProxy: vi.fn(async (_url: string) => 'DIRECT')
  }
}

export function fakeElectron(dataDir: string, lock = true) {
  let userData = dataDir
  const partitions: Record<string, ReturnType<typeof fakeSession>> = {}
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => lock),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => userData),
    setPath: vi.fn((_name: string, path: string) => void (userData = path)),
    exit: vi.fn(),
    getVersion: () => '0.1.0'
  })
  return {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: fakeSession(),
      fromPartition: vi.fn((name: string) => (partitions[name] ??= fakeSession()))
    },
    shell: { openExternal: vi.fn(async () => {}) },
    dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8')
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] }
  }
}

/**
 * A temporary folder with a built renderer's stand-in (`renderer/index.html`) for each test
 * of the adapter, and no windows left from the one before. Read `dir` and `rendererDir` inside tests.
 */
export function adapterFolders() {
  const state: { tmp: ReturnType<typeof tempDir> | null } = { tmp: null }
  beforeEach(() => {
    state.tmp = tempDir()
    FakeWindow.all = []
    mkdirSync(join(state.tmp.dir, 'renderer'))
    writeFileSync(join(state.tmp.dir, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>')
  })
  afterEach(() => state.tmp?.remove())
  return {
    get dir(): string {
      return state.tmp!.dir
    },
    get rendererDir(): string {
      return join(state.tmp!.dir, 'renderer')
    }
  }
}
