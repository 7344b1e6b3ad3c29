import { rmSync, writeFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '@main/ipc/dispatch'
import { createHandlers } from '@main/ipc/handlers'
import type { Services } from '@main/services'
import { draftOf, servicesIn } from '../../support/fixtures'
import { tinyPng } from '../../support/images'
import { smallDisk } from '../../support/small-disk'

/**
 * A reporter's disk fills up (a cheap laptop, a 4 MB tmpfs here): the save that does not fit is
 * refused as a full disk, in its own code, and every save reported before reads back whole; once
 * space is freed the same save goes through. Images leave nothing half-written.
 */
const disk = smallDisk(6, 'disk-full')

describe('a full disk', () => {
  it('refuses the save that does not fit as DISK_FULL, keeps every earlier save, and takes the same save once space is freed', async (ctx) => {
    const mount = disk()
    if (mount === null) return ctx.skip()
    const dataDir = join(mount, 'desk')
    const services: Services = servicesIn(dataDir)
    const dispatch = createDispatcher(createHandlers(services), () => {})
    try {
      // The disk filled almost to the brim by something else.
      const filler = join(mount, 'filler.bin')
      writeFileSync(filler, Buffer.alloc(3 * 2 ** 20))
      const saved: { id: string; text: string }[] = []
      let refused: { code: string; message: string } | null = null
      for (let i = 0; i < 400 && refused === null; i++) {
        const created = await dispatch('articles:create', { title: `مادة ${i}` }, { trusted: true })
        if (!created.ok) {
          refused = created.error
          break
        }
        const id = (created.value as { id: string }).id
        const text = `فقرة ${i} `.repeat(2000)
        const answer = await dispatch('articles:save', draftOf(id, `مادة ${i}`, text), { trusted: true })
        if (answer.ok) saved.push({ id, text })
        else refused = answer.error
      }
      expect(refused?.code).toBe('DISK_FULL')
      expect(saved.length).toBeGreaterThan(0)
      for (const s of saved) expect(services.articles.get(s.id).bodyText).toBe(s.text)
      // An image on a full disk: refused the same way, nothing half-written left in media/.
      const image = await dispatch('media:importImage', { name: 'p.png', base64: Buffer.concat([tinyPng(), Buffer.alloc(0)]).toString('base64') }, { trusted: true })
      if (!image.ok) expect(['DISK_FULL']).toContain(image.error.code)
      expect(readdirSync(join(dataDir, 'media'), { withFileTypes: true }).filter((f) => f.name.endsWith('.partial'))).toEqual([])
      // Space freed: the article that did not fit is saved as it was typed.
      rmSync(filler)
      const last = services.articles.create('بعد التفريغ')
      const again = await dispatch('articles:save', draftOf(last.id, 'بعد التفريغ', 'نص بعد تفريغ القرص'), { trusted: true })
      expect(again.ok).toBe(true)
      expect(services.articles.get(last.id).bodyText).toBe('نص بعد تفريغ القرص')
    } finally {
      services.close()
    }
  })
})
