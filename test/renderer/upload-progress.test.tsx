import { render, screen } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cleanup } from '@testing-library/react'
import { initI18n, switchLocale } from '@renderer/app/i18n'
import { UploadProgress } from '@renderer/features/sync/UploadProgress'
import type { SyncProgress } from '@shared/domain/sync'

const base: SyncProgress = {
  running: true,
  articlesDone: 0,
  articlesTotal: 1,
  bytesDone: 2 ** 20,
  bytesTotal: 4 * 2 ** 20,
  current: 'خبر',
  startedAt: 0,
  finishedAt: null,
  failures: [],
  cancelled: false,
  pulled: [],
  removedCopies: 0,
  updatedAt: 60_000
}

describe('what is left to send on a slow link', () => {
  beforeAll(async () => {
    await initI18n('ar')
  })
  afterEach(cleanup)

  it('says how much went, of how much, and at the speed so far how long the rest will take', async () => {
    // 1 MB in a minute: 3 MB left, about 3 minutes.
    const { unmount } = render(<UploadProgress progress={base} locale="ar" />)
    expect(screen.getByTestId('upload-left').textContent).toBe('1 من 4 م.ب · الوقت المتبقي: نحو 3 دقائق')
    unmount()
    await switchLocale('en')
    render(<UploadProgress progress={{ ...base, bytesDone: 3 * 2 ** 20, updatedAt: 30_000 }} locale="en" />)
    expect(screen.getByTestId('upload-left').textContent).toBe('3 of 4 MB · about a minute left')
    cleanup()
    await switchLocale('ar')
  })

  it('guesses no time before there is a speed to go by, and none when the run is over', () => {
    const { unmount } = render(<UploadProgress progress={{ ...base, updatedAt: 1000 }} locale="ar" />)
    expect(screen.getByTestId('upload-left').textContent).toBe('1 من 4 م.ب')
    unmount()
    render(<UploadProgress progress={{ ...base, running: false }} locale="ar" />)
    expect(screen.getByTestId('upload-left').textContent).toBe('1 من 4 م.ب')
  })
})
