import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCrashLoop } from '../../support/crash-loop'
import { tempDir } from '../../support/temp'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.remove())

describe('crash safety', () => {
  it('loses no acknowledged save and corrupts nothing across 10 SIGKILLs mid-typing', async () => {
    const result = await runCrashLoop(tmp.dir, 10)
    expect(result.acknowledged, `seed ${result.seed}`).toBeGreaterThan(10)
    expect(result.corrupt, `seed ${result.seed}`).toBe(0)
    expect(result.lost, `seed ${result.seed}`).toBe(0)
  }, 120_000)
})
