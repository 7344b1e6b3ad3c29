import type { Dialog, Shell as ElectronShell, BrowserWindow, SafeStorage } from 'electron'
import { writeFileSync } from 'node:fs'
import { isExternalWebUrl } from '@shared/domain/links'
import { systemClock, type Platform, type Secrets } from './types'

/** The platform interfaces implemented with Electron's modules. */
export function electronPlatform(deps: {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>
  shell: Pick<ElectronShell, 'openExternal'>
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string }
  window: () => BrowserWindow | null
  appVersion: string
  platformName: string
}): Platform {
  return {
    appVersion: deps.appVersion,
    platformName: deps.platformName,
    clock: systemClock,
    secrets: electronSecrets(deps.safeStorage, deps.platformName),
    dialogs: {
      async pickImageFile() {
        const win = deps.window()
        const options = {
          properties: ['openFile' as const],
          filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif'] }]
        }
        const result = win === null ? await deps.dialog.showOpenDialog(options) : await deps.dialog.showOpenDialog(win, options)
        return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!
      },
      async saveTextFile(defaultName, text) {
        const win = deps.window()
        const options = { defaultPath: defaultName, filters: [{ name: 'Text', extensions: ['txt'] }] }
        const result = win === null ? await deps.dialog.showSaveDialog(options) : await deps.dialog.showSaveDialog(win, options)
        if (result.canceled || result.filePath === undefined) return false
        writeFileSync(result.filePath, text, 'utf8')
        return true
      },
      async saveBundleFile(defaultName, bytes) {
        const win = deps.window()
        const options = { defaultPath: defaultName, filters: [{ name: 'Qalam', extensions: ['qalam'] }] }
        const result = win === null ? await deps.dialog.showSaveDialog(options) : await deps.dialog.showSaveDialog(win, options)
        if (result.canceled || result.filePath === undefined) return false
        writeFileSync(result.filePath, bytes)
        return true
      },
      async openBundleFile() {
        const win = deps.window()
        const options = { properties: ['openFile' as const], filters: [{ name: 'Qalam', extensions: ['qalam'] }] }
        const result = win === null ? await deps.dialog.showOpenDialog(options) : await deps.dialog.showOpenDialog(win, options)
        return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!
      }
    },
    shell: {
      async openExternal(url) {
        if (!isExternalWebUrl(url)) throw new Error('only http and https links open outside the app')
        await deps.shell.openExternal(url)
      }
    }
  }
}

/**
 * Passwords through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). On
 * Linux with no keyring safeStorage falls back to `basic_text`, a fixed key: Qalam
 * reports that as 'plain' so the user is asked before a password is stored that way.
 */
export function electronSecrets(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string },
  platformName: string
): Secrets {
  return {
    storage() {
      if (!safeStorage.isEncryptionAvailable()) return 'unavailable'
      if (platformName === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown'
        if (backend === 'basic_text' || backend === 'unknown') return 'plain'
      }
      return 'os'
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data)
  }
}
