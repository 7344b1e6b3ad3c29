import { randomUUID } from 'node:crypto'
import { restOn, wpBridge } from '../../wordpress/helpers'
import type { WpUser } from '../../support/wordpress'

/** The plugin suites' shared pieces: the bridged site, REST as a user, a refusal's message, review entries as Qalam writes them. */
export const site = () => wpBridge()
export const as = <T>(user: WpUser, method: string, route: string, body?: unknown) => restOn<T>(site().url, user, method, route, body)

/** The message a refused request threw (the test fails if the site took it). */
export async function refusedWith(work: Promise<unknown>): Promise<string> {
  try {
    await work
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the site to refuse')
}

export const comment = (id: string, author: string, body: string, extra: Record<string, unknown> = {}) => ({
  id,
  threadId: id,
  author,
  body,
  quote: '',
  createdAt: Date.now() - 60_000,
  updatedAt: Date.now() - 60_000,
  resolved: false,
  resolvedBy: '',
  deleted: false,
  ...extra
})

/** A status move; `at` may be given as a string, as an attacker would send it. */
export const move = (from: string, to: string, by: string, at: number | string = Date.now() - 60_000) => ({ id: randomUUID(), from, to, by, at, note: '' })
