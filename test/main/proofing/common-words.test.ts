import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { COMMON_WORDS_GZ } from '@main/proofing/common-words.data'
import { SpellChecker } from '@main/proofing/spell'

describe('the common-word list that ranks suggestions', () => {
  it('holds only words Ayaspell already accepts, so it can reorder suggestions but never let a misspelling through', async () => {
    const words = gunzipSync(Buffer.from(COMMON_WORDS_GZ, 'base64')).toString('utf8').trim().split('\n')
    expect(words.length).toBeGreaterThan(50_000)
    expect(words.every((w) => /^[\u0621-\u063A\u0641-\u064A]{2,}$/u.test(w))).toBe(true)
    const checker = await SpellChecker.load()
    checker.setExtraWords([])
    // Every 50th word: all of them are in the word list as they are.
    const sample = words.filter((_, i) => i % 50 === 0)
    expect(sample.filter((w) => !checker.isCorrect(w))).toEqual([])
  })
})
