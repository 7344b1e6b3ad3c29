import { randomUUID } from 'node:crypto'
import * as doubtsRepo from '../store/repositories/doubts'
import type { Doubt } from '../store/repositories/doubts'
import { SETTLE_MS, type SiteContext } from './context'
import { mayHaveLanded, WpError } from './wordpress/client'
import { deleteMedia, trashPost } from './wordpress/routes'

/**
 * Attempts whose answer never came. A create, upload or update cut off mid-way may
 * still be carried out by the site (a slow site, a proxy holding the request): each
 * one is kept with what it sent, nothing is sent again while it may still land, and
 * a copy that lands after another attempt's result was adopted is moved out of the way.
 */

/** Records a create, upload or update that failed in a way the site may still carry out. */
export function noteDoubt(ctx: SiteContext, kind: Doubt['kind'], subject: string, fingerprint: string, sentAt: number, error: unknown): void {
  if (!mayHaveLanded(error)) return
  doubtsRepo.addDoubt(ctx.db, { id: randomUUID(), siteId: ctx.site.id, kind, subject, fingerprint, sentAt, endedAt: ctx.now() })
}

/** Nothing of the earlier tries is on the site yet: if the last one ended only just now, it may still land, so nothing is sent again. */
export function waitForDoubts(ctx: SiteContext, doubts: Doubt[]): void {
  const settle = ctx.deps.settleMs ?? SETTLE_MS
  const last = Math.max(...doubts.map((d) => d.endedAt))
  const left = last + settle - ctx.now()
  if (doubts.length > 0 && left > 0)
    throw new WpError('awaiting_site', `an earlier try was cut off and may still reach the site; Qalam sends again after ${Math.ceil(left / 1000)} s if it does not`)
}

/** One landed copy answers one attempt: that attempt's doubt is settled. */
export function consumeDoubt(ctx: SiteContext, doubts: Doubt[], fingerprint: string): void {
  const doubt = doubts.find((d) => d.fingerprint === fingerprint)
  if (doubt === undefined) return
  doubtsRepo.deleteDoubt(ctx.db, doubt.id)
  doubts.splice(doubts.indexOf(doubt), 1)
}

/**
 * Moves copies the site made of attempts Qalam gave up on out of the way, one per attempt
 * (`doubts`, consumed in order): a post to the trash (an editor can restore it), an upload
 * deleted (media has no trash, and no one has seen this copy).
 */
export async function removeCopies(ctx: SiteContext, kind: Doubt['kind'], copies: { id: number }[], doubts: Doubt[]): Promise<void> {
  for (const copy of copies.slice(0, doubts.length)) {
    if (kind === 'create_post') await trashPost(ctx.client, copy.id)
    else await deleteMedia(ctx.client, copy.id)
    doubtsRepo.deleteDoubt(ctx.db, doubts.shift()!.id)
    ctx.progress.removedCopy()
  }
}

/** Forgets attempts older than the watch: a request that has not landed by then is taken as lost. */
export function forgetOldDoubts(ctx: SiteContext, watchMs: number): void {
  doubtsRepo.forgetDoubtsBefore(ctx.db, ctx.site.id, ctx.now() - watchMs)
}
