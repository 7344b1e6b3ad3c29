/**
 * The test host: the real main-process services on a data folder, the real
 * IPC dispatcher (validation and sender check included), and the real renderer
 * in Debian's Chromium, with window.api built by the same createApi. Electron
 * is the only part that is not here. Test and development infrastructure;
 * never shipped in the app.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createServices, type Services } from '@main/services'
import { createHandlers } from '@main/ipc/handlers'
import { createDispatcher } from '@main/ipc/dispatch'
import { isAppUrl } from '@main/security'
import { serveAppRequest } from '@main/protocol'
import type { Platform } from '@main/platform/types'
import type { IpcResult } from '@shared/ipc/contract'
import { createApi, type Api } from '@shared/ipc/create-api'
import { testSecrets } from '../support/secrets'
import type { UpdaterPort } from '@main/updates/port'

const here = dirname(fileURLToPath(import.meta.url))
export const ROOT = resolve(here, '../..')
export const RENDERER_DIR = join(ROOT, 'out/renderer')
export const CHROMIUM = process.env.QALAM_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage'
]

export interface HostOptions {
  dataDir: string
  headless?: boolean
  viewport?: { width: number; height: number }
  /** What the "pick an image" dialog answers; null means the user cancelled. */
  pickImageFile?: () => Promise<string | null>
  /** How the stand-in keyring behaves: 'plain' plays Linux without a keyring. */
  secretStorage?: 'os' | 'plain' | 'unavailable'
  now?: () => number
  /** Where bundles the app exports are written (the save dialog's answer); by default the data folder's exports/. */
  bundleDir?: string
  /** Installs Playwright's controllable clock in the page before the app loads (tests that stop time). */
  controllableClock?: boolean
  /** Updates as a packaged app has them: an updater (a fake), the installer dialog's answer, where opened installers are recorded, and the publisher's key. */
  updates?: { updater?: UpdaterPort; pickInstaller?: () => Promise<string | null>; opened?: string[]; keyPem?: string }
}

export interface Host {
  page: Page
  /** The same typed client the renderer gets, through the same validated handlers the page uses. */
  api: Api
  /** Calls a channel by name with any payload (for tests that send what the typed client cannot). */
  invoke(channel: string, payload?: unknown): Promise<IpcResult<unknown>>
  /** Closes as the app quits: the renderer writes pending changes first. */
  close(): Promise<void>
  services: Services
  baseUrl: string
  /** URLs the app asked the system browser to open. */
  openedExternally: string[]
  /** Text files the app saved through the save dialog. */
  savedFiles: { name: string; text: string }[]
  /** Bundles the app saved through the save dialog, as paths. */
  savedBundles: string[]
  /** The update servers the main process asked about (its own dialog), in order. */
  serverConfirmations: (string | null)[]
  /** What the next "open a bundle" dialog answers (a path, or null for cancel). */
  dialogAnswers: { openBundle: string | null; confirmUpdateServer?: boolean }
}

const IPC_PATH = '/__qalam-ipc'

/** One call from the app window: the token, the app's own origin, a JSON body; the same dispatcher the binding uses. */
async function answerIpc(
  req: IncomingMessage,
  token: string,
  baseUrl: string,
  dispatch: ((channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>) | null
): Promise<[number, string]> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  if (req.method !== 'POST' || req.headers['x-qalam-token'] !== token || req.headers.origin !== baseUrl.replace(/\/$/, '') || dispatch === null) return [403, '{}']
  const { channel, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { channel: unknown; payload: unknown }
  return [200, JSON.stringify(await dispatch(channel, payload))]
}

let preloadBundle: Promise<string> | null = null
function pagePreload(): Promise<string> {
  preloadBundle ??= build({
    entryPoints: [join(here, 'page-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120'
  }).then((r) => r.outputFiles[0]!.text)
  return preloadBundle
}

let sharedBrowser: Promise<Browser> | null = null
let sharedHeadless: boolean | null = null
async function browserFor(headless: boolean): Promise<Browser> {
  if (sharedBrowser !== null && sharedHeadless === headless) {
    const b = await sharedBrowser
    if (b.isConnected()) return b
  }
  sharedHeadless = headless
  sharedBrowser = chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS })
  return sharedBrowser
}

/** Closes the Chromium that hosts share within one test process. */
export async function closeBrowser(): Promise<void> {
  if (sharedBrowser === null) return
  const b = await sharedBrowser
  sharedBrowser = null
  await b.close()
}

export async function startHost(options: HostOptions): Promise<Host> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:web` first')
  }
  const openedExternally: string[] = []
  const savedFiles: { name: string; text: string }[] = []
  const savedBundles: string[] = []
  const dialogAnswers: { openBundle: string | null; confirmUpdateServer?: boolean } = { openBundle: null }
  const serverConfirmations: (string | null)[] = []
  let services: Services | null = null
  let dispatchIpc: ((channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>) | null = null
  // The app window's calls arrive over fetch with this token (only the top frame's preload has it): a round trip
  // of about a millisecond, as Electron's IPC takes, where Playwright's binding takes 10–90 ms on this machine.
  const ipcToken = randomUUID()
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname
    if (pathname === IPC_PATH) {
      void answerIpc(req, ipcToken, baseUrl, dispatchIpc).then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(body)
      })
      return
    }
    void serveAppRequest(pathname, { rendererDir: RENDERER_DIR, media: (id) => services?.media.read(id) ?? null }).then((answer) => {
      res.writeHead(answer.status, answer.headers)
      res.end(answer.body)
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const baseUrl = `http://127.0.0.1:${address.port}/`

  const platform: Platform = {
    appVersion: '0.1.0-test-host',
    platformName: process.platform,
    clock: { now: options.now ?? (() => Date.now()) },
    dialogs: {
      pickImageFile: options.pickImageFile ?? (async () => null),
      saveTextFile: async (name, text) => {
        savedFiles.push({ name, text })
        return true
      },
      saveBundleFile: async (name, bytes) => {
        const dir = options.bundleDir ?? join(options.dataDir, 'exports')
        mkdirSync(dir, { recursive: true })
        const path = join(dir, name)
        writeFileSync(path, bytes)
        savedBundles.push(path)
        return true
      },
      openBundleFile: async () => dialogAnswers.openBundle,
      confirmUpdateServer: async (url) => {
        serverConfirmations.push(url)
        return dialogAnswers.confirmUpdateServer ?? false
      }
    },
    secrets: testSecrets(options.secretStorage ?? 'os'),
    shell: {
      async openExternal(url) {
        openedExternally.push(url)
      }
    },
    updates: {
      updater: options.updates?.updater ?? null,
      isOnline: () => true,
      pickInstaller: options.updates?.pickInstaller ?? (async () => null),
      openInstaller: async (path) => void options.updates?.opened?.push(path)
    }
  }
  services = createServices({
    dataDir: options.dataDir,
    platform,
    mediaBaseUrl: `${baseUrl}media/`,
    sync: { backoffMs: 50, timeoutMs: 15_000 },
    updateKeyPem: options.updates?.keyPem
  })
  const live = services
  const dispatch = createDispatcher(createHandlers(live))
  dispatchIpc = (channel, payload) => dispatch(channel, payload, { trusted: true })

  const browser = await browserFor(options.headless ?? true)
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'ar' })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('[page error]', error.message))
  // The answer crosses as one JSON string: Playwright's binding walks an object value by value (26 ms for a
  // 5,000-word article against about 2 ms as a string), which Electron's structured clone does not.
  await context.exposeBinding('__qalamInvoke', async (source, channel: unknown, payload: unknown) =>
    JSON.stringify(await dispatch(channel, payload, { trusted: source.frame === source.page.mainFrame() && isAppUrl(source.frame.url(), baseUrl) }))
  )
  await context.addInitScript({ content: `(() => { const QALAM_IPC = ${JSON.stringify({ path: IPC_PATH, token: ipcToken })};\n${await pagePreload()}\n})()` })
  if (options.controllableClock) await page.clock.install()
  await page.goto(baseUrl)
  // Sync progress reaches the page as the preload's event would.
  const stopProgress = live.onSyncProgress((progress) => {
    if (!page.isClosed())
      void page
        .evaluate(([p]) => (window as unknown as { __qalamHostEmit: (e: string, p: unknown) => void }).__qalamHostEmit('sync:progress', p), [progress])
        .catch(() => undefined)
  })

  const stopUpdates = live.updates.onState((state) => {
    if (!page.isClosed())
      void page.evaluate(([s]) => (window as unknown as { __qalamHostEmit: (e: string, p: unknown) => void }).__qalamHostEmit('updates:state', s), [state]).catch(() => undefined)
  })

  let closed = false
  const shutdown = async () => {
    if (closed) return
    closed = true
    stopProgress()
    stopUpdates()
    if (!page.isClosed()) {
      const flushed = live.flush.waitForFlush(5_000)
      await page.evaluate("window.__qalamHostEmit('app:flush', null)").catch(() => undefined)
      await flushed
    }
    await context.close()
    await new Promise<void>((ok) => server.close(() => ok()))
    live.close()
  }

  const invoke = (channel: string, payload: unknown = {}) => dispatch(channel, payload, { trusted: true })
  const api = createApi(invoke, (event, listener) => (event === 'sync:progress' ? live.onSyncProgress(listener) : () => undefined))
  return {
    page,
    api,
    invoke,
    close: shutdown,
    services: live,
    baseUrl,
    openedExternally,
    savedFiles,
    savedBundles,
    serverConfirmations,
    dialogAnswers
  }
}
