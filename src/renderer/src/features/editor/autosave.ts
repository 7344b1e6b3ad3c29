/**
 * When to save, without the reporter asking: IDLE_MS after the last change,
 * but never later than MAX_WAIT_MS after the first unsaved change while typing
 * goes on, and at once on flush (blur, switching articles, quit). Saves never
 * overlap; a change made during a save is saved by the next one. A failed save
 * keeps the changes pending and tries again.
 */
export const IDLE_MS = 1000
export const MAX_WAIT_MS = 5000
export const RETRY_MS = 3000

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now()
}

export type SaveState = { kind: 'saved'; at: number | null } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'error'; error: unknown }

export class AutosaveScheduler {
  private dirtySince: number | null = null
  private timer: unknown = null
  private running: Promise<void> | null = null
  private disposed = false

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onState: (state: SaveState) => void = () => {},
    private readonly timers: Timers = realTimers,
    private readonly idleMs = IDLE_MS,
    private readonly maxWaitMs = MAX_WAIT_MS
  ) {}

  get hasPendingChanges(): boolean {
    return this.dirtySince !== null
  }

  /** Call on every change; cheap enough for the keystroke path. */
  change(): void {
    if (this.disposed) return
    const now = this.timers.now()
    if (this.dirtySince === null) {
      this.dirtySince = now
      if (this.running === null) this.onState({ kind: 'dirty' })
    }
    this.schedule(Math.min(this.idleMs, Math.max(0, this.dirtySince + this.maxWaitMs - now)))
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = this.timers.setTimeout(() => {
      this.timer = null
      void this.flush()
    }, ms)
  }

  /** Saves now if anything is unsaved; resolves when everything changed so far is written (or failed). */
  async flush(): Promise<void> {
    while (this.running !== null) await this.running
    if (this.dirtySince === null) return
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer)
      this.timer = null
    }
    this.dirtySince = null
    this.onState({ kind: 'saving' })
    this.running = this.save().then(
      () => {
        this.running = null
        if (this.dirtySince === null) this.onState({ kind: 'saved', at: this.timers.now() })
        else this.onState({ kind: 'dirty' })
      },
      (error: unknown) => {
        this.running = null
        this.dirtySince ??= this.timers.now()
        this.onState({ kind: 'error', error })
        if (!this.disposed) this.schedule(RETRY_MS)
      }
    )
    await this.running
  }

  /** Stops the timers; call flush() first to keep pending changes. */
  dispose(): void {
    this.disposed = true
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
  }
}
