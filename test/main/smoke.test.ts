import { runInNewContext } from 'node:vm'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runApp } from '@main/app'
import { runSmoke, SMOKE_TEXT } from '@main/smoke'
import { createApi } from '@shared/ipc/create-api'
import { adapterFolders, FakeWindow, fakeElectron } from '../support/fake-electron'

/**
 * `qalam --smoke-test`, its main-process part driven through the fake Electron: the page's
 * part runs against the app's real IPC handlers (as the preload would call them), the store
 * is real, and the spell check runs in the real worker thread.
 */

const folders = adapterFolders()

/** Lets the fake window run page code with `window.api` wired to the handlers the app registered. */
function pageWithBridge(electron: ReturnType<typeof fakeElectron>, win: FakeWindow): void {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(electron.ipcMain.handle.mock.calls as never)
  const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
  const api = createApi(
    (channel, payload) => handlers.get(channel)!(event, payload),
    () => () => {}
  )
  win.webContents.runScript = async (code) => runInNewContext(code, { window: { api } }) as Promise<unknown>
}

describe('the smoke run', () => {
  it('creates, saves and reopens an article through the window on a temporary desk, checks spelling in the worker, and exits 0', async () => {
    const userData = join(folders.dir, 'userData')
    const electron = fakeElectron(userData)
    runApp(electron as never, { rendererDir: folders.rendererDir, preloadPath: '/app/out/preload/index.js', smoke: true })
    await vi.waitFor(() => expect(FakeWindow.all).toHaveLength(1))
    const win = FakeWindow.all[0]!
    // Its own desk and Chromium profile; the single-instance lock is not asked for, so it runs beside a reporter's Qalam.
    const smokeDir = electron.app.setPath.mock.calls[0]![1]
    expect(smokeDir).not.toBe(userData)
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled()
    pageWithBridge(electron, win)
    win.webContents.emit('did-finish-load')
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalled(), { timeout: 30_000 })
    expect(electron.app.exit).toHaveBeenCalledWith(0)
    expect(win.webContents.executeJavaScript).toHaveBeenCalledTimes(1)
    // The temporary desk is gone, and the reporter's was never made.
    expect(existsSync(smokeDir)).toBe(false)
    expect(existsSync(userData)).toBe(false)
  })

  it('exits non-zero with the reason when the page fails, answers wrongly, or never answers', async () => {
    const lines: string[] = []
    const exits: number[] = []
    const base = {
      closeServices: () => {},
      log: (l: string) => lines.push(l),
      exit: (c: number) => exits.push(c),
      reopen: () => ({ articles: { get: () => ({ title: SMOKE_TEXT.title, bodyText: SMOKE_TEXT.body }) }, close: () => {} }) as never
    }
    await runSmoke({ ...base, runInPage: () => Promise.reject(new Error('INTERNAL: the store is locked')) })
    await runSmoke({ ...base, runInPage: async () => ({ articleId: 'x', savedTitle: SMOKE_TEXT.title, savedBodyText: SMOKE_TEXT.body, unknownWords: [] }) })
    await runSmoke({ ...base, runInPage: () => new Promise(() => {}), timeoutMs: 50 })
    expect(exits).toEqual([2, 1, 2])
    expect(lines[0]).toContain('the store is locked')
    expect(lines[1]).toContain(`expected only ${SMOKE_TEXT.misspelled}`)
    expect(lines[2]).toContain('no answer within')
  })
})
