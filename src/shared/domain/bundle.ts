/**
 * A `.qalam` bundle: one article for review without any connection (USB stick,
 * messenger). A zip with manifest.json (format, version, the article's id, every
 * other file's SHA-256 and size), article.json, review.json, revisions.json and
 * media/<id> for its images. A bundle whose files do not match the manifest is
 * refused whole.
 */

import type { ArticleStatus } from './article'

export const BUNDLE_FORMAT = 'qalam-bundle'
export const BUNDLE_VERSION = 1
export const BUNDLE_EXTENSION = 'qalam'

/** Why a bundle is refused, worded by the renderer. */
export const BUNDLE_PROBLEMS = ['not-a-bundle', 'truncated', 'tampered', 'newer-version', 'too-large', 'invalid-content'] as const
export type BundleProblem = (typeof BUNDLE_PROBLEMS)[number]

export interface BundleResult {
  articleId: string
  title: string
  /** 'created': new here; 'merged': merged into the article here; 'unchanged': nothing new; 'conflict': overlapping edits, the incoming version kept as a revision. */
  outcome: 'created' | 'merged' | 'unchanged' | 'conflict'
  /** With 'conflict': how many passages both sides changed. */
  conflicts: number
  /** A status move the file claimed that the workflow does not allow from a file (kept out of the history); null if none. */
  refusedStatus: ArticleStatus | null
  /** Blocks of site markup the site never had for this article, brought in as plain text. */
  demotedBlocks: number
}
