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
    /** Closes the host, runs `between` (say, damaging a file in the folder), and starts it again. */
    async restart(more: Omit<HostOptions, 'dataDir'> = {}, between?: () => void): Promise<Host> {
      await state.host?.close()
      between?.()
      state.host = await startHost({ ...options, ...more, dataDir: state.data!.dir })
      return state.host
    }
  }
}

/**
 * Several Qalams in one test, each on its own data folder (a reporter's and an
 * editor's): `open()` starts one; all are closed after the test (each page described
 * when it failed), and the shared browser after the file.
 */
export function hostsPerTest() {
  const opened: { host: Host; data: ReturnType<typeof tempDir> }[] = []
  afterEach(async ({ task }) => {
    for (const { host, data } of opened.splice(0)) {
      if (task.result?.state === 'fail') console.error(`page at failure (${task.name}):\n${await describePage(host.page)}`)
      await host.close()
      data.remove()
    }
  })
  afterAll(closeBrowser)
  return {
    async open(options: Omit<HostOptions, 'dataDir'> = {}): Promise<Host> {
      const data = tempDir()
      const host = await startHost({ ...options, dataDir: data.dir })
      opened.push({ host, data })
      return host
    }
  }
}
