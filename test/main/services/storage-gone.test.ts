import { cpSync, existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '@main/ipc/dispatch'
import { createHandlers } from '@main/ipc/handlers'
import { draftOf, servicesIn } from '../../support/fixtures'
import { tempDir } from '../../support/temp'

/**
 * The data folder goes away while the reporter writes (a USB stick pulled out, a folder moved by a
 * sync tool). On Linux the open database would go on taking writes into a file nobody can find
 * again: every save after that would be reported saved and lost at the next start. Qalam says the
 * folder is gone, writes nothing, makes no new empty desk in its place, and saves again once the
 * folder is back, as it was or as a copy (a drive mounted again).
 */
describe('the data folder going away', () => {
  it('refuses saves as STORAGE_GONE while it is gone, makes no new desk, and takes them when it is back', async () => {
    const tmp = tempDir()
    const dataDir = join(tmp.dir, 'desk')
    const away = join(tmp.dir, 'pulled-out')
    const services = servicesIn(dataDir)
    const dispatch = createDispatcher(createHandlers(services), () => {})
    try {
      const { id } = services.articles.create('خبر على قرص خارجي')
      expect((await dispatch('articles:save', draftOf(id, 'خبر على قرص خارجي', 'الفقرة الأولى'), { trusted: true })).ok).toBe(true)
      renameSync(dataDir, away)
      const refused = await dispatch('articles:save', draftOf(id, 'خبر على قرص خارجي', 'الفقرة الأولى والثانية'), { trusted: true })
      expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_GONE' } })
      // Nothing made in its place.
      expect(existsSync(dataDir)).toBe(false)
      // Back as it was: the same save goes through, into the desk's own file.
      renameSync(away, dataDir)
      expect((await dispatch('articles:save', draftOf(id, 'خبر على قرص خارجي', 'الفقرة الأولى والثانية'), { trusted: true })).ok).toBe(true)
      // Back as a copy (another inode: a drive mounted again): opened anew, and the save lands there.
      renameSync(dataDir, away)
      cpSync(away, dataDir, { recursive: true })
      rmSync(away, { recursive: true })
      expect((await dispatch('articles:save', draftOf(id, 'خبر على قرص خارجي', 'ثلاث فقرات الآن'), { trusted: true })).ok).toBe(true)
    } finally {
      services.close()
    }
    // What was reported saved is what the next start reads.
    const again = servicesIn(dataDir)
    try {
      const [article] = again.articles.list({})
      expect(again.articles.get(article!.id).bodyText).toBe('ثلاث فقرات الآن')
    } finally {
      again.close()
      tmp.remove()
    }
  })
})
