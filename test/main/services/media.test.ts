import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { sniffImageType } from '@main/services/media'
import { tempDir } from '../../support/temp'
import { servicesIn, testPlatform } from '../../support/fixtures'
import { tinyPng } from '../../support/images'

let tmp: ReturnType<typeof tempDir>
let services: Services
let picked: string | null = null
beforeEach(() => {
  tmp = tempDir()
  services = servicesIn(
    tmp.dir,
    testPlatform({
      dialogs: {
        pickImageFile: async () => picked,
        saveTextFile: async () => false,
        saveBundleFile: async () => false,
        openBundleFile: async () => null,
        confirmUpdateServer: async () => false
      }
    })
  )
})
afterEach(() => {
  services.close()
  tmp.remove()
})

describe('media', () => {
  it('copies a picked image into the data folder once, by content', async () => {
    const source = join(tmp.dir, 'photo from phone.png')
    writeFileSync(source, tinyPng())
    picked = source
    const item = (await services.media.pickImage())!
    expect(item.mime).toBe('image/png')
    expect(item.id).toMatch(/^[0-9a-f]{32}\.png$/)
    expect(services.media.read(item.id)!.equals(tinyPng())).toBe(true)
    // At rest it is sealed: the one file is neither named by the picture's hash nor holds its bytes.
    const files = readdirSync(join(tmp.dir, 'media'))
    expect(files).toHaveLength(1)
    expect(files[0]).not.toContain(item.id.slice(0, 32))
    const sealed = readFileSync(join(tmp.dir, 'media', files[0]!))
    expect(sealed.includes(tinyPng().subarray(8, 40))).toBe(false)
    // A file swapped for another, or damaged, is not served as the picture.
    writeFileSync(join(tmp.dir, 'media', files[0]!), Buffer.concat([sealed.subarray(0, 40), Buffer.from([sealed[40]! ^ 1]), sealed.subarray(41)]))
    expect(services.media.read(item.id)).toBeNull()
    const again = (await services.media.pickImage())!
    expect(again.id).toBe(item.id)
  })

  it('returns null when the user cancels', async () => {
    picked = null
    expect(await services.media.pickImage()).toBeNull()
  })

  it('refuses files that are not images, SVG included', () => {
    const svg = join(tmp.dir, 'x.svg')
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    expect(() => services.media.importFile(svg)).toThrow(/not a PNG/)
    expect(() => services.media.importFile(join(tmp.dir, 'missing.png'))).toThrow(/cannot read/)
    expect(existsSync(join(tmp.dir, 'media'))).toBe(false)
  })

  it('recognizes images by their bytes, not their names', () => {
    expect(sniffImageType(tinyPng())?.mime).toBe('image/png')
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg')
    expect(sniffImageType(Buffer.from('GIF89a'))?.mime).toBe('image/gif')
    expect(sniffImageType(Buffer.from('hello'))).toBeNull()
  })

  it('reads only its own ids', () => {
    expect(services.media.read('0123456789abcdef0123456789abcdef.png')).toBeNull()
    for (const bad of ['../qalam.db', '..%2fqalam.db', 'x.png', '0123456789abcdef0123456789abcdef.svg', '/etc/passwd']) {
      expect(services.media.read(bad)).toBeNull()
      expect(services.media.has(bad)).toBe(false)
    }
  })
})
