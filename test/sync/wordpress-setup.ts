import type { TestProject } from 'vitest/node'
import { startWordPress, type WordPressInfo } from '../support/wordpress'

declare module 'vitest' {
  export interface ProvidedContext {
    wordpress: WordPressInfo
  }
}

/** Starts one fresh WordPress for the sync tests and stops it after them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wp = await startWordPress()
  const { php: _php, stop, ...info } = wp
  project.provide('wordpress', info)
  return stop
}
