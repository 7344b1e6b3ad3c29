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
    // Brand names with a capital inside are names, not English: «ChatGPT», «iPhone».
    expect(await services.proofing.misspelled(['ChatGPT', 'iPhone', 'AirTag', 'YouTube', 'Goverment'])).toEqual(['Goverment'])
    // The article or a proclitic cut off with a tatweel before a number or a foreign word, as the news writes it.
    const cut = 'خلال الـ 90 دقيقة فاز الفريق بـ Apple TV وللـ 3 مرات، والـ«فار» حاضر.'
    expect((await services.proofing.check(cut)).filter((f) => f.kind === 'spelling')).toEqual([])
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

  it('suggests what grammar, pronunciation, letter shapes and the keyboard explain, a common word before a rare one', async () => {
    const first = async (word: string) => (await services.proofing.suggest(word))[0]
    // Written here: the alef after a plural verb's و left out; the ت of a ة dropped before a pronoun;
    // ن before ب written م as it is said; two letters the wrong way round.
    expect(await first('قالو')).toBe('قالوا')
    expect(await first('ذهبو')).toBe('ذهبوا')
    expect((await services.proofing.suggest('سيارهم')).slice(0, 2)).toContain('سيارتهم')
    expect(await first('ممبر')).toBe('منبر')
    expect(await first('امبعاث')).toBe('انبعاث')
    expect(await first('الحكوةم')).toBe('الحكومة')
    // A letter of the same shape with other dots, with a missing hamza too.
    expect(await first('ياخد')).toBe('يأخذ')
    // «الى» is «إلى»: the common word comes before the rarer ones the same slips away («ألى», «تلى»).
    expect(await first('الى')).toBe('إلى')
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

  it('flags the slips the word list holds as words (ه for ة, a lost or wrong hamza, a written dagger alef, a letter typed twice), each with its reason in both languages', async () => {
    // Written here: each word is one Ayaspell accepts, so only these rules can catch it.
    const text = 'قال إن الخطوة حاسمه وانه لا تغيير، ولاكن ألحكومة لن يمكننهم تأجيلها، والمرحلة انتقاليه.'
    const slips = async (locale: 'ar' | 'en') =>
      (await services.proofing.check(text, { locale })).filter((f) => f.kind === 'probable-slip').map((f) => [text.slice(f.start, f.end), f.suggestions, f.message])
    const ar = await slips('ar')
    expect(ar.map(([word, fixes]) => [word, fixes])).toEqual([
      ['حاسمه', ['حاسمة']],
      ['وانه', ['وأنه', 'وإنه']],
      ['ولاكن', ['ولكن']],
      ['ألحكومة', ['الحكومة']],
      ['يمكننهم', ['يمكنهم']],
      ['انتقاليه', ['انتقالية']]
    ])
    expect(ar.map(([, , message]) => message)).toEqual([
      '«حاسمه» نادرة وهي بالتاء المربوطة شائعة: الأرجح «حاسمة».',
      '«وانه» لا تُكتب بلا همزة: الأرجح «وأنه» أو «وإنه».',
      'ألف «ولاكن» لا تُكتب: الأرجح «ولكن».',
      'ألف «ال» لا تُكتب همزة في «ألحكومة»: الأرجح «الحكومة».',
      '«يمكننهم» نادرة وفيها حرف مكرر: الأرجح «يمكنهم».',
      '«انتقاليه» نادرة وهي بالتاء المربوطة شائعة: الأرجح «انتقالية».'
    ])
    expect((await slips('en'))[1]![2]).toBe('“وانه” is never written without its hamza: most likely “وأنه” or “وإنه”.')
  })

  it('flags ـيه on a relational adjective, however common the slip is on the web, and leaves nouns, duals and prepositions with ه alone', async () => {
    // «سياسي», «عسكري», «علمي» have plurals in ـيون: adjectives, which take no pronoun.
    const text = 'تواجه البلاد أزمة سياسيه وعسكريه، وقدم الفريق ورقة علميه.'
    const findings = (await services.proofing.check(text)).filter((f) => f.kind === 'probable-slip')
    expect(findings.map((f) => [text.slice(f.start, f.end), f.suggestions[0]])).toEqual([
      ['سياسيه', 'سياسية'],
      ['وعسكريه', 'وعسكرية'],
      ['علميه', 'علمية']
    ])
    expect(findings[0]!.message).toBe('«سياسي» صفة نسبة لا تتصل بضمير: الأرجح «سياسية».')
    const [en] = (await services.proofing.check(text, { locale: 'en' })).filter((f) => f.kind === 'probable-slip')
    expect(en!.message).toBe('“سياسي” is a relational adjective and takes no pronoun: most likely “سياسية”.')
    // Nouns in ـي with «his» (a lawyer, supporters, officials), duals (parents, two brothers), ف or و + a
    // preposition («فعليه», «ولديه»), and a verb of the form أفعل with its object («أقنعه», he convinced him).
    const correct = 'فعليه أن يعتذر إلى والديه وأخويه كما أقنعه محاميه، ولديه بين مؤيديه ومعارضيه ومسؤوليه وقت.'
    expect((await services.proofing.check(correct)).filter((f) => f.kind === 'probable-slip' || f.kind === 'spelling')).toEqual([])
  })

  it('leaves alone the words those rules could mistake: a noun, a person or a verb with its own ه, and hamza-less forms that are words of their own', async () => {
    // Nouns and prepositions with the pronoun ه (their ة forms are words too: «علية», «رئيسة»), and
    // «واحد» (not و + «أحد»), «كان» (not ك + «أن»), «أثر» beside «إثر», words that begin with «أل».
    const correct = 'قال رئيسه في كتابه عن بلاده إن عليه أن يغير موقفه وقراره، وكان واحد من أخيه قد ترك أثر الألعاب في ألمانيا وألف منزل.'
    // People with «his», whose feminine forms are common words too («محامية», «مدربة»): the news writes them every day.
    const people = 'وقال محاميه إن مدربه وحليفه ومنافسه وخليفه وممثله ونائبه ومساعده حضروا.'
    expect((await services.proofing.check(people)).filter((f) => f.kind === 'probable-slip' || f.kind === 'spelling')).toEqual([])
    expect((await services.proofing.check(correct)).filter((f) => f.kind === 'probable-slip' || f.kind === 'spelling')).toEqual([])
    // Definite nouns whose ه is their own, though «الجنية» (the fairy) is a word too: the pound, the direction.
    const own = 'وتراجع سعر الجنيه بالاتجاه نفسه، وارتفع للجنيه الإسترليني.'
    expect((await services.proofing.check(own)).filter((f) => f.kind === 'probable-slip' || f.kind === 'spelling')).toEqual([])
  })

  it('fixes the hamza the word before decides: «إنّ» after «قال», the first person after «لن» and «لم», and nothing further away', async () => {
    const text = 'قال أنه لن اسمح بتأجيل الانتخابات، وقالت انها لم اكن هناك. وقال الوزير إن الموعد ثابت وإن لم الشمل ممكن، وذكر أنه سيعود.'
    const found = async (locale: 'ar' | 'en') =>
      (await services.proofing.check(text, { locale }))
        .filter((f) => f.kind === 'hamza-in-context' || f.kind === 'probable-slip' || f.kind === 'spelling')
        .map((f) => ({ word: text.slice(f.start, f.end), kind: f.kind, fixes: f.suggestions, message: f.message }))
    const ar = await found('ar')
    expect(ar.map(({ word, kind, fixes }) => [word, kind, fixes[0]])).toEqual([
      ['أنه', 'hamza-in-context', 'إنه'],
      ['اسمح', 'hamza-in-context', 'أسمح'],
      // Not in the word list: a spelling finding, the word before puts «إنها» first.
      ['انها', 'spelling', 'إنها'],
      ['اكن', 'hamza-in-context', 'أكن']
    ])
    expect(ar[0]!.message).toBe('بعد «قال» تُكسر همزة «إنّ»: «إنه».')
    expect(ar[1]!.message).toBe('بعد «لن» فعل مضارع، وهمزة المتكلم فيه تُكتب: «أسمح».')
    expect((await found('en'))[0]!.message).toBe('after “قال”, إنّ takes its hamza below: “إنه”.')
    // After a verb of reporting other than «قال», «أنّ»; «أنا» (I) after «قال» is not «إنّ».
    const reported = 'وأكد إنه سيعود، وأعلنت انها باقية، وقال أنا لا أعرف.'
    const second = (await services.proofing.check(reported)).filter((f) => f.kind !== 'missing-headline')
    expect(second.map((f) => [reported.slice(f.start, f.end), f.kind, f.suggestions[0]])).toEqual([
      ['إنه', 'hamza-in-context', 'أنه'],
      ['انها', 'spelling', 'أنها']
    ])
    expect(second[0]!.message).toBe('بعد «وأكد» تُفتح همزة «أنّ»: «أنه».')
    // After «حيث» and «إذ» a sentence begins: «إنّ»; after «بل» too when a pronoun shows it, not before a verb.
    const clause = 'تأجل القرار حيث أن الوزراء غابوا، بل أنهم سافروا، ولا يريد الانسحاب بل أن يبقى، إذ أنه لم يقرر.'
    const third = (await services.proofing.check(clause)).filter((f) => ['hamza-in-context', 'probable-slip', 'spelling'].includes(f.kind))
    expect(third.map((f) => [clause.slice(f.start, f.end), f.suggestions[0]])).toEqual([
      ['أن', 'إن'],
      ['أنهم', 'إنهم'],
      ['أنه', 'إنه']
    ])
    expect(third[0]!.message).toBe('بعد «حيث» تُكسر همزة «إنّ»: «إن».')
    // The editor's underlines ask by pairs (the word before, the word); its menu gets the context's fix first.
    const pairs: [string, string][] = [
      ['قال', 'أنه'],
      ['ذكر', 'أنه'],
      ['لن', 'اسمح'],
      ['لم', 'الشمل'],
      ['قال', 'إنه']
    ]
    expect(await services.proofing.inContext(pairs)).toEqual([
      ['قال', 'أنه'],
      ['لن', 'اسمح']
    ])
    expect((await services.proofing.suggest('أنه', 'قال'))[0]).toBe('إنه')
    expect((await services.proofing.suggest('انها', 'وقالت'))[0]).toBe('إنها')
  })

  it('accepts plural verbs with an object pronoun, which the word list lacks, and still flags a slip in one', async () => {
    // «اعتقلوا» + «ه» is «اعتقلوه»: the alef of the plural drops before the pronoun.
    expect(await services.proofing.misspelled(['اعتقلوه', 'فسألوها', 'واستقبلوهم', 'ساعدونا'])).toEqual([])
    expect(await services.proofing.misspelled(['واستقبلوهن', 'واستقبلهوم'])).toEqual(['واستقبلهوم'])
  })

  it('knows today’s words the old word list lacks (networks, agencies, leaders), with the article and proclitics, and keeps their slips slips', async () => {
    expect(await services.proofing.misspelled(['والواتساب', 'بتويتر', 'ليوتيوب', 'زيلينسكي', 'وبوتين', 'رويترز', 'التوعوية'])).toEqual([])
    expect(await services.proofing.misspelled(['داعش', 'والحوثيون', 'للحوثيين', 'إنترفاكس', 'وشينخوا', 'أستانة', 'والسيسي', 'كوفيد', 'المتحورات'])).toEqual([])
    expect(await services.proofing.misspelled(['آبل', 'وسامسونج', 'هواوي', 'جي', 'إف', 'دبليو', 'إيلون'])).toEqual([])
    // Names with «عبد» written as one word, as much of the news writes them; a slip in the second part is still one.
    expect(await services.proofing.misspelled(['عبدالعزيز', 'وعبدالفتاح', 'لعبدالرحمن', 'عبدالله', 'العبدالله', 'عبدالعزبز'])).toEqual(['عبدالعزبز'])
    // The list is written as the words are spelled: a missing hamza is still flagged.
    expect(await services.proofing.misspelled(['الانستغرام', 'الإنستغرام'])).toEqual(['الانستغرام'])
    // A foreign sound Arabic writes two ways: «ch» as «تش» or «ش», «g» as «غ» or «ج».
    expect(await services.proofing.misspelled(['تشات', 'والتشات', 'جوجل', 'الإنستغرام', 'تلجرام'])).toEqual([])
    expect(await services.proofing.misspelled(['تشاتت'])).toEqual(['تشاتت'])
    // The newsroom's own dictionary stays empty: these ship with the app.
    expect(services.proofing.wordListText().trim()).toBe('')
  })

  it('accepts the newsroom’s own words, keeps them in SQLite, and ignores a word on request', async () => {
    expect(await services.proofing.misspelled(['عراقجي', 'شويغو'])).toEqual(['عراقجي', 'شويغو'])
    expect(services.proofing.addWord('عراقجي')).toEqual(['عراقجي'])
    services.proofing.ignore('شويغو')
    // An ignored word is ignored as written; a name the newsroom added takes و, ب, ل and the article like any noun.
    expect(await services.proofing.misspelled(['عراقجي', 'شويغو', 'وعراقجي', 'لعراقجي', 'وشويغو', 'عراقجيي'])).toEqual(['وشويغو', 'عراقجيي'])
    services.proofing.addWord('القطيف')
    expect(await services.proofing.misspelled(['والقطيف', 'بالقطيف', 'للقطيف', 'وقطيف'])).toEqual([])
    expect(services.proofing.wordListText()).toBe('القطيف\nعراقجي\n')
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
