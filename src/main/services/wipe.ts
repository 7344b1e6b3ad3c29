import { existsSync, readdirSync, rmSync } from 'node:fs'
import { destroyFile } from '../durable'
import { join } from 'node:path'
import { KEY_FILE } from '../store/desk-key'
import type { StoreService } from './store'
import type { StoreStatus } from '@shared/domain/app'

/** What Qalam itself keeps in its data folder (Electron's own files there are cleared through the session). */
const OURS = [/^qalam\.db/, /^desk-key\.(next\.)?json/, /\.key\.json$/, /^media$/, /^window-state\.json/, /^exports$/]

/**
 * The panic wipe: for a reporter about to lose control of the laptop. The desk key goes
 * first (its file overwritten with random bytes, synced, then deleted; the key was only
 * ever wrapped, so nothing else can open the store), which makes every encrypted byte
 * unreadable at once, even where an SSD keeps old blocks. Then the database and its
 * journals, the media, the copies set aside, the window state; the store opens fresh with
 * a new key, as after installing.
 */
export class WipeService {
  constructor(
    private readonly deps: {
      dataDir: string
      store: StoreService
      /** Everything held in memory that came from the old desk. */
      forget: () => void
      /** Electron's own data for the window (storage, cache); nothing in the test host. */
      clearBrowserData?: () => Promise<void>
    }
  ) {}

  async wipe(): Promise<{ removed: number; status: StoreStatus }> {
    const { dataDir } = this.deps
    destroyFile(join(dataDir, KEY_FILE))
    // No checkpoint: nothing of the old store needs to reach the disk any more.
    this.deps.store.abandon()
    let removed = 0
    for (const name of existsSync(dataDir) ? readdirSync(dataDir) : []) {
      if (!OURS.some((pattern) => pattern.test(name))) continue
      const path = join(dataDir, name)
      if (name.endsWith('.key.json') || name.startsWith('desk-key.')) destroyFile(path)
      rmSync(path, { recursive: true, force: true })
      removed++
    }
    this.deps.forget()
    await this.deps.clearBrowserData?.()
    return { removed, status: this.deps.store.retry() }
  }
}
