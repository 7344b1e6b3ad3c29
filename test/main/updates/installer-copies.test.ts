import { existsSync, mkdirSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { INSTALLER_COPY_MAX_AGE_MS, sweepInstallerCopies } from '@main/updates/signed-installer'
import { tempDir } from '../../support/temp'

describe('installer copies in the temporary folder', () => {
  it('are removed once their installer has had time to run; fresh ones, and other programs’ folders, stay', () => {
    const tmp = tempDir()
    try {
      const old = join(tmp.dir, 'qalam-installer-old')
      const fresh = join(tmp.dir, 'qalam-installer-fresh')
      const other = join(tmp.dir, 'someone-else')
      for (const d of [old, fresh, other]) mkdirSync(d)
      const twoHoursAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000
      utimesSync(old, twoHoursAgo, twoHoursAgo)
      utimesSync(other, twoHoursAgo, twoHoursAgo)
      expect(sweepInstallerCopies(INSTALLER_COPY_MAX_AGE_MS, { dir: tmp.dir })).toBe(1)
      expect([existsSync(old), existsSync(fresh), existsSync(other)]).toEqual([false, true, true])
    } finally {
      tmp.remove()
    }
  })
})
