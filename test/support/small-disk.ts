import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

/**
 * A small disk of its own for a test file (a tmpfs of `sizeMb`, mounted before its tests and
 * taken away after): where a reporter's disk fills up. Needs root; where it cannot be mounted the
 * getter gives null and the tests skip with a message.
 */
export function smallDisk(sizeMb: number, label: string): () => string | null {
  let mount: string | null = null
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'qalam-small-disk-'))
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'ignore' })
      mount = dir
    } catch {
      rmSync(dir, { recursive: true, force: true })
      console.warn(`[${label}] cannot mount a tmpfs here (not root?): the full-disk test is skipped`)
    }
  })
  afterAll(() => {
    if (mount === null) return
    execFileSync('umount', [mount])
    rmSync(mount, { recursive: true, force: true })
  })
  return () => mount
}
