import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import ar from '@renderer/app/locales/ar'

describe('typed interface words', () => {
  it('makes a key missing from the Arabic table a compile error (checked by npm run typecheck)', () => {
    // @ts-expect-error: 'toolbar.noSuchKey' is not a key of the Arabic table, so this line does not compile.
    const missing = () => i18next.t('toolbar.noSuchKey')
    const present = () => i18next.t('toolbar.bold')
    expect(typeof missing).toBe('function')
    expect(typeof present).toBe('function')
    expect(ar.toolbar.bold).toBe('غامق')
  })
})
