/**
 * Slips only the word before can tell, each a rule of Arabic grammar:
 *
 * - after a form of «قال», «إنّ» takes a kasra: «قال أنه» is «قال إنه», with a hamza or without;
 * - after «حيث» and «إذ», which a whole sentence follows, «إنّ» takes a kasra too: «حيث أن» is
 *   «حيث إن», as style guides insist; after «بل» as well, when a pronoun shows it is «إنّ» and
 *   not «أنْ» before a verb («بل أنه» is «بل إنه»; «بل أن يبقى» is right);
 * - after the other verbs news copy reports with (أكد، أعلن، أوضح، ذكر، أفاد، اعتبر، رأى…),
 *   «أنّ» takes a fatha: «أكد إنه» is «أكد أنه»;
 * - after «لن» and «لم» comes a verb in the present, so a bare alef that begins one is the first
 *   person's hamza: «لن اسمح» is «لن أسمح», «لم اجد» is «لم أجد» (a wasl alef begins only past
 *   verbs, imperatives and nouns, none of which these particles take).
 *
 * All look at the word right before only: «قال الوزير إن» is beyond them, and they never guess.
 */

export type ContextReason = 'said-inna' | 'clause-inna' | 'reported-anna' | 'first-person'

export interface ContextSlip {
  fixes: string[]
  reason: ContextReason
}

/** «قال» in the past and present, each person, with و or ف before it or not. */
const SAID = /^[وف]?(?:قال|قالت|قالوا|قالا|قالتا|قلن|قلت|قلنا|قلتم|يقول|تقول|يقولون|تقولون|يقولان|تقولان|أقول|نقول)$/u
/**
 * Verbs of reporting other than «قال», past and present, with و or ف or not. Not «أضاف», which
 * news copy uses as «قال» too, nor words that are also nouns in their bare form (علم، كشف).
 */
const REPORTED = new RegExp(
  `^[وف]?(?:${[
    'أكد أكدت أكدوا يؤكد تؤكد يؤكدون',
    'أعلن أعلنت أعلنوا يعلن تعلن',
    'أوضح أوضحت أوضحوا يوضح توضح',
    'أفاد أفادت أفادوا يفيد تفيد',
    'اعتبر اعتبرت اعتبروا يعتبر تعتبر',
    'رأى رأت رأوا يرى ترى',
    'اعتقد اعتقدت يعتقد تعتقد',
    'أدرك أدركت يدرك تدرك',
    'زعم زعمت يزعم تزعم'
  ]
    .join(' ')
    .replace(/ /gu, '|')})$`,
  'u'
)
/** «أنّ» and «إنّ» written with either hamza or none, alone or with a pronoun (not «أنا», I, which follows «قال» often). */
const INNA = /^[اأإ](نه|نها|نهم|نهما|نهن|نك|نكم|نكما|ني|نني|ننا|ن)$/u
/** «حيث» and «إذ» (with و or ف), after which a sentence begins; «بل», after which one may. */
const CLAUSE = /^[وف]?(?:حيث|إذ)$/u
const RATHER = /^[وف]?بل$/u
/** «لن» and «لم», with و or ف before them or not. */
const JUSSIVE_OR_SUBJUNCTIVE = /^[وف]?(?:لن|لم)$/u

export function contextSlip(previous: string, word: string, has: (word: string) => boolean): ContextSlip | null {
  const inna = INNA.exec(word)
  if (inna !== null) {
    const rest = inna[1]!
    if (SAID.test(previous) && !word.startsWith('إ')) return { fixes: [`إ${rest}`], reason: 'said-inna' }
    // After «بل» only with a pronoun: a bare «أن» there may be «أنْ» before a verb.
    if ((CLAUSE.test(previous) || (RATHER.test(previous) && rest !== 'ن')) && !word.startsWith('إ')) return { fixes: [`إ${rest}`], reason: 'clause-inna' }
    if (REPORTED.test(previous) && !word.startsWith('أ')) return { fixes: [`أ${rest}`], reason: 'reported-anna' }
    return null
  }
  // Not a word with the article: «لمّ الشمل» (gathering) is written «لم» too.
  if (JUSSIVE_OR_SUBJUNCTIVE.test(previous) && /^ا[\u0621-\u064A]{2,}$/u.test(word) && !word.startsWith('ال')) {
    const fixed = `أ${word.slice(1)}`
    if (has(fixed)) return { fixes: [fixed], reason: 'first-person' }
  }
  return null
}
