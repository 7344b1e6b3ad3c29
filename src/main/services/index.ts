import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { StoreService } from './store'
import { ArticleService } from './articles'
import { RevisionService } from './revisions'
import { MediaService } from './media'
import { SettingsService } from './settings'
import { FlushCoordinator } from './flush'
import type { Platform } from '../platform/types'

export interface ServicesOptions {
  /** The folder that holds qalam.db and media/; Electron's userData in the app. */
  dataDir: string
  platform: Platform
  nativeBinding?: string
  mediaBaseUrl: string
}

export type Services = ReturnType<typeof createServices>

export const DATABASE_FILE = 'qalam.db'

/** Builds every main-process service over one data folder; no Electron needed. */
export function createServices(options: ServicesOptions) {
  mkdirSync(options.dataDir, { recursive: true })
  const now = () => options.platform.clock.now()
  const store = new StoreService(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding }, now)
  const db = () => store.connection()
  const articles = new ArticleService({ db, now })
  const revisions = new RevisionService({ db, now, articles })
  const media = new MediaService({ db, now, dialogs: options.platform.dialogs, dataDir: options.dataDir })
  const settings = new SettingsService({ db })
  const flush = new FlushCoordinator()
  return {
    options,
    platform: options.platform,
    store,
    articles,
    revisions,
    media,
    settings,
    flush,
    close: () => store.close()
  }
}
