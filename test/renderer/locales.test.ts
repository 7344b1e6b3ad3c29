import { describe, expect, it } from 'vitest'
import ar from '@renderer/app/locales/ar'
import en from '@renderer/app/locales/en'
import { SYNC_ERROR_CODES, SYNC_STATES } from '@shared/domain/sync'
import { STORE_FAILURES, STORE_PROBLEMS } from '@shared/domain/app'
import { ERROR_CODES } from '@shared/ipc/contract'
import i18next from 'i18next'
import { ApiError } from '@renderer/api'
import { describeError } from '@renderer/app/errors'
import { BUNDLE_PROBLEMS } from '@shared/domain/bundle'
import { REVISION_REASONS } from '@shared/domain/article'

/** Every code main can send the window must have words in both languages, or the user sees a raw key. */
describe('interface words', () => {
  const lists: [string, readonly string[], (m: typeof ar) => Record<string, string>][] = [
    ['sync failure reasons', SYNC_ERROR_CODES, (m) => m.sync.reasons],
    ['sync states', SYNC_STATES, (m) => m.sync.states],
    ['database failures', STORE_FAILURES, (m) => m.store.reason],
    ['bundle problems', BUNDLE_PROBLEMS, (m) => m.bundle.problems],
    ['revision reasons', REVISION_REASONS, (m) => m.revisions.reason],
    ['error codes', ERROR_CODES, (m) => m.errors],
    ['store problems', STORE_PROBLEMS, (m) => m.security.problems]
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

  it('never shows a library’s English words in the Arabic interface, for any error code', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({ lng: 'ar', resources: { ar: { translation: ar }, en: { translation: en } } })
    for (const code of ERROR_CODES) {
      const error = new ApiError({ code, message: 'SqliteError: database or disk is full at Statement.run (better-sqlite3)' })
      const words = describeError(error, i18n.t.bind(i18n) as never, i18n)
      expect(words, code).toMatch(/[\u0600-\u06FF]/)
      expect(words, code).not.toMatch(/[A-Za-z]/)
    }
    expect(describeError(new Error('EACCES: permission denied'), i18n.t.bind(i18n) as never, i18n)).not.toMatch(/[A-Za-z]/)
    await i18n.changeLanguage('en')
    expect(describeError(new ApiError({ code: 'IO_ERROR', message: 'cannot read x.png' }), i18n.t.bind(i18n) as never, i18n)).toContain('cannot read x.png')
    expect(describeError(new ApiError({ code: 'DISK_FULL', message: 'SQLITE_FULL' }), i18n.t.bind(i18n) as never, i18n)).not.toContain('SQLITE')
  })
})
