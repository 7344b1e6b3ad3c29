import { createHash } from 'node:crypto'
import type { FromBlocksContext, ToBlocksContext } from './codec'
import type { Snapshot } from './merge'

/**
 * The "local form" of a body: block markup with images written by their local media
 * ids instead of the site's attachments. The three sides of a merge (base, here,
 * there) are compared in this form, whether or not an image has been uploaded yet;
 * the sync engine, bundles and revisions all use it.
 */

const PLACEHOLDER = 'qalam-media:'

/** Images written with local ids. */
export const localFormCtx: ToBlocksContext = { image: (mediaId) => ({ id: 0, url: PLACEHOLDER + mediaId }) }

/** Images read back from their local ids. */
export const fromLocalFormCtx: FromBlocksContext = { localImage: (_id, src) => (src.startsWith(PLACEHOLDER) ? src.slice(PLACEHOLDER.length) : undefined) }

/** A snapshot's hash: two snapshots with the same hash are the same article as far as sync and bundles can tell. */
export const snapshotHash = (s: Snapshot): string => createHash('sha256').update(JSON.stringify(s)).digest('hex')
