import { spawn } from 'node:child_process'
import { chmodSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { MAX_SIGNATURE_BYTES } from '../updates/signed-installer'
import type { Updates } from './types'
import type { UpdaterPort } from '../updates/port'

/** The part of electron-updater's autoUpdater Qalam uses. */
export interface AutoUpdater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  setFeedURL(options: { provider: 'generic'; url: string } | { provider: 'github'; owner?: string; repo?: string }): void
  checkForUpdates(): Promise<{ isUpdateAvailable?: boolean; updateInfo: { version: string } } | null>
  on(event: 'download-progress', listener: (p: { percent: number }) => void): unknown
  on(event: 'update-downloaded', listener: (info: { version: string; downloadedFile: string }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
}

/**
 * electron-updater behind the update service's port. It downloads in the background and
 * checks the SHA-512 the feed gives for every file; on Windows it also checks the installer's
 * publisher (win.publisherName), on macOS Squirrel.Mac checks the code signature. Nothing
 * installs on quit until the reporter agrees.
 */
export function electronUpdater(
  autoUpdater: AutoUpdater,
  builtIn: { provider: 'github' },
  deps: { resourcesPath: string; fetch?: typeof fetch } = { resourcesPath: '' }
): UpdaterPort {
  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = false
  let feed: string | null = null
  return {
    setFeed: (url) => {
      feed = url
      autoUpdater.setFeedURL(url === null ? builtIn : { provider: 'generic', url })
    },
    signatureFor: async (file, version) => {
      const url = signatureUrl(feed, basename(file), version, deps.resourcesPath)
      if (url === null) return null
      const response = await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' })
      if (!response.ok) return null
      const body = new Uint8Array(await response.arrayBuffer())
      return body.length > MAX_SIGNATURE_BYTES ? null : body
    },
    check: async () => {
      const result = await autoUpdater.checkForUpdates()
      return result !== null && result.isUpdateAvailable !== false && result.updateInfo !== undefined ? result.updateInfo.version : null
    },
    onProgress: (listener) => void autoUpdater.on('download-progress', (p) => listener(p.percent)),
    onDownloaded: (listener) => void autoUpdater.on('update-downloaded', (info) => listener(info.version, info.downloadedFile)),
    onError: (listener) => void autoUpdater.on('error', listener),
    installOnQuit: (on) => void (autoUpdater.autoInstallOnAppQuit = on),
    quitAndInstall: () => autoUpdater.quitAndInstall(false, true)
  }
}

/**
 * Where the publisher's `.sig` for a downloaded file is: beside it on the newsroom's server, or
 * among the GitHub release's assets (owner and repository from the app-update.yml electron-builder
 * packs into the resources).
 */
export function signatureUrl(feed: string | null, fileName: string, version: string, resourcesPath: string): string | null {
  const name = encodeURIComponent(`${fileName}.sig`)
  if (feed !== null) return `${feed.replace(/\/+$/, '')}/${name}`
  let yml: string
  try {
    yml = readFileSync(join(resourcesPath, 'app-update.yml'), 'utf8')
  } catch {
    return null
  }
  const owner = /^owner:\s*['"]?([A-Za-z0-9_.-]+)/m.exec(yml)?.[1]
  const repo = /^repo:\s*['"]?([A-Za-z0-9_.-]+)/m.exec(yml)?.[1]
  return owner === undefined || repo === undefined ? null : `https://github.com/${owner}/${repo}/releases/download/v${encodeURIComponent(version)}/${name}`
}

/** The Electron side of updates: electron-updater when packaged, the connection, the installer dialog and opener. */
export function electronUpdates(deps: {
  packaged: boolean
  autoUpdater: () => AutoUpdater
  isOnline: () => boolean
  pickInstaller: () => Promise<string | null>
  openPath: (path: string) => Promise<string>
  platformName: string
  resourcesPath: string
}): Updates {
  return {
    // From source (npm start) there is no feed for this build: updates come with the next one.
    updater: deps.packaged ? electronUpdater(deps.autoUpdater(), { provider: 'github' }, { resourcesPath: deps.resourcesPath }) : null,
    isOnline: deps.isOnline,
    pickInstaller: deps.pickInstaller,
    openInstaller: async (path) => {
      // An AppImage is the program itself: made executable and started; anything else opens as the system opens installers.
      if (deps.platformName === 'linux' && path.endsWith('.AppImage')) {
        chmodSync(path, 0o755)
        spawn(path, [], { detached: true, stdio: 'ignore' }).unref()
        return
      }
      const error = await deps.openPath(path)
      if (error !== '') throw new Error(error)
    }
  }
}
