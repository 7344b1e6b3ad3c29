import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../support/sources'

/**
 * Private notes never leave the machine because nothing that sends, exports or indexes
 * can reach them: only the notes service reads their repository, and no other SQL names
 * their table; the one exception is a bundle the reporter seals and asks to carry them.
 * A new reader has to change this test, on purpose.
 */

const SRC = join(import.meta.dirname, '../../src')

describe('private notes stay where they are written', () => {
  const sources = sourceFiles(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }))
  it('only the notes service reads their repository', () => {
    const readers = sources.filter((s) => /repositories\/notes['"]/.test(s.text)).map((s) => s.path)
    expect(readers).toEqual(['main/services/notes.ts'])
  })
  it('no SQL but theirs and their migration names the table', () => {
    const naming = sources.filter((s) => s.text.includes('private_notes')).map((s) => s.path)
    expect(naming.sort()).toEqual(['main/store/migrations/0170-private-notes.ts', 'main/store/repositories/notes.ts'])
  })
  it('the one way out is a bundle sealed at the reporter’s asking', () => {
    const bundles = sources.find((s) => s.path === 'main/services/bundles.ts')!.text
    const uses = bundles.split('\n').filter((line) => line.includes('sealedNote('))
    expect(uses).toHaveLength(1)
    expect(uses[0]).toMatch(/includeNotes === true/)
    expect(bundles).toMatch(/if \(includeNotes && sealing\.kind === 'none'\) throw/)
  })
  it('the services that send, export or index never touch the notes service', () => {
    for (const room of ['main/sync', 'main/bundle', 'main/services/bundles.ts', 'main/services/sync.ts', 'main/services/search.ts', 'main/services/revisions.ts'])
      for (const s of sources.filter((f) => f.path.startsWith(room))) expect(s.text, s.path).not.toMatch(/services\/notes|NotesService|\.notes\b/)
  })
})
