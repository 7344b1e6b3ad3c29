/** A finding of the proofing checks: where it is, what rule, what to say, and fixes that are safe to apply. */
export const PROOFING_RULES = [
  'spelling',
  'probable-slip',
  'hamza-in-context',
  'impossible-date',
  'month-mismatch',
  'weekday-mismatch',
  'repeated-word',
  'latin-punctuation',
  'mixed-digits',
  'double-space',
  'unbalanced',
  'missing-headline',
  'missing-byline',
  'missing-dateline',
  'headline-too-long'
] as const
export type ProofingRule = (typeof PROOFING_RULES)[number]

export interface Finding {
  /** [start, end) in the checked text; 0, 0 for a finding about the article, not a place in it. */
  start: number
  end: number
  kind: ProofingRule
  message: string
  /** Replacements for text.slice(start, end); the first is the one-click fix when the fix is safe. */
  suggestions: string[]
}
