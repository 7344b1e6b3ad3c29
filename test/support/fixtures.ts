import { join } from 'node:path'
import { createServices, type Services, type ServicesOptions } from '@main/services'
import type { Platform } from '@main/platform/types'
import { testSecrets } from './secrets'
import type { ArticleDraft } from '@shared/domain/article'
import { EMPTY_META } from '@shared/domain/article'
import { countWords } from '@shared/arabic/count'
import { plainDocumentJson } from '@shared/domain/document'

/** A controllable clock for tests. */
export function fakeClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms), set: (at: number) => (now = at) }
}

export function testPlatform(overrides: Partial<Platform> = {}): Platform & { opened: string[] } {
  const opened: string[] = []
  return {
    appVersion: 'test',
    platformName: 'linux',
    clock: { now: () => Date.now() },
    dialogs: {
      pickImageFile: async () => null,
      saveTextFile: async () => false,
      saveBundleFile: async () => false,
      openBundleFile: async () => null,
      confirmUpdateServer: async () => false
    },
    shell: { openExternal: async (url) => void opened.push(url) },
    secrets: testSecrets(),
    opened,
    ...overrides
  }
}

export function servicesIn(dataDir: string, platform: Platform = testPlatform(), more: Partial<ServicesOptions> = {}): Services {
  return createServices({ dataDir, platform, mediaBaseUrl: 'http://127.0.0.1/media/', ...more })
}

/** A Lexical state with one paragraph per given string. */
export const lexicalDoc = (...paragraphs: string[]): string => plainDocumentJson(paragraphs)

export function draftOf(id: string, title: string, ...paragraphs: string[]): ArticleDraft {
  const bodyText = paragraphs.join('\n\n')
  return { id, title, standfirst: '', body: lexicalDoc(...paragraphs), bodyText, wordCount: countWords(bodyText), meta: { ...EMPTY_META }, caret: null }
}

export const dbPath = (dir: string) => join(dir, 'qalam.db')
