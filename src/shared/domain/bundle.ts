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
export const BUNDLE_PROBLEMS = ['not-a-bundle', 'truncated', 'tampered', 'newer-version', 'too-large', 'invalid-content', 'bad-signature', 'sealed', 'unsigned'] as const
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

/** What importing a bundle would change, shown before anything changes (with Cancel). */
export interface BundlePreview {
  /** Names this import: apply or discard it by this. */
  token: string
  articleId: string
  title: string
  /** A new article here, or a merge into the one here. */
  isNew: boolean
  /** When the bundle was written, and by which Qalam (what its writer's machine says). */
  exportedAt: number
  app: string
  /** The names on the comments and status moves it brings (what its writer typed). */
  authors: string[]
  /** The status moves it brings that the workflow allows. */
  statusMoves: { from: ArticleStatus; to: ArticleStatus; by: string }[]
  refusedStatus: ArticleStatus | null
  commentsAdded: number
  suggestionsAdded: number
  /** Paragraphs (blocks) new or changed, and gone, against the article here. */
  paragraphsChanged: number
  paragraphsRemoved: number
  demotedBlocks: number
  outcome: BundleResult['outcome']
  /** Who signed it: this desk, a colleague recognised before, a key not seen before (compare its fingerprint by phone), or nobody (an older Qalam). */
  signer: BundleSigner
  /** This article last came from another key: who that was (the bundle may not be from the colleague it was before). */
  signerChanged: { name: string; fingerprint: string } | null
}

/** What picking a file to import gives: its preview, or (sealed with a passphrase) a request for the passphrase. */
export type BundleInspection = BundlePreview | { token: string; needsPassphrase: true }

/** A recognised colleague a bundle can be sealed for. */
export interface Colleague {
  name: string
  fingerprint: string
}

/** How an export is sealed: not at all (signed only), with a passphrase, or for a colleague's key. */
export type BundleSeal = { kind: 'none' } | { kind: 'passphrase'; passphrase: string } | { kind: 'colleague'; fingerprint: string }

export interface BundleSigner {
  state: 'self' | 'known' | 'unknown' | 'unsigned'
  /** For 'known', the name the reporter gave the key; otherwise the name in the file (unverified). */
  name: string
  fingerprint: string
  /** A known colleague's name in the file, on a key that is not theirs. */
  claimsKnownName: boolean
}
