import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AutosaveScheduler, IDLE_MS, MAX_WAIT_MS, RETRY_MS, type SaveState } from '@renderer/features/editor/autosave'

let saves: number[]
let states: SaveState[]
let scheduler: AutosaveScheduler
let saveImpl: () => Promise<void>

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
  saves = []
  states = []
  saveImpl = async () => {
    saves.push(Date.now())
  }
  scheduler = new AutosaveScheduler(
    () => saveImpl(),
    (s) => states.push(s),
    { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number), now: () => Date.now() }
  )
})
afterEach(() => {
  scheduler.dispose()
  vi.useRealTimers()
})

describe('autosave', () => {
  it('saves within a second of the last keystroke', async () => {
    scheduler.change()
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1)
    expect(saves).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(saves).toEqual([IDLE_MS])
    expect(states.at(-1)).toEqual({ kind: 'saved', at: IDLE_MS })
  })

  it('saves at least every five seconds while typing goes on', async () => {
    // A keystroke every 200 ms for 12 s.
    for (let t = 0; t < 12_000; t += 200) {
      scheduler.change()
      await vi.advanceTimersByTimeAsync(200)
    }
    expect(saves.length).toBeGreaterThanOrEqual(2)
    const gaps = [saves[0]!, ...saves.slice(1).map((t, i) => t - saves[i]!)]
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(MAX_WAIT_MS + 200)
  })

  it('saves at once on flush, and not at all when nothing changed', async () => {
    await scheduler.flush()
    expect(saves).toEqual([])
    scheduler.change()
    await scheduler.flush()
    expect(saves).toEqual([0])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(saves).toEqual([0])
  })

  it('never runs two saves at once; a change during a save is saved next', async () => {
    let release: () => void = () => {}
    let running = 0
    let maxRunning = 0
    saveImpl = () => {
      running++
      maxRunning = Math.max(maxRunning, running)
      saves.push(Date.now())
      return new Promise<void>((ok) => {
        release = () => {
          running--
          ok()
        }
      })
    }
    scheduler.change()
    const first = scheduler.flush()
    scheduler.change()
    const second = scheduler.flush()
    release()
    await first
    await vi.waitFor(() => expect(saves).toHaveLength(2))
    release()
    await second
    expect(maxRunning).toBe(1)
    expect(scheduler.hasPendingChanges).toBe(false)
  })

  it('keeps the changes after a failed save and retries', async () => {
    let fail = true
    saveImpl = async () => {
      saves.push(Date.now())
      if (fail) throw new Error('disk full')
    }
    scheduler.change()
    await scheduler.flush()
    expect(states.at(-1)).toEqual({ kind: 'error', error: new Error('disk full') })
    expect(scheduler.hasPendingChanges).toBe(true)
    fail = false
    await vi.advanceTimersByTimeAsync(RETRY_MS)
    expect(saves).toHaveLength(2)
    expect(states.at(-1)).toMatchObject({ kind: 'saved' })
    expect(scheduler.hasPendingChanges).toBe(false)
  })
})
