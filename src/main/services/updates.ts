import type { InstallerResult, UpdateProblem, UpdateState } from '@shared/domain/updates'
import type { Clock } from '../platform/types'
import type { OpenInstaller, UpdaterPort } from '../updates/port'
import { INSTALLER_COPY_MAX_AGE_MS, sweepInstallerCopies, verifyDownloadedUpdate, verifySignedInstaller } from '../updates/signed-installer'

/** The first check waits for the desk to settle. */
export const FIRST_CHECK_MS = 30_000
/** Then once a day… */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000
/** …and, while there is no connection, again every hour until there is one. */
export const OFFLINE_RETRY_MS = 60 * 60 * 1000

export interface UpdateDeps {
  /** Null when running from source or in the test host. */
  updater: UpdaterPort | null
  isOnline: () => boolean
  clock: Clock
  appVersion: string
  publicKeyPem: string
  /** The newsroom's update server from the settings, or null. */
  server: () => string | null
  /** The main process's own dialog: whether the user wants updates from this server (see Dialogs.confirmUpdateServer). */
  confirmServer: (url: string | null) => Promise<boolean>
  saveServer: (url: string | null) => void
  pickInstaller: () => Promise<string | null>
  openInstaller: OpenInstaller
  timers?: { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void }
}

/** electron-updater's errors, in the three kinds the reporter is told about. */
export function problemOf(error: Error): UpdateProblem {
  const text = `${error.name} ${error.message}`
  if (/sha512 checksum mismatch|not signed|signature|code signature|publisherName/i.test(text)) return 'bad-signature'
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|net::ERR_|offline/i.test(text)) return 'offline'
  return 'failed'
}

/**
 * Updates: a check at start and once a day while there is a connection; the update downloads
 * in the background and installs when Qalam closes, only after the reporter agrees (or now,
 * if asked). For a reporter without a usable connection, an installer from a file, accepted
 * only with the publisher's signature.
 */
export class UpdateService {
  private state: UpdateState
  private timer: unknown = null
  private readonly listeners = new Set<(state: UpdateState) => void>()
  private readonly timers

  constructor(private readonly deps: UpdateDeps) {
    this.state = deps.updater === null ? { kind: 'unsupported' } : { kind: 'idle', checkedAt: null }
    this.timers = deps.timers ?? { set: (run: () => void, ms: number) => setTimeout(run, ms).unref(), clear: (h: unknown) => clearTimeout(h as NodeJS.Timeout) }
    const updater = deps.updater
    if (updater === null) return
    updater.onProgress((percent) => {
      if (this.state.kind === 'downloading') this.set({ ...this.state, percent: Math.max(0, Math.min(100, Math.round(percent))) })
    })
    updater.onDownloaded((version, file) => void this.verifyDownload(updater, version, file))
    updater.onError((error) => this.set({ kind: 'failed', problem: problemOf(error), checkedAt: this.deps.clock.now() }))
  }

  /**
   * A downloaded update is ready to install only with the publisher's Ed25519 signature over it: the
   * feed's SHA-512 is no proof when whoever serves the feed (or reads the traffic) serves the file.
   */
  private async verifyDownload(updater: UpdaterPort, version: string, file: string): Promise<void> {
    let signature: Uint8Array | null = null
    try {
      signature = await updater.signatureFor(file, version)
    } catch {
      signature = null
    }
    const verified = await verifyDownloadedUpdate(file, signature, { publicKeyPem: this.deps.publicKeyPem, currentVersion: this.deps.appVersion, version })
    this.set(verified.ok ? { kind: 'ready', version, onQuit: false } : { kind: 'failed', problem: 'bad-signature', checkedAt: this.deps.clock.now() })
  }

  status(): UpdateState {
    return this.state
  }

  onState(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts the schedule: the first check soon after start, then daily (hourly while offline). */
  start(): void {
    if (this.deps.updater === null) return
    this.schedule(FIRST_CHECK_MS)
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer)
    this.timer = null
  }

  /** Checks now (the reporter's button, or the schedule). */
  async check(): Promise<UpdateState> {
    const updater = this.deps.updater
    if (updater === null) return this.state
    if (this.state.kind === 'checking' || this.state.kind === 'downloading' || this.state.kind === 'ready') return this.state
    if (!this.deps.isOnline()) {
      this.set({ kind: 'failed', problem: 'offline', checkedAt: this.lastChecked() })
      return this.state
    }
    this.set({ kind: 'checking' })
    try {
      // The feed is whatever the settings say at this moment: the newsroom's server, or the built-in one.
      updater.setFeed(this.deps.server())
      const version = await updater.check()
      // An error reported while checking has already set the state.
      if ((this.state as UpdateState).kind === 'checking')
        this.set(version === null ? { kind: 'none', checkedAt: this.deps.clock.now() } : { kind: 'downloading', version, percent: 0 })
    } catch (error) {
      this.set({ kind: 'failed', problem: problemOf(error instanceof Error ? error : new Error(String(error))), checkedAt: this.deps.clock.now() })
    }
    return this.state
  }

  /** The reporter agreed: install when Qalam closes, or now. */
  install(when: 'quit' | 'now'): UpdateState {
    const updater = this.deps.updater
    if (updater === null || this.state.kind !== 'ready') return this.state
    if (when === 'now') updater.quitAndInstall()
    else {
      updater.installOnQuit(true)
      this.set({ ...this.state, onQuit: true })
    }
    return this.state
  }

  /**
   * Where updates come from: changed only after the user confirms it in a dialog the main process
   * shows, so a page that runs script in the window cannot quietly point updates elsewhere.
   */
  async setServer(url: string | null): Promise<{ changed: boolean; server: string | null }> {
    if (url === this.deps.server()) return { changed: false, server: url }
    if (!(await this.deps.confirmServer(url))) return { changed: false, server: this.deps.server() }
    this.deps.saveServer(url)
    return { changed: true, server: url }
  }

  /** An installer from a USB stick: verified against the publisher's key, then opened as the system opens installers. */
  async fromFile(): Promise<InstallerResult> {
    const path = await this.deps.pickInstaller()
    if (path === null) return { ok: false, problem: 'cancelled' }
    // Copies from earlier checks: their installers have long run.
    sweepInstallerCopies(INSTALLER_COPY_MAX_AGE_MS)
    const verified = await verifySignedInstaller(path, { publicKeyPem: this.deps.publicKeyPem, currentVersion: this.deps.appVersion })
    if (!verified.ok) return verified
    await this.deps.openInstaller(verified.copy)
    return { ok: true, version: verified.version }
  }

  private schedule(ms: number): void {
    this.stop()
    this.timer = this.timers.set(() => void this.tick(), ms)
  }

  private async tick(): Promise<void> {
    if (!this.deps.isOnline()) return this.schedule(OFFLINE_RETRY_MS)
    await this.check()
    this.schedule(CHECK_EVERY_MS)
  }

  private lastChecked(): number | null {
    return 'checkedAt' in this.state ? this.state.checkedAt : null
  }

  private set(state: UpdateState): void {
    this.state = state
    for (const listener of this.listeners) listener(state)
  }
}
