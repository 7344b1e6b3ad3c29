import type { Dialog, Shell as ElectronShell, BrowserWindow } from 'electron'
import { isExternalWebUrl } from '../../shared/domain/links'
import { systemClock, type Platform } from './types'

/** The platform interfaces implemented with Electron's modules. */
export function electronPlatform(deps: {
  dialog: Pick<Dialog, 'showOpenDialog'>
  shell: Pick<ElectronShell, 'openExternal'>
  window: () => BrowserWindow | null
  appVersion: string
  platformName: string
}): Platform {
  return {
    appVersion: deps.appVersion,
    platformName: deps.platformName,
    clock: systemClock,
    dialogs: {
      async pickImageFile() {
        const win = deps.window()
        const options = {
          properties: ['openFile' as const],
          filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif'] }]
        }
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
