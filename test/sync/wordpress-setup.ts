import type { TestProject } from 'vitest/node'
import { startWordPress, wordpressInstalled, type WordPressInfo } from '../support/wordpress'

declare module 'vitest' {
  export interface ProvidedContext {
    wordpress: WordPressInfo
  }
}

/** Starts one fresh WordPress for the sync tests and stops it after them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!wordpressInstalled()) throw new Error('The sync tests need Debian\'s wordpress, php-cli, php-mysql and mariadb-server: run `bash scripts/test-deps.sh` (as root or with sudo).')
  const wp = await startWordPress()
  const { php: _php, stop, ...info } = wp
  project.provide('wordpress', info)
  return stop
}
