/**
 * Before the app quits (or the test host closes) the renderer is asked to write
 * every pending change; this waits for its answer, with a deadline so that a
 * hung renderer cannot keep the app from quitting.
 */
export class FlushCoordinator {
  private waiters: (() => void)[] = []

  /** Called by the `app:flushed` handler. */
  flushed(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  /** Resolves true when the renderer answered, false at the deadline. */
  waitForFlush(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        resolve(true)
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done)
        resolve(false)
      }, timeoutMs)
      this.waiters.push(done)
    })
  }
}
