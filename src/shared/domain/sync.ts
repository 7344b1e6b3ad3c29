/**
 * Sync with the publishing site (WordPress): the shapes the main process and the
 * renderer share. The password never appears here: only whether one is stored.
 */

/** Where an article stands against the site, as the list and the sync panel show it. */
export const SYNC_STATES = ['local', 'synced', 'changed_here', 'changed_on_site', 'conflict', 'error', 'deleted_on_site'] as const
export type SyncState = (typeof SYNC_STATES)[number]

/** Capabilities Qalam needs; a user lacking one is told which. */
export const SITE_CAPABILITIES = ['edit_posts', 'publish_posts', 'upload_files', 'edit_others_posts'] as const
export type SiteCapability = (typeof SITE_CAPABILITIES)[number]

export interface Site {
  id: string
  /** The address the user typed, normalised (no trailing slash). */
  url: string
  restRoot: string
  name: string
  username: string
  userId: number
  displayName: string
  capabilities: Record<SiteCapability, boolean>
  /** How the password is kept: 'os' (keychain-backed) or 'plain' (Linux basic_text, accepted by the user). */
  secretStorage: 'os' | 'plain'
  /**
   * Whether the site runs Qalam's companion plugin (qalam-bridge), so comments and the
   * status history travel with the article; null until Qalam has looked.
   */
  bridge: boolean | null
  lastSyncAt: number | null
  createdAt: number
}

/** Why a request to the site failed, each worded in the renderer in Arabic and English. */
export const SYNC_ERROR_CODES = [
  'wrong_address',
  'not_wordpress',
  'rest_disabled',
  'wrong_password',
  'app_passwords_unavailable',
  'missing_capability',
  'timeout',
  'unreachable',
  'server_error',
  'rate_limited',
  'rejected',
  'cancelled',
  'awaiting_site',
  'insecure_storage',
  'no_secret_storage',
  'insecure_address',
  'foreign_rest_root',
  'redirected',
  'too_large',
  /** The site refuses a file as larger than it takes (413, its upload limit), even at the smallest size Qalam sends. */
  'file_too_large',
  /** The site's certificate does not verify (an untrusted issuer, the wrong name, expired): what an intercepted connection looks like. Never retried. */
  'certificate',
  /** The certificate's dates do not fit this computer's clock, which the last good sync and saves show to be wrong. */
  'clock_wrong',
  /** The proxy the network setting names does not answer or refuses: nothing went to the site, and nothing goes around the proxy. */
  'proxy_failed'
] as const
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number]

export interface SyncFailure {
  code: SyncErrorCode
  /** Detail for the curious (the server's own words, the capability missing); never a stack trace. */
  detail: string
}

/** One article's place in the sync, for the list badge and the panel. */
export interface ArticleSyncInfo {
  articleId: string
  siteId: string | null
  remoteId: number | null
  state: SyncState
  error: SyncFailure | null
  remoteStatus: string | null
  remoteLink: string | null
  syncedAt: number | null
}

export interface SyncProgress {
  running: boolean
  /** Articles done and to do in the current run. */
  articlesDone: number
  articlesTotal: number
  /** Media bytes uploaded and to upload in the current run. */
  bytesDone: number
  bytesTotal: number
  current: string | null
  startedAt: number | null
  finishedAt: number | null
  /** What the last run ended with, per article that failed. */
  failures: { articleId: string; title: string; error: SyncFailure }[]
  cancelled: boolean
  /** Articles whose local content this run replaced (the site's changes merged in): an open editor reloads them. */
  pulled: string[]
  /** Copies the site made of an attempt whose answer was lost, after another attempt's post or image was already the article's: moved to the trash (posts) or deleted (images). */
  removedCopies: number
  /** When this report was made (the main process's clock): with startedAt and bytesDone, the speed so far. */
  updatedAt: number | null
}

/** One stretch of the body after a three-way merge: agreed blocks, or both sides of an overlap. */
export type MergeChunk = { kind: 'same'; blocks: string[] } | { kind: 'conflict'; local: string[]; remote: string[]; base: string[] }

/** What the user compares when both sides changed the same paragraphs. */
export interface SyncConflict {
  articleId: string
  detectedAt: number
  /** Field-level differences outside the body (title, standfirst…): local vs site. */
  fields: { field: 'title' | 'standfirst' | 'slug'; local: string; remote: string }[]
  chunks: MergeChunk[]
  /** Plain text of each block, for showing side by side without rendering any HTML from the site. */
  text: Record<string, string>
}

/** A post on the site that can be imported to edit offline. */
export interface RemotePostSummary {
  remoteId: number
  title: string
  status: string
  modifiedGmt: string
  /** The local article already holding it, if any. */
  articleId: string | null
}
