import { threeWayMerge, type MergeResult, type Snapshot } from '../document/merge'
import { snapshotHash } from '../document/local-form'

/**
 * The decision for one linked article, from what both sides hold. Pure: no
 * database, no site, no clock; the engine carries the decision out.
 */

export interface ReconcileInput {
  /** The article as both sides had it at the last sync (null: never synced both ways). */
  base: Snapshot | null
  /** The article here, in the same form. */
  local: Snapshot
  /**
   * The site's post in the same form; `'gone'` when it is deleted or in the site's
   * trash; null when it was not read (the site says it has not changed).
   */
  remote: Snapshot | 'gone' | null
  /** The article changed here since the last sync. */
  changedHere: boolean
  /** The post's version on the site is not the one recorded at the last sync. */
  changedThere: boolean
}

export type Decision =
  /** Deleted or trashed on the site: the article stays here, marked. */
  | { kind: 'gone' }
  /** Nothing to send or take. `versionMoved`: the site saved without a change Qalam keeps; only its version is new. */
  | { kind: 'unchanged'; versionMoved: boolean }
  /** Send the article here as an update. `versionMoved`: as above, record the site's new version first. */
  | { kind: 'push'; versionMoved: boolean }
  /** Take the site's version. */
  | { kind: 'pull' }
  /** Both changed without overlapping: take the merge here and send it. */
  | { kind: 'merge'; merged: Snapshot }
  /** Both changed the same passage or field: the user decides. */
  | { kind: 'conflict'; result: MergeResult }

export function reconcile({ base, local, remote, changedHere, changedThere }: ReconcileInput): Decision {
  if (remote === 'gone') return { kind: 'gone' }
  if (!changedHere && !changedThere) return { kind: 'unchanged', versionMoved: false }
  if (!changedThere) return { kind: 'push', versionMoved: false }
  if (remote === null) throw new Error('the post changed on the site but was not read')
  if (base !== null && snapshotHash(remote) === snapshotHash(base)) return changedHere ? { kind: 'push', versionMoved: true } : { kind: 'unchanged', versionMoved: true }
  if (!changedHere || base === null) return { kind: 'pull' }
  const result = threeWayMerge(base, local, remote)
  return result.clean ? { kind: 'merge', merged: result.merged } : { kind: 'conflict', result }
}
