import type { TestProject } from 'vitest/node'
import { startWordPress, wordpressInstalled, type WordPressInfo } from '../support/wordpress'

declare module 'vitest' {
  export interface ProvidedContext {
    wordpress: WordPressInfo
    /** A second site with Qalam's companion plugin active (review data travels). */
    wordpressBridge: WordPressInfo
  }
}

/** Starts one fresh WordPress for the sync tests and stops it after them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!wordpressInstalled())
    throw new Error("The sync tests need Debian's wordpress, php-cli, php-mysql and mariadb-server: run `bash scripts/test-deps.sh` (as root or with sudo).")
  const [wp, bridged] = await Promise.all([startWordPress(), startWordPress({ bridge: true })])
  const { php: _php, stop, ...info } = wp
  const { php: _php2, stop: stopBridged, ...bridgedInfo } = bridged
  project.provide('wordpress', info)
  project.provide('wordpressBridge', bridgedInfo)
  return async () => {
    await Promise.all([stop(), stopBridged()])
  }
}
