/**
 * The Electron adapter, driven with a fake `electron` module (Electron itself
 * cannot run on these machines). What is asserted is what the real one must do:
 * one instance, a secure window, a strict protocol, denied permissions and
 * navigation, typed IPC for every channel, and a flush before quitting.
 */
import { EventEmitter } from 'node:events'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runApp } from '@main/app'
import { CHANNELS } from '@shared/ipc/contract'
import { adapterFolders, FakeWindow, fakeElectron } from '../support/fake-electron'

const folders = adapterFolders()

async function started(lock = true) {
  const electron = fakeElectron(join(folders.dir, 'userData'), lock)
  const handle = runApp(electron as never, { rendererDir: folders.rendererDir, preloadPath: '/app/out/preload/index.js' })
  await new Promise((ok) => setTimeout(ok, 10))
  return { electron, handle, win: FakeWindow.all[0]! }
}

describe('the Electron adapter', () => {
  it('lets only one instance run', async () => {
    const { electron } = await started(false)
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.app.whenReady).not.toHaveBeenCalled()
    expect(FakeWindow.all).toHaveLength(0)
  })

  it('focuses the running window when a second instance starts', async () => {
    const { electron, win } = await started()
    electron.app.emit('second-instance')
    expect(win.focus).toHaveBeenCalled()
  })

  it('opens one window with secure webPreferences, served from qalam://app', async () => {
    const { electron, win } = await started()
    expect(FakeWindow.all).toHaveLength(1)
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(win.loadURL).toHaveBeenCalledWith('qalam://app/index.html')
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'qalam', privileges: expect.objectContaining({ standard: true, secure: true }) })
    ])
  })

  it('serves the renderer through the protocol with the CSP, and nothing from other hosts', async () => {
    const { electron } = await started()
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>]
    expect(scheme).toBe('qalam')
    const page = await handler(new Request('qalam://app/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await handler(new Request('qalam://elsewhere/index.html'))).status).toBe(404)
    expect((await handler(new Request('qalam://app/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404)
  })

  it("points Chromium's sessions (the updater's too) at the network setting when the desk opens and when it changes, with no direct fallback", async () => {
    const { electron, win } = await started()
    const updater = electron.session.fromPartition('electron-updater')
    expect(electron.session.defaultSession.setProxy).toHaveBeenLastCalledWith({ mode: 'system' })
    expect(updater.setProxy).toHaveBeenLastCalledWith({ mode: 'system' })
    const registered = new Map(electron.ipcMain.handle.mock.calls as [string, (e: unknown, p: unknown) => Promise<unknown>][])
    const fromApp = { senderFrame: win.webContents.mainFrame, sender: win.webContents }
    await registered.get('settings:update')!(fromApp, { network: { mode: 'socks5', host: '127.0.0.1', port: 9150 } })
    await new Promise((ok) => setTimeout(ok, 5))
    for (const s of [electron.session.defaultSession, updater]) {
      expect(s.setProxy).toHaveBeenLastCalledWith({ mode: 'fixed_servers', proxyRules: 'socks5://127.0.0.1:9150' })
      // Connections opened on the old route are closed, not reused.
      expect(s.closeAllConnections).toHaveBeenCalled()
    }
    // A proxy without its port is refused at the door, and changes nothing.
    const refused = await registered.get('settings:update')!(fromApp, { network: { mode: 'http', host: 'proxy.newsroom', port: 0 } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    expect(electron.session.defaultSession.setProxy).toHaveBeenLastCalledWith({ mode: 'fixed_servers', proxyRules: 'socks5://127.0.0.1:9150' })
  })

  it('never navigates away and opens only http(s) links, in the system browser', async () => {
    const { electron, win } = await started()
    const prevent = vi.fn()
    win.webContents.emit('will-navigate', { preventDefault: prevent }, 'https://evil.example/')
    win.webContents.emit('will-navigate', { preventDefault: prevent }, 'file:///etc/passwd')
    expect(prevent).toHaveBeenCalledTimes(2)
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    const open = win.webContents.openHandler!
    expect(open({ url: 'https://www.example.com/story' })).toEqual({ action: 'deny' })
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://www.example.com/story']])
  })

  it('denies every permission request', async () => {
    const { electron } = await started()
    const request = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (g: boolean) => void) => void
    const check = electron.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string) => boolean
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn()
      request(null, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(check(null, permission)).toBe(false)
    }
  })

  it('refuses webviews', async () => {
    const { electron } = await started()
    const contents = new EventEmitter()
    electron.app.emit('web-contents-created', {}, contents)
    const prevent = vi.fn()
    contents.emit('will-attach-webview', { preventDefault: prevent })
    expect(prevent).toHaveBeenCalled()
  })

  it('registers a validated handler for every channel, and refuses other senders', async () => {
    const { electron, win } = await started()
    const registered = new Map(electron.ipcMain.handle.mock.calls as [string, (e: unknown, p: unknown) => Promise<unknown>][])
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort())
    const fromApp = { senderFrame: win.webContents.mainFrame, sender: win.webContents }
    expect(await registered.get('articles:create')!(fromApp, {})).toMatchObject({ ok: true })
    expect(await registered.get('articles:create')!(fromApp, { title: 7 })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    const iframe = { url: 'qalam://app/index.html' }
    expect(await registered.get('articles:list')!({ senderFrame: iframe, sender: win.webContents }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' }
    })
  })

  it('asks the renderer to write pending changes before quitting, then closes the store', async () => {
    const { electron, handle, win } = await started()
    const registered = new Map(electron.ipcMain.handle.mock.calls as [string, (e: unknown, p: unknown) => Promise<unknown>][])
    const quitEvent = { preventDefault: vi.fn() }
    electron.app.emit('before-quit', quitEvent)
    expect(quitEvent.preventDefault).toHaveBeenCalled()
    expect(win.webContents.send).toHaveBeenCalledWith('app:flush', null)
    expect(electron.app.quit).not.toHaveBeenCalled()
    await registered.get('app:flushed')!({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, {})
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled())
    expect(handle.services()!.store.status().state).toBe('failed')
    // The second before-quit (from app.quit) goes through.
    const again = { preventDefault: vi.fn() }
    electron.app.emit('before-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
  })

  it('warns before quitting when words could not reach the disk, and stays when the reporter says so', async () => {
    const { electron, win } = await started()
    const registered = new Map(electron.ipcMain.handle.mock.calls as [string, (e: unknown, p: unknown) => Promise<unknown>][])
    electron.app.emit('before-quit', { preventDefault: vi.fn() })
    await registered.get('app:flushed')!({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, { unsaved: 1 })
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled())
    const [, options] = electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { message: string; buttons: string[] }]
    expect(options.message).toBe('آخر ما كتبته ليس على القرص')
    expect(options.buttons[0]).toBe('ابقَ')
    await new Promise((ok) => setTimeout(ok, 20))
    expect(electron.app.quit).not.toHaveBeenCalled()
    // Asked again (space freed, nothing pending): it quits.
    electron.app.emit('before-quit', { preventDefault: vi.fn() })
    await registered.get('app:flushed')!({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, { unsaved: 0 })
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled())
  })

  it('writes pending changes before the window closes', async () => {
    const { electron, win } = await started()
    const registered = new Map(electron.ipcMain.handle.mock.calls as [string, (e: unknown, p: unknown) => Promise<unknown>][])
    win.close()
    expect(win.destroyed).toBe(false)
    expect(win.webContents.send).toHaveBeenCalledWith('app:flush', null)
    await registered.get('app:flushed')!({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, {})
    await vi.waitFor(() => expect(win.destroyed).toBe(true))
    expect(win.close).toHaveBeenCalledTimes(2)
  })

  it('closes the window anyway when the renderer does not answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      const electron = fakeElectron(join(folders.dir, 'userData'))
      runApp(electron as never, { rendererDir: folders.rendererDir, preloadPath: '/p.js' })
      await vi.waitFor(() => expect(FakeWindow.all).toHaveLength(1))
      const win = FakeWindow.all[0]!
      win.close()
      expect(win.destroyed).toBe(false)
      await vi.advanceTimersByTimeAsync(3_000)
      expect(win.destroyed).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('reloads a renderer that crashed', async () => {
    const { win } = await started()
    win.loadURL.mockClear()
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed' })
    expect(win.loadURL).toHaveBeenCalledWith('qalam://app/index.html')
  })

  it('remembers the window size and position', async () => {
    const { win } = await started()
    const file = join(folders.dir, 'userData', 'window-state.json')
    for (let i = 0; i < 20; i++) win.emit('move')
    expect(existsSync(file)).toBe(false)
    await vi.waitFor(() => expect(existsSync(file)).toBe(true))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 40, y: 30, width: 1300, height: 850 }, maximized: false })
  })
})
