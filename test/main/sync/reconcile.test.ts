import { describe, expect, it } from 'vitest'
import { reconcile, type Decision, type ReconcileInput } from '@main/sync/reconcile'
import { snapshot } from '../../support/snapshots'

const p = (text: string) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`
const snap = (blocks: string[]) => snapshot(blocks, { title: 'الحريق في السوق' })

const base = snap([p('أ'), p('ب'), p('ج')])
const editedHere = snap([p('أ مع تعديل المراسل'), p('ب'), p('ج')])
const editedThere = snap([p('أ'), p('ب'), p('ج مع تعديل المحرر')])
const sameSpotThere = snap([p('أ مع تعديل آخر على الموقع'), p('ب'), p('ج')])
const titleHere = { ...base, title: 'عنوان المراسل' }
const titleThere = { ...base, title: 'عنوان المحرر' }

type Row = [name: string, input: ReconcileInput, expected: Decision['kind'], check?: (d: Decision) => void]

const cases: Row[] = [
  ['the post is gone from the site, whatever changed here', { base, local: editedHere, remote: 'gone', changedHere: true, changedThere: false }, 'gone'],
  ['the post is gone and nothing changed here', { base, local: base, remote: 'gone', changedHere: false, changedThere: true }, 'gone'],
  [
    'nothing changed on either side',
    { base, local: base, remote: null, changedHere: false, changedThere: false },
    'unchanged',
    (d) => expect(d).toEqual({ kind: 'unchanged', versionMoved: false })
  ],
  [
    'changed here only: sent as an update',
    { base, local: editedHere, remote: null, changedHere: true, changedThere: false },
    'push',
    (d) => expect(d).toEqual({ kind: 'push', versionMoved: false })
  ],
  [
    'saved on the site with nothing Qalam keeps changed, nothing here: only the version moves',
    { base, local: base, remote: { ...base }, changedHere: false, changedThere: true },
    'unchanged',
    (d) => expect(d).toEqual({ kind: 'unchanged', versionMoved: true })
  ],
  [
    'saved on the site with nothing changed, edited here: the version moves and the edit goes',
    { base, local: editedHere, remote: { ...base }, changedHere: true, changedThere: true },
    'push',
    (d) => expect(d).toEqual({ kind: 'push', versionMoved: true })
  ],
  ['changed on the site only: the site’s version comes here', { base, local: base, remote: editedThere, changedHere: false, changedThere: true }, 'pull'],
  [
    'no base yet (first sync of a link) and the site changed: the site’s version comes here',
    { base: null, local: editedHere, remote: editedThere, changedHere: true, changedThere: true },
    'pull'
  ],
  [
    'both changed different paragraphs: merged',
    { base, local: editedHere, remote: editedThere, changedHere: true, changedThere: true },
    'merge',
    (d) => expect(d.kind === 'merge' && d.merged.blocks).toEqual([p('أ مع تعديل المراسل'), p('ب'), p('ج مع تعديل المحرر')])
  ],
  [
    'both changed the same paragraph differently: a conflict, the local text kept',
    { base, local: editedHere, remote: sameSpotThere, changedHere: true, changedThere: true },
    'conflict',
    (d) => {
      if (d.kind !== 'conflict') throw new Error(d.kind)
      expect(d.result.merged.blocks[0]).toBe(p('أ مع تعديل المراسل'))
      expect(d.result.chunks.some((c) => c.kind === 'conflict')).toBe(true)
    }
  ],
  [
    'both changed the headline differently: a field conflict',
    { base, local: titleHere, remote: titleThere, changedHere: true, changedThere: true },
    'conflict',
    (d) => expect(d.kind === 'conflict' && d.result.fieldConflicts.map((f) => f.field)).toEqual(['title'])
  ],
  [
    'the same edit on both sides: merged cleanly',
    { base, local: editedHere, remote: { ...editedHere }, changedHere: true, changedThere: true },
    'merge',
    (d) => expect(d.kind === 'merge' && d.merged.blocks).toEqual(editedHere.blocks)
  ],
  [
    'terms: one side adds a tag, the other removes a category',
    {
      base: { ...base, tags: ['حلب'], categories: ['أخبار'] },
      local: { ...base, tags: ['حلب', 'حرائق'], categories: ['أخبار'] },
      remote: { ...base, tags: ['حلب'], categories: [] },
      changedHere: true,
      changedThere: true
    },
    'merge',
    (d) => {
      if (d.kind !== 'merge') throw new Error(d.kind)
      expect(d.merged.tags).toEqual(['حلب', 'حرائق'])
      expect(d.merged.categories).toEqual([])
    }
  ]
]

describe('reconcile: the decision for one linked article', () => {
  it.each(cases)('%s', (_name, input, expected, check) => {
    const decision = reconcile(input)
    expect(decision.kind).toBe(expected)
    check?.(decision)
  })

  it('covers every outcome', () => {
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(['gone', 'unchanged', 'push', 'pull', 'merge', 'conflict']))
  })

  it('refuses to decide on a post that changed on the site but was not read', () => {
    expect(() => reconcile({ base, local: base, remote: null, changedHere: false, changedThere: true })).toThrow(/not read/)
  })
})
