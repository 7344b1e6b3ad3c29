/**
 * The pronouns Arabic attaches to the end of a word, shared by search (a noun's ة written ت
 * before one) and the speller (a plural verb's object, a dropped ت, where a pronoun begins).
 */

/** After a noun: his, her, their…, and ي (my). */
export const NOUN_PRONOUNS = ['ه', 'ها', 'هم', 'هما', 'هن', 'ك', 'كم', 'كما', 'كن', 'نا', 'ي'] as const
/** After a verb, as its object: the same, with ني (me) for ي. */
export const OBJECT_PRONOUNS = ['ه', 'ها', 'هم', 'هما', 'هن', 'ك', 'كم', 'كما', 'كن', 'نا', 'ني'] as const

/** A regular-expression alternation of pronouns, for a pattern anchored at the word's end. */
export const pronounPattern = (pronouns: readonly string[]): string => pronouns.join('|')
