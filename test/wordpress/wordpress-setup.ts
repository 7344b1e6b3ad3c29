import type { TestProject } from 'vitest/node'
import { startWordPress, wordpressInstalled, type WordPressInfo } from '../support/wordpress'

declare module 'vitest' {
  export interface ProvidedContext {
    wordpress: WordPressInfo
    /** A second site with Qalam's companion plugin active (review data travels). */
    wordpressBridge: WordPressInfo
    /** Which WordPress this project runs against: 7.0 as released, or Debian's 6.1 (the oldest supported). */
    wordpressCore: '6.1' | '7.0'
  }
}

/** Starts one fresh WordPress (and one with the companion plugin) for the project's suites, and stops them after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!wordpressInstalled())
    throw new Error("The sync tests need Debian's wordpress, php-cli, php-mysql and mariadb-server: run `bash scripts/test-deps.sh` (as root or with sudo).")
  // The project of the oldest supported WordPress runs against Debian's 6.1; every other against 7.0 as released.
  const core = project.name === 'wordpress-6.1' ? '6.1' : '7.0'
  const [wp, bridged] = await Promise.all([startWordPress({ core }), startWordPress({ bridge: true, core })])
  const { php: _php, stop, ...info } = wp
  const { php: _php2, stop: stopBridged, ...bridgedInfo } = bridged
  project.provide('wordpress', info)
  project.provide('wordpressBridge', bridgedInfo)
  project.provide('wordpressCore', core)
  return async () => {
    await Promise.all([stop(), stopBridged()])
  }
}
