import { afterAll, afterEach, beforeEach } from 'vitest'
import { closeBrowser, startHost, type Host, type HostOptions } from './host'
import { tempDir } from '../support/temp'
import { describePage } from './helpers'

/**
 * A fresh data folder and test host for each test of a file, closed after it (with the
 * page described when the test failed), and the shared browser closed after the file.
 * Returns the running host; `restart` swaps it for one with other options, same folder.
 */
export function hostPerTest(options: Omit<HostOptions, 'dataDir'> = {}) {
  const state: { data: ReturnType<typeof tempDir> | null; host: Host | null } = { data: null, host: null }
  beforeEach(async () => {
    state.data = tempDir()
    state.host = await startHost({ ...options, dataDir: state.data.dir })
  })
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && state.host !== null) console.error(`page at failure (${task.name}):\n${await describePage(state.host.page)}`)
    await state.host?.close()
    state.data?.remove()
  })
  afterAll(closeBrowser)
  return {
    get host(): Host {
      return state.host!
    },
    get dir(): string {
      return state.data!.dir
    },
    async restart(more: Omit<HostOptions, 'dataDir'>): Promise<Host> {
      await state.host?.close()
      state.host = await startHost({ ...options, ...more, dataDir: state.data!.dir })
      return state.host
    }
  }
}
