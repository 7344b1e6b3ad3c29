import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../..')

describe('the Node the tests run on', () => {
  it('is the major that the locked Electron embeds, so main-process code is tested on what users run', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> }
    const electron = lock.packages['node_modules/electron']?.version
    expect(electron, 'package-lock.json locks an electron').toMatch(/^\d+\./)
    const table = JSON.parse(readFileSync(join(ROOT, 'scripts/electron-node.json'), 'utf8')) as { electronToNode: Record<string, string> }
    const embedded = table.electronToNode[electron!.split('.')[0]!]
    expect(embedded, `scripts/electron-node.json says which Node Electron ${electron} embeds`).toBeDefined()
    expect(process.versions.node.split('.')[0], `tests run on Node ${process.versions.node}; Electron ${electron} embeds Node ${embedded}`).toBe(embedded)
  })

  it('loads better-sqlite3 built for this Node', async () => {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(':memory:')
    expect(db.prepare('select 1 + 1 as two').get()).toEqual({ two: 2 })
    db.close()
  })
})
