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

  it('suggests the hamza, teh marbuta and alef maksura forms first, ranked by how common the slip is, two-letter words too', async () => {
    const first = async (word: string) => (await services.proofing.suggest(word))[0]
    // Written here (not from any corpus): the commonest slips of news copy.
    expect(await first('اعلنت')).toBe('أعلنت')
    expect(await first('ازمة')).toBe('أزمة')
    expect(await first('انهاء')).toBe('إنهاء')
    expect(await first('الى')).toBe('إلى')
    expect(await first('فى')).toBe('في')
    expect(await first('الاقتصاديه')).toBe('الاقتصادية')
    // The article's own alef takes no hamza: «المدينه» is «المدينة», never «ألمدينه».
    expect((await services.proofing.suggest('المدينه')).slice(0, 1)).toEqual(['المدينة'])
  })

  it('flags a definite word ending in ه that the word list accepts when its ة form is a word, and leaves words whose ه is their own alone', async () => {
    const text = 'عادت الحياه إلى المدينه في السنه الماضية، ووجه الشكر إلى الله على المياه في الاتجاه الصحيح.'
    const findings = await services.proofing.check(text)
    const at = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => [text.slice(f.start, f.end), f.suggestions[0]])
    // Words the list accepts (a pronoun could follow a noun), which a definite word cannot take.
    expect(at('probable-slip')).toEqual([
      ['الحياه', 'الحياة'],
      ['السنه', 'السنة']
    ])
    // One the list refuses is a spelling finding, its ة form first.
    expect(at('spelling')).toEqual([['المدينه', 'المدينة']])
    expect(findings.find((f) => f.kind === 'probable-slip')!.message).toContain('الأرجح «الحياة»')
  })

  it('accepts plural verbs with an object pronoun, which the word list lacks, and still flags a slip in one', async () => {
    // «اعتقلوا» + «ه» is «اعتقلوه»: the alef of the plural drops before the pronoun.
    expect(await services.proofing.misspelled(['اعتقلوه', 'فسألوها', 'واستقبلوهم', 'ساعدونا'])).toEqual([])
    expect(await services.proofing.misspelled(['واستقبلوهن', 'واستقبلهوم'])).toEqual(['واستقبلهوم'])
  })

  it('knows today’s words the old word list lacks (networks, agencies, leaders), with the article and proclitics, and keeps their slips slips', async () => {
    expect(await services.proofing.misspelled(['والواتساب', 'بتويتر', 'ليوتيوب', 'زيلينسكي', 'وبوتين', 'رويترز', 'التوعوية'])).toEqual([])
    // The list is written as the words are spelled: a missing hamza is still flagged.
    expect(await services.proofing.misspelled(['الانستغرام', 'الإنستغرام'])).toEqual(['الانستغرام'])
    // The newsroom's own dictionary stays empty: these ship with the app.
    expect(services.proofing.wordListText().trim()).toBe('')
  })

  it('accepts the newsroom’s own words, keeps them in SQLite, and ignores a word on request', async () => {
    expect(await services.proofing.misspelled(['عراقجي', 'شويغو'])).toEqual(['عراقجي', 'شويغو'])
    expect(services.proofing.addWord('عراقجي')).toEqual(['عراقجي'])
    services.proofing.ignore('شويغو')
    expect(await services.proofing.misspelled(['عراقجي', 'شويغو', 'وعراقجي'])).toEqual(['وعراقجي'])
    expect(services.proofing.wordListText()).toBe('عراقجي\n')
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
