/**
 * Before the app quits (or the test host closes) the renderer is asked to write
 * every pending change; this waits for its answer, with a deadline so that a
 * hung renderer cannot keep the app from quitting. The answer says how many open
 * articles still hold words that are not on disk (a full disk, a folder gone).
 */
export class FlushCoordinator {
  private waiters: ((unsaved: number) => void)[] = []

  /** Called by the `app:flushed` handler. */
  flushed(unsaved = 0): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve(unsaved)
  }

  /** Resolves with the renderer's answer (how many articles it could not write), or null at the deadline. */
  waitForFlush(timeoutMs: number): Promise<{ unsaved: number } | null> {
    return new Promise((resolve) => {
      const done = (unsaved: number) => {
        clearTimeout(timer)
        resolve({ unsaved })
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done)
        resolve(null)
      }, timeoutMs)
      this.waiters.push(done)
    })
  }
}
