/**
 * Words Ayaspell accepts that are almost surely slips all the same, each with its fix. Its
 * 89 million forms hold most slips of ة and of a doubled letter as real words («سريعه» is
 * «سريع» with the pronoun ه, «يمكننهم» a form of a rare verb) and some hamza-less forms
 * («وانه»), so the list alone cannot tell; these rules decide where grammar, or the word's
 * rarity beside a common fix, can:
 *
 * - a definite word cannot take the pronoun ه: «الحياه» is «الحياة» when that is a word;
 * - the commonest function words never lose their hamza: «وانه» is «وأنه» or «وإنه»;
 * - the article's alef never takes one: «ألعربية» is «العربية»;
 * - the long alef of «هذا», «ذلك», «لكن»… is never written («ذالك», «هاذا», «لاكن»);
 * - the same letter three times is never Arabic spelling;
 * - ه for ة at the end of a word rare on the web (common-words.data.ts) when the ة form is
 *   common there and the stem never shows there with another pronoun or ending: «كتابه» (his
 *   book) stays, as «كتابها» is common; «محاميه» (his lawyer) stays, being common itself;
 * - ـيه on a relational adjective (ـيّ, known by its plural in ـيّون: «سياسي», «سياسيون»),
 *   which takes no pronoun, is ـية, however common on the web: «سياسيه» is «سياسية»;
 * - a word that is rare on the web one letter typed twice from a common word.
 */

import { OBJECT_PRONOUNS, pronounPattern } from '@shared/arabic/pronouns'

export type SlipReason = 'definite-heh' | 'hamza' | 'hamza-article' | 'dagger-alef' | 'tripled' | 'rare-heh' | 'adjective-heh' | 'doubled'

export interface ProbableSlip {
  /** The likeliest fix, then any other (the two hamza forms of «ان»). */
  fixes: string[]
  reason: SlipReason
}

export interface SlipLists {
  /** Ayaspell's word list. */
  has(word: string): boolean
  /** Words common on the web (a subset of Ayaspell's). */
  common: ReadonlySet<string>
}

/**
 * The commonest words of news copy whose hamza or final letter is often slipped: where two
 * forms of a slip are both words, these come first («الى» is «إلى» far more often than «ألى»).
 * Written here from Arabic grammar, not taken from any corpus.
 */
export const FREQUENT: ReadonlySet<string> = new Set(
  [
    'إلى على في من عن أو أي إذا إلا إما أما أيضا أكثر أقل أول أولى أخرى آخر أمس أمام إطار إثر إزاء أثناء أحد إحدى لأن حتى',
    'الذي التي الذين هذا هذه ذلك تلك مع بين خلال بعد قبل عند كل بعض غير منذ لدى لكن إذ أنا أنت أنتم نحن',
    // أن and إن with each pronoun.
    'أن إن أنه إنه أنها إنها أنهم إنهم أنك إنك أنكم إنكم أني إني أنني إنني أننا إننا'
  ]
    .join(' ')
    .split(' ')
)

/** The article, after و ف ب ك ل or not. */
const DEFINITE = /^(?:[وف]?[بكل]?ال|[وف]?لل)/u
/** A definite word ending in ه. */
const DEFINITE_ENDING_IN_HEH = new RegExp(`${DEFINITE.source}[\u0621-\u064A]{2,}ه$`, 'u')
/** A definite word whose final ه is the noun's own: its indefinite form takes the plural ات or the dual ان on the web («جنيهات», «اتجاهات»). */
function ownHeh(word: string, lists: SlipLists): boolean {
  const noun = word.replace(DEFINITE, '')
  return lists.common.has(`${noun}ات`) || lists.common.has(`${noun}ان`)
}
/** Each way of reading a word as proclitics (و ف, then ب ك ل) and the rest, the whole word first. */
function splits(word: string): [string, string][] {
  const out: [string, string][] = []
  for (let k = 0; k <= 2 && word.length - k >= 2; k++) if (/^[وف]?[بكل]?$/u.test(word.slice(0, k))) out.push([word.slice(0, k), word.slice(k)])
  return out
}
const PRONOUN = new RegExp(`^(?:${pronounPattern(OBJECT_PRONOUNS)})$`, 'u')
/**
 * و or ف and a hamza-less word that make a word of their own: «واحد» (one), «فاخر» (luxurious), the
 * letter «واو», and foreign words the news writes: «فاول» (a foul), «واي فاي», «فورمولا وان».
 */
const WORDS_OF_THEIR_OWN = new Set(['واحد', 'واو', 'فاخر', 'فاول', 'واي', 'فاي', 'وان'])

/** Words whose long alef is not written (a dagger alef), keyed by the slip that writes it. */
const DAGGER_ALEF: ReadonlyMap<string, string> = new Map(
  ['هذا', 'هذه', 'هذان', 'هذين', 'هؤلاء', 'ذلك', 'ذلكم', 'لكن', 'لكنه', 'لكنها', 'لكنهم', 'لكنني', 'أولئك'].map((word) => [withWrittenAlef(word), word])
)
function withWrittenAlef(word: string): string {
  if (word.startsWith('ه')) return `ها${word.slice(1)}`
  if (word.startsWith('ذ')) return `ذا${word.slice(1)}`
  if (word.startsWith('ل')) return `لا${word.slice(1)}`
  return word.replace('ول', 'ولا')
}

/** The pronouns a noun takes (not a verb's «ني», «ت», «وا»: «علميني», teach me). */
const POSSESSIVES = ['ها', 'هم', 'هما', 'كم', 'نا']
/** Whether the web writes `stem` with a noun's other pronouns, so that «stem + ه» reads as «his stem». */
const takesPossessives = (stem: string, common: ReadonlySet<string>) => POSSESSIVES.some((pronoun) => common.has(`${stem}${pronoun}`))

/**
 * Other endings a noun or verb that takes the pronoun ه takes as well: «كتابه» has «كتابها»,
 * «ساعده» has «ساعدت». Not ي, which makes adjectives of nouns in ة («ثقافي» from «ثقافة»).
 */
const PARADIGM = ['ها', 'هم', 'هما', 'كم', 'ك', 'نا', 'ني', 'ت', 'وا']

/**
 * Whether the web writes `stem` with other endings, then «stem + ه» is a real word; after a
 * proclitic too («بكتابه»: «كتابها»), when the stem without it takes ة too («كتابة»), so
 * that «لوحه» is not read as ل + «وح».
 */
function takesPronouns(stem: string, common: ReadonlySet<string>): boolean {
  return splits(stem)
    .filter(([clitic, rest]) => clitic === '' || common.has(`${rest}ة`))
    .some(([, rest]) => PARADIGM.some((ending) => common.has(`${rest}${ending}`)))
}

export function probableSlip(word: string, lists: SlipLists): ProbableSlip | null {
  // Not when the word reads whole as a noun with the pronoun ه: «والديه» (his parents, as «والديها»), not و + «الدية»;
  // nor when its ه is the noun's own, as its plural or dual shows: «الجنيه» (the pound: «جنيهات»), not «الجنية».
  if (DEFINITE_ENDING_IN_HEH.test(word) && !takesPossessives(word.slice(0, -1), lists.common) && !ownHeh(word, lists)) {
    const fixed = `${word.slice(0, -1)}ة`
    if (lists.has(fixed)) return { fixes: [fixed], reason: 'definite-heh' }
  }
  // Only after و or ف: after ب ك ل the hamza-less form is too often a verb of its own («كان», «لاذ», «بان»).
  // A hamza on the wrong seat too («آنه», «أذا»), unless the word is common as it is («أثر» beside «إثر»).
  for (const [clitic, rest] of splits(word)) {
    const seat = rest[0] ?? ''
    if (!/^[وف]?$/u.test(clitic) || !'اأإآ'.includes(seat) || FREQUENT.has(rest) || WORDS_OF_THEIR_OWN.has(word)) continue
    if (seat !== 'ا' && lists.common.has(word)) continue
    // After ف, «إنّ» is the likelier («فإن»); elsewhere «أنّ».
    const fixes = (clitic === 'ف' ? ['إ', 'أ', 'آ'] : ['أ', 'إ', 'آ']).map((hamza) => `${hamza}${rest.slice(1)}`).filter((w) => FREQUENT.has(w))
    if (fixes.length > 0) return { fixes: fixes.map((w) => `${clitic}${w}`), reason: 'hamza' }
  }
  // The article's alef never takes a hamza («ألعربية»), when the word is rare with it and common without.
  // Not when the word without its و or ف is common as written («وألسنة»: «ألسنة», tongues).
  const article = /^([وف]?)([أإ]ل.{2,})$/u.exec(word)
  if (article !== null && !lists.common.has(word) && !lists.common.has(article[2]!)) {
    const fixed = `${article[1]}ا${article[2]!.slice(1)}`
    const further = probableSlip(fixed, lists)
    if (further?.reason === 'definite-heh') return { fixes: further.fixes, reason: 'hamza-article' }
    if (lists.common.has(fixed)) return { fixes: [fixed], reason: 'hamza-article' }
  }
  for (const [clitic, rest] of splits(word)) {
    const dagger = DAGGER_ALEF.get(rest)
    if (dagger !== undefined) return { fixes: [`${clitic}${dagger}`], reason: 'dagger-alef' }
  }
  const tripled = /(.)\1\1/u.exec(word)
  if (tripled !== null) {
    const fixed = `${word.slice(0, tripled.index)}${word.slice(tripled.index + 1)}`
    if (lists.has(fixed)) return { fixes: [fixed], reason: 'tripled' }
  }
  const letters = [...word]
  if (letters.length >= 3 && word.endsWith('ه')) {
    const stem = word.slice(0, -1)
    const fixed = `${stem}ة`
    // Only for a word rare on the web, with or without its proclitics: «محاميه» and «ومنافسه» (his lawyer, and his
    // rival) are common although «محامية» and «منافسة» are too, and no other evidence tells them from «سريعه».
    const rare = splits(word).every(([, rest]) => !lists.common.has(rest))
    if (rare && lists.common.has(fixed) && !takesPronouns(stem, lists.common) && !pastVerbFormFour(stem, lists)) return { fixes: [fixed], reason: 'rare-heh' }
  }
  const adjective = adjectiveHeh(word, lists)
  if (adjective !== null) return { fixes: [adjective], reason: 'adjective-heh' }
  if (lists.common.has(word)) return null
  // A letter typed twice, inside the stem: not where a proclitic meets the stem («وللمتاجر», «وتتابع»)
  // nor where a pronoun begins («وجهه», «يمكنني»).
  const stem = (/^[وف]?[سبكل]?/u.exec(word)?.[0] ?? '').length
  for (let i = stem + 2; i < letters.length; i++) {
    if (letters[i] !== letters[i - 1] || PRONOUN.test(letters.slice(i).join(''))) continue
    const fixed = [...letters.slice(0, i), ...letters.slice(i + 1)].join('')
    if (lists.common.has(fixed)) return { fixes: [fixed], reason: 'doubled' }
  }
  return null
}

/**
 * A past verb of the form أفعل (Ayaspell holds it as a word), with و or ف or not, takes an object
 * ه: «أقنعه», «وأبلغه» (he convinced him, and told him), however rare its forms are on the web.
 */
function pastVerbFormFour(stem: string, lists: SlipLists): boolean {
  return splits(stem).some(([clitic, rest]) => /^[وف]?$/u.test(clitic) && /^أ[\u0621-\u064A]{3}$/u.test(rest) && lists.has(rest))
}

/**
 * ـيه for ـية on a relational adjective: «سياسي» has the plural «سياسيون» as nouns in ـي with
 * the pronoun ه have not («محاميه», his lawyer: «محامون»; «مسؤوليه», its officials: «مسؤولون»).
 * Not where any reading of the word is a noun the web writes with other pronouns («فعليه»: ف +
 * «عليه», as «عليها» is common; «والديه»: «والديها»), nor where it reads as a dual with ه
 * («أخويه», his two brothers: «أخوان» is common).
 */
function adjectiveHeh(word: string, lists: SlipLists): string | null {
  if (!word.endsWith('يه')) return null
  const readings = splits(word).map(([clitic, rest]) => [clitic, rest.slice(0, -1)] as const)
  if (readings.some(([, stem]) => takesPossessives(stem, lists.common))) return null
  for (const [clitic, adjective] of readings) {
    const base = adjective.slice(0, -1)
    if ([...base].length < 2 || !lists.has(`${adjective}ون`) || lists.common.has(`${base}ان`) || !lists.common.has(`${adjective}ة`)) continue
    return `${clitic}${adjective}ة`
  }
  return null
}
