import { describe, expect, it } from 'vitest'
import { mergeWithinBlock, resolveChunks, threeWayMerge, type Snapshot } from '@main/document/merge'
import { snapshot } from '../../support/snapshots'

const snap = (blocks: string[], over: Partial<Snapshot> = {}): Snapshot => snapshot(blocks, { categories: ['سياسة'], ...over })

describe('three-way merge of an article', () => {
  it('merges changes to different paragraphs, title against body, terms as sets', () => {
    const base = snap(['a', 'b', 'c'])
    const local = snap(['a2', 'b', 'c'], { title: 'عنوان جديد', tags: ['محلي'] })
    const remote = snap(['a', 'b', 'c2', 'd'], { status: 'pending', categories: ['سياسة', 'اقتصاد'] })
    const result = threeWayMerge(base, local, remote)
    expect(result.clean).toBe(true)
    expect(result.merged).toEqual(snap(['a2', 'b', 'c2', 'd'], { title: 'عنوان جديد', status: 'pending', categories: ['سياسة', 'اقتصاد'], tags: ['محلي'] }))
  })

  it('keeps both sides where the same paragraph changed, with the local one in the article', () => {
    const result = threeWayMerge(snap(['a', 'b', 'c']), snap(['a', 'b-mine', 'c']), snap(['a', 'b-site', 'c']))
    expect(result.clean).toBe(false)
    expect(result.merged.blocks).toEqual(['a', 'b-mine', 'c'])
    expect(result.chunks).toEqual([
      { kind: 'same', blocks: ['a'] },
      { kind: 'conflict', local: ['b-mine'], base: ['b'], remote: ['b-site'] },
      { kind: 'same', blocks: ['c'] }
    ])
    expect(resolveChunks(result.chunks, ['remote'])).toEqual(['a', 'b-site', 'c'])
    expect(resolveChunks(result.chunks, ['both'])).toEqual(['a', 'b-mine', 'b-site', 'c'])
  })

  it('reports a title changed differently on both sides, and takes the same change once', () => {
    const result = threeWayMerge(snap(['a']), snap(['a', 'x'], { title: 'هنا' }), snap(['a', 'x'], { title: 'هناك' }))
    expect(result.fieldConflicts).toEqual([{ field: 'title', local: 'هنا', remote: 'هناك' }])
    expect(result.merged.blocks).toEqual(['a', 'x'])
  })

  it('drops a term either side removed', () => {
    const result = threeWayMerge(snap([], { tags: ['أ', 'ب'] }), snap([], { tags: ['أ'] }), snap([], { tags: ['أ', 'ب', 'ج'] }))
    expect(result.merged.tags).toEqual(['أ', 'ج'])
  })
})

describe('paragraphs changed side by side', () => {
  it('merges edits to touching paragraphs that each side rewrote in place, and still stops at the one both changed', () => {
    const merged = threeWayMerge(snap(['a', 'b', 'c']), snap(['a-mine', 'b', 'c']), snap(['a', 'b-site', 'c']))
    expect(merged.clean).toBe(true)
    expect(merged.merged.blocks).toEqual(['a-mine', 'b-site', 'c'])
    const mixed = threeWayMerge(snap(['a', 'b', 'c']), snap(['a-mine', 'b-mine', 'c']), snap(['a', 'b-site', 'c']))
    expect(mixed.clean).toBe(false)
    expect(mixed.merged.blocks).toEqual(['a-mine', 'b-mine', 'c'])
    expect(mixed.chunks.filter((c) => c.kind === 'conflict')).toEqual([{ kind: 'conflict', local: ['b-mine'], base: ['b'], remote: ['b-site'] }])
  })
})

describe('the same paragraph changed by both', () => {
  const p = (html: string) => `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`
  it('merges changes to different words of it, tags included, and keeps a conflict where they touch', () => {
    const base = p('وصلت قافلة المساعدات إلى البلدة بعد حصار دام شهرين.')
    const mine = p('بلغت قافلة المساعدات إلى البلدة بعد حصار دام شهرين.')
    const theirs = p('وصلت قافلة المساعدات الأممية إلى البلدة بعد حصار دام <strong>شهرين</strong>.')
    expect(mergeWithinBlock(mine, base, theirs)).toBe(p('بلغت قافلة المساعدات الأممية إلى البلدة بعد حصار دام <strong>شهرين</strong>.'))
    const result = threeWayMerge(snap([base]), snap([mine]), snap([theirs]))
    expect(result.clean).toBe(true)
    expect(mergeWithinBlock(p('بلغت قافلة'), p('وصلت قافلة'), p('جاءت قافلة'))).toBeNull()
  })
})
