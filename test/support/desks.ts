import { beforeEach } from 'vitest'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'
import { countWords } from '@shared/arabic/count'
import { servicesIn, testPlatform, type fakeClock } from './fixtures'
import { tempDir } from './temp'
import { textOf } from './lexical'

/**
 * Two machines with no site between them (a reporter's data folder and an editor's),
 * on one clock: what bundle tests pass files between. `close` ends both.
 */
export function openDesks(clock: ReturnType<typeof fakeClock>): { reporter: Services; editor: Services; dirs: string[]; close: () => void } {
  const folders = [tempDir(), tempDir()]
  const reporter = servicesIn(folders[0]!.dir, testPlatform({ clock }))
  const editor = servicesIn(folders[1]!.dir, testPlatform({ clock }))
  reporter.settings.update({ userName: 'ليلى', role: 'reporter' })
  editor.settings.update({ userName: 'سلمى', role: 'editor' })
  return {
    reporter,
    editor,
    dirs: folders.map((f) => f.dir),
    close: () => {
      reporter.close()
      editor.close()
      folders.forEach((f) => f.remove())
    }
  }
}

/** Saves a body (Lexical JSON) into an article as the editor would, keeping its other fields. */
export function writeBody(services: Services, id: string, json: string, title?: string): void {
  const current = services.articles.get(id)
  const bodyText = textOf(json)
  services.articles.save({
    id,
    title: title ?? current.title,
    standfirst: current.standfirst,
    body: json,
    bodyText,
    wordCount: countWords(bodyText),
    meta: current.meta,
    caret: null
  })
}

/** The reason an AppError gives for refusing `work`; undefined if it went through. */
export function refusal(work: () => unknown): string | undefined {
  try {
    work()
  } catch (error) {
    if (error instanceof AppError) return error.reason
    throw error
  }
  return undefined
}

/** Both desks, opened fresh before each test of the file and closed after it. */
export function desksPerTest(clock: ReturnType<typeof fakeClock>): { reporter: Services; editor: Services; dirs: string[] } {
  const desks = { dirs: [] } as unknown as { reporter: Services; editor: Services; dirs: string[] }
  beforeEach(() => {
    const opened = openDesks(clock)
    Object.assign(desks, opened)
    return opened.close
  })
  return desks
}
