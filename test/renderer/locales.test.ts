import { describe, expect, it } from 'vitest'
import ar from '@renderer/app/locales/ar'
import en from '@renderer/app/locales/en'
import { SYNC_ERROR_CODES, SYNC_STATES } from '@shared/domain/sync'
import { STORE_FAILURES } from '@shared/domain/app'
import { BUNDLE_PROBLEMS } from '@shared/domain/bundle'
import { REVISION_REASONS } from '@shared/domain/article'

/** Every code main can send the window must have words in both languages, or the user sees a raw key. */
describe('interface words', () => {
  const lists: [string, readonly string[], (m: typeof ar) => Record<string, string>][] = [
    ['sync failure reasons', SYNC_ERROR_CODES, (m) => m.sync.reasons],
    ['sync states', SYNC_STATES, (m) => m.sync.states],
    ['database failures', STORE_FAILURES, (m) => m.store.reason],
    ['bundle problems', BUNDLE_PROBLEMS, (m) => m.bundle.problems],
    ['revision reasons', REVISION_REASONS, (m) => m.revisions.reason]
  ]
  for (const [name, codes, words] of lists) {
    it(`words every one of the ${name} in Arabic and English`, () => {
      for (const [language, messages] of [
        ['ar', ar],
        ['en', en]
      ] as const) {
        const table = words(messages)
        const missing = codes.filter((code) => typeof table[code] !== 'string' || table[code]!.trim() === '')
        expect(missing, `${language}: ${name}`).toEqual([])
      }
      // The Arabic words are Arabic.
      for (const code of codes) expect(words(ar)[code], code).toMatch(/[\u0600-\u06FF]/)
    })
  }
})
