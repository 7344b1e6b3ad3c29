import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../support/temp'
import { servicesIn } from '../../support/fixtures'
import type { Services } from '@main/services'
import { SPELLING_SET, measureSpelling } from '../../support/spelling-set'

let data: ReturnType<typeof tempDir>
let services: Services
beforeAll(() => {
  data = tempDir()
  services = servicesIn(data.dir)
})
afterAll(() => {
  services.close()
  data.remove()
})

describe('offline spell check', () => {
  it('flags misspelled Arabic words with ranked suggestions, in a worker, and leaves Latin and numbers to their own rules', async () => {
    const text = 'أعلنت الحكومه أن الوزبر سيزور بيروت في 2026، وقالت Reuters إن the goverment agreed.'
    const findings = (await services.proofing.check(text)).filter((f) => f.kind === 'spelling')
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['الحكومه', 'الوزبر', 'goverment'])
    expect(findings[0]!.suggestions[0]).toBe('الحكومة')
    expect(findings[1]!.suggestions).toContain('الوزير')
    expect(findings[2]!.suggestions).toContain('government')
  })

  it('accepts the newsroom’s own words, keeps them in SQLite, and ignores a word on request', async () => {
    expect(await services.proofing.misspelled(['ترامب', 'زيلينسكي'])).toEqual(['ترامب', 'زيلينسكي'])
    expect(services.proofing.addWord('ترامب')).toEqual(['ترامب'])
    services.proofing.ignore('زيلينسكي')
    expect(await services.proofing.misspelled(['ترامب', 'زيلينسكي', 'وترامب'])).toEqual(['وترامب'])
    expect(services.proofing.wordListText()).toBe('ترامب\n')
  })

  it('finds typos in real news sentences with precision and recall above 0.8', async () => {
    const m = await measureSpelling((words) => services.proofing.misspelled(words))
    console.log(
      `spelling on ${SPELLING_SET.length} sentences: precision ${m.precision.toFixed(2)}, recall ${m.recall.toFixed(2)} (${m.truePositives} typos found, ${m.falsePositives} correct words flagged, ${m.falseNegatives} typos missed)`
    )
    expect(m.precision).toBeGreaterThanOrEqual(0.8)
    expect(m.recall).toBeGreaterThanOrEqual(0.8)
  })
})
