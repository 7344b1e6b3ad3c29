import { join } from 'node:path'
import * as electron from 'electron'
import { runApp } from './app'
import { SMOKE_FLAG } from './smoke'

// Electron entry: only wiring. Everything it starts is in ./app and ./services.
const packaged = electron.app.isPackaged
runApp(electron, {
  rendererDir: join(__dirname, '../renderer'),
  preloadPath: join(__dirname, '../preload/index.js'),
  iconPath: packaged ? join(process.resourcesPath, 'window-icon.png') : join(__dirname, '../../resources/icon.png'),
  nativeBinding: packaged ? join(process.resourcesPath, 'native/better_sqlite3.node') : join(__dirname, '../../.native/electron/better_sqlite3.node'),
  devServerUrl: packaged ? undefined : process.env.ELECTRON_RENDERER_URL,
  smoke: process.argv.includes(SMOKE_FLAG)
})
