/**
 * THE contract between the renderer and the main process: every channel, the
 * schema its request must pass at the main boundary, and the type it answers.
 * Main registers handlers from it, the preload builds `window.api` from it, and
 * the test host binds the very same handlers to a Chromium page.
 */
import { z } from 'zod'
import { ARTICLE_STATUSES, MAX_NOTE_CHARS, type PrivateNote, type Article, type ArticleSummary, type ImportedImage, type Revision, type RevisionSummary } from '../domain/article'
import type { AppInfo, Settings, StoreProblem, StoreStatus } from '../domain/app'
import type { SearchHit } from '../domain/search'
import type { Finding } from '../proofing/findings'
import type { ArticleSyncInfo, RemotePostSummary, Site, SyncConflict, SyncErrorCode, SyncProgress } from '../domain/sync'
import { isAllowedLinkUrl } from '../domain/links'
import type { TransitionRefusal } from '../domain/workflow'
import type { BundleInspection, BundlePreview, BundleProblem, BundleResult, Colleague } from '../domain/bundle'
import { bundleExportSchema } from './bundle-schemas'
import { settingsPatchSchema } from './settings-schema'

export { settingsPatchSchema }
import type { ArticleReview, QueueItem, ReviewComment, ReviewIdentity } from '../domain/review'
import type { DiffPart } from '../review/diff'
import { isMediaId, type MediaProblem } from '../domain/media'
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName } from './channels'
import { def } from './def'
import { updatesContract } from './updates-contract'
import type { UpdateState } from '../domain/updates'

/** Error codes a handler can answer with; the renderer words them for the user. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'INVALID_STATE',
  'STORE_UNAVAILABLE',
  'IO_ERROR',
  'SYNC_FAILED',
  /** The disk holding the data folder is full (SQLITE_FULL, ENOSPC): nothing new is on disk. */
  'DISK_FULL',
  /** The data folder went away or turned read-only (a USB stick pulled out, permissions changed). */
  'STORAGE_GONE',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface IpcError {
  code: ErrorCode
  message: string
  /** With SYNC_FAILED: what went wrong with the site; with INVALID_STATE: why a workflow move or a bundle was refused. Worded by the renderer. */
  reason?: ErrorReason
}

export type ErrorReason = SyncErrorCode | TransitionRefusal | BundleProblem | MediaProblem | StoreProblem

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

const MAX_TEXT = 200_000
const MAX_BODY = 20_000_000

const id = z.uuid()
const shortText = z.string().max(2_000)
const empty = z.object({}).strict()

export const articleMetaSchema = z
  .object({
    byline: shortText,
    dateline: shortText,
    categories: z.array(z.string().trim().min(1).max(200)).max(100),
    tags: z.array(z.string().trim().min(1).max(200)).max(200),
    slug: z.string().max(200),
    label: z.string().max(200),
    featuredImage: z
      .string()
      .refine((v) => v === '' || isMediaId(v), 'featuredImage must be one of the data folder’s images')
      .default(''),
    publishAt: z.number().int().min(0).nullable().default(null)
  })
  .strict()

export const caretSchema = z
  .object({
    path: z.array(z.number().int().min(0)).max(64),
    offset: z.number().int().min(0)
  })
  .strict()

/** Lexical state must at least parse as JSON with a root node. */
const lexicalStateJson = z
  .string()
  .max(MAX_BODY)
  .refine((text) => {
    try {
      const parsed: unknown = JSON.parse(text)
      return typeof parsed === 'object' && parsed !== null && 'root' in parsed
    } catch {
      return false
    }
  }, 'body must be a serialized Lexical editor state')

export const articleDraftSchema = z
  .object({
    id,
    title: z.string().max(MAX_TEXT),
    standfirst: z.string().max(MAX_TEXT),
    body: lexicalStateJson,
    bodyText: z.string().max(MAX_BODY),
    /** Counted by the editor with countWords (src/shared/arabic/count.ts) when it saves. */
    wordCount: z.number().int().min(0).max(10_000_000),
    meta: articleMetaSchema,
    caret: caretSchema.nullable(),
    expectedSaveCount: z.number().int().min(0).optional()
  })
  .strict()

const revisionRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('current') }).strict(),
  z.object({ kind: z.literal('local'), id }).strict(),
  z.object({ kind: z.literal('site'), id: z.number().int().positive() }).strict()
])
export type RevisionRef = z.infer<typeof revisionRef>

/** One of the site's revisions of a post. */
export interface SiteRevision {
  id: number
  createdAt: number
  title: string
  wordCount: number
}

/** Two versions compared field by field. */
export interface RevisionDiff {
  title: DiffPart[]
  standfirst: DiffPart[]
  body: DiffPart[]
  added: number
  removed: number
}

export const contract = {
  'app:info': def<AppInfo>()(empty),
  /** The renderer's answer to the `app:flush` event: every pending save is written. */
  'app:flushed': def<null>()(z.object({ unsaved: z.number().int().min(0).max(1000).optional() }).strict()),

  'store:status': def<StoreStatus>()(empty),
  /** Keeps the unreadable database file aside and starts with a fresh one. */
  'store:startFresh': def<StoreStatus>()(empty),
  'store:retry': def<StoreStatus>()(empty),
  /**
   * The panic wipe: destroys the desk key first, then the database, media and everything
   * Qalam keeps, and opens a fresh, empty desk. The request must say so in so many words.
   */
  'store:wipe': def<StoreStatus>()(z.object({ confirm: z.literal('wipe everything') }).strict()),
  /** Closes the store and drops its key (the window then shows only the lock screen). */
  'store:lock': def<StoreStatus>()(empty),
  /** Opens a locked store; a passphrase desk needs its passphrase. */
  'store:unlock': def<StoreStatus>()(z.object({ passphrase: z.string().max(1024).optional() }).strict()),
  /** Protects the desk key with a passphrase instead of the system keyring (null: back to the keyring). */
  /** A new passphrase (null: the system keyring); `current` when the desk has one; `acceptWeak` after the reporter was told the key would be unprotected. */
  'store:setPassphrase': def<AppInfo['keyProtection']>()(
    z.object({ passphrase: z.string().max(1024).nullable(), current: z.string().max(1024).nullable().optional(), acceptWeak: z.boolean().optional() }).strict()
  ),

  'articles:list': def<ArticleSummary[]>()(
    z
      .object({
        view: z.enum(['active', 'trash']).optional(),
        status: z.enum(ARTICLE_STATUSES).optional(),
        query: z.string().max(500).optional()
      })
      .strict()
  ),
  'articles:get': def<Article>()(z.object({ id }).strict()),
  /** The article's private source note (never synced, exported or indexed); null when there is none. */
  'notes:get': def<PrivateNote | null>()(z.object({ articleId: id }).strict()),
  /** Writes it; an empty note is deleted. */
  'notes:save': def<PrivateNote | null>()(z.object({ articleId: id, body: z.string().max(MAX_NOTE_CHARS) }).strict()),
  'articles:create': def<Article>()(z.object({ title: z.string().max(MAX_TEXT).optional() }).strict()),
  'articles:save': def<{ savedAt: number; saveCount: number; wordCount: number; stale?: boolean }>()(articleDraftSchema),
  /** Remembers where the caret is without counting as an edit. */
  'articles:saveCaret': def<null>()(z.object({ id, caret: caretSchema.nullable() }).strict()),
  'articles:duplicate': def<Article>()(z.object({ id }).strict()),
  'articles:trash': def<ArticleSummary>()(z.object({ id }).strict()),
  'articles:restore': def<ArticleSummary>()(z.object({ id }).strict()),
  /** Deletes for good; only from the trash, and only with `confirm: true`. */
  'articles:delete': def<{ id: string }>()(z.object({ id, confirm: z.literal(true) }).strict()),

  'revisions:list': def<RevisionSummary[]>()(z.object({ articleId: id }).strict()),
  'revisions:get': def<Revision>()(z.object({ id }).strict()),
  'revisions:create': def<RevisionSummary>()(z.object({ articleId: id }).strict()),
  'revisions:restore': def<Article>()(z.object({ id }).strict()),
  /** The site's revisions of a synced article (newest first), for comparing and restoring. */
  'revisions:site': def<SiteRevision[]>()(z.object({ articleId: id }).strict()),
  /** Puts one of the site's revisions back into the article (the current content is kept as a revision first). */
  'revisions:restoreSite': def<Article>()(z.object({ articleId: id, revisionId: z.number().int().positive() }).strict()),
  /** Word-level diff between two versions: local revisions, the article as it is, or the site's revisions. */
  'revisions:diff': def<RevisionDiff>()(z.object({ articleId: id, from: revisionRef, to: revisionRef, ignoreMarks: z.boolean().optional() }).strict()),

  /** Who the user is for an article (or in general): name, role, and whether review data travels through its site. */
  'review:identity': def<ReviewIdentity>()(z.object({ articleId: id.optional() }).strict()),
  'review:get': def<ArticleReview>()(z.object({ articleId: id }).strict()),
  /** A workflow move, checked against the rules and recorded with who, when and the note. */
  'review:transition': def<ArticleSummary>()(z.object({ articleId: id, to: z.enum(ARTICLE_STATUSES), note: z.string().max(2_000).optional() }).strict()),
  /** Opens a thread (without threadId) or replies in one; `id` is the one already on the mark in the text. */
  'review:comment': def<ReviewComment>()(
    z.object({ articleId: id, id, threadId: id.optional(), body: z.string().trim().min(1).max(10_000), quote: z.string().max(2_000).optional() }).strict()
  ),
  'review:resolve': def<ReviewComment>()(z.object({ threadId: id, resolved: z.boolean() }).strict()),
  'review:deleteComment': def<ReviewComment>()(z.object({ id }).strict()),
  /** Removes the article's review text (comments' words, status notes) and its old versions for good. */
  'review:purge': def<{ versions: number }>()(z.object({ articleId: id, confirm: z.literal(true) }).strict()),
  /** The editor's review queue: handed-in articles, longest waiting first. */
  'review:queue': def<QueueItem[]>()(z.object({ status: z.enum(ARTICLE_STATUSES).optional(), author: z.string().max(200).optional(), siteId: id.optional() }).strict()),

  /** File → Export for review: writes a .qalam bundle where the user chooses; false when they cancel. */
  /**
   * Exports the article as a signed bundle, sealed (age) with a passphrase or for a
   * recognised colleague when asked; private notes travel only in a sealed bundle.
   */
  'bundle:export': def<boolean>()(bundleExportSchema),
  /** Colleagues a bundle can be sealed for. */
  'bundle:colleagues': def<Colleague[]>()(empty),
  /** A bundle sealed with a passphrase, opened with it: what importing it would change. */
  'bundle:unseal': def<BundlePreview>()(z.object({ token: id, passphrase: z.string().max(1024) }).strict()),
  /** File → Import: reads and checks a .qalam bundle the user picks and says what importing it would change; null when they cancel. Nothing changes yet. */
  'bundle:inspect': def<BundleInspection | null>()(empty),
  /** Imports the bundle the preview showed. */
  /** This desk's signing key fingerprint, for colleagues to compare. */
  'bundle:fingerprint': def<string>()(empty),
  'bundle:apply': def<BundleResult>()(z.object({ token: id, trustSigner: z.boolean().optional() }).strict()),
  /** Forgets it (the user cancelled). */
  'bundle:discard': def<null>()(z.object({ token: id }).strict()),

  /** Asks the user for an image file and copies it into the data folder. */
  'media:pickImage': def<ImportedImage | null>()(empty),
  /**
   * An image pasted or dropped into the article: its bytes (base64, bounded: 50 MB of
   * image) and the name it came with. Cleaned of its metadata like any image.
   */
  'media:importImage': def<ImportedImage>()(
    z
      .object({
        name: z.string().max(255),
        base64: z.string().max(Math.ceil((50 * 1024 * 1024) / 3) * 4 + 4)
      })
      .strict()
  ),

  /** Whether the image goes to the site as taken (not sized for the web); `fullSize` sets it first. */
  'media:fullSize': def<boolean>()(z.object({ id: z.string().refine(isMediaId), fullSize: z.boolean().optional() }).strict()),
  'settings:get': def<Settings>()(empty),
  'settings:update': def<Settings>()(settingsPatchSchema),

  'sites:list': def<Site[]>()(empty),
  /**
   * Finds the site's REST API, signs in with an application password, checks the
   * user's capabilities and keeps the password encrypted. `allowPlainText` is the
   * user's yes to storing it where the OS offers no keyring (Linux basic_text).
   */
  'sites:add': def<Site>()(
    z
      .object({
        url: z.string().trim().min(1).max(2_000),
        username: z.string().trim().min(1).max(200),
        appPassword: z.string().trim().min(1).max(200),
        allowPlainText: z.boolean().optional()
      })
      .strict()
  ),
  'sites:remove': def<null>()(z.object({ id }).strict()),
  /** How the platform would keep a password: 'os', 'plain' (ask first) or 'unavailable'. */
  'sites:secretStorage': def<'os' | 'plain' | 'unavailable'>()(empty),
  'sites:terms': def<{ categories: { id: number; name: string; parent: number }[] }>()(z.object({ siteId: id }).strict()),

  /** Links an article to a site (or unlinks it with null); an article belongs to at most one. */
  'sync:assign': def<ArticleSyncInfo>()(z.object({ articleId: id, siteId: id.nullable() }).strict()),
  /** Syncs one article, some, or every linked one; answers when the run ends. */
  'sync:run': def<SyncProgress>()(z.object({ articleIds: z.array(id).max(10_000).optional() }).strict()),
  'sync:cancel': def<null>()(empty),
  'sync:status': def<SyncProgress>()(empty),
  'sync:states': def<ArticleSyncInfo[]>()(empty),
  'sync:conflict': def<SyncConflict | null>()(z.object({ articleId: id }).strict()),
  'sync:resolve': def<Article>()(
    z
      .object({
        articleId: id,
        picks: z.array(z.enum(['local', 'remote', 'both'])).max(10_000),
        fields: z
          .object({ title: z.enum(['local', 'remote']).optional(), standfirst: z.enum(['local', 'remote']).optional(), slug: z.enum(['local', 'remote']).optional() })
          .strict()
      })
      .strict()
  ),
  'sync:recreate': def<ArticleSyncInfo>()(z.object({ articleId: id }).strict()),
  'sync:browse': def<RemotePostSummary[]>()(
    z
      .object({
        siteId: id,
        status: z.enum(['publish', 'future', 'draft', 'pending', 'private']).optional(),
        search: z.string().max(200).optional(),
        page: z.number().int().min(1).max(10_000).optional()
      })
      .strict()
  ),
  /** Imports posts to edit here: chosen ones, every one modified since the last import, or (status) every handed-in one. */
  'sync:import': def<{ imported: number }>()(
    z.object({ siteId: id, remoteIds: z.array(z.number().int().positive()).max(10_000).optional(), status: z.literal('pending').optional() }).strict()
  ),

  /** Ranked full-text search over local articles, Arabic-aware; the last word matches as a prefix while typing. */
  'search:articles': def<SearchHit[]>()(
    z
      .object({
        query: z.string().max(500),
        filters: z
          .object({
            status: z.enum(ARTICLE_STATUSES).optional(),
            siteId: id.optional(),
            author: z.string().max(200).optional(),
            from: z.number().int().min(0).optional(),
            to: z.number().int().min(0).optional()
          })
          .strict()
          .optional(),
        limit: z.number().int().min(1).max(200).optional()
      })
      .strict()
  ),
  'search:rebuild': def<{ indexed: number }>()(empty),

  /** Spelling and the editorial checks on a text; with the article's fields, the checks before submitting too. */
  'proofing:check': def<Finding[]>()(
    z
      .object({
        text: z.string().max(MAX_BODY),
        article: z
          .object({ title: z.string().max(MAX_TEXT), byline: shortText, dateline: shortText })
          .strict()
          .optional(),
        locale: z.enum(['ar', 'en']).optional(),
        headlineLimit: z.number().int().min(10).max(1_000).optional()
      })
      .strict()
  ),
  /** Which of these words are misspelled or probable slips (for the editor's underlines). */
  'proofing:spell': def<string[]>()(z.object({ words: z.array(z.string().max(100)).max(50_000) }).strict()),
  /** Of these pairs of a word and the word right before it, those where the word before tells a slip (for underlines). */
  'proofing:inContext': def<[string, string][]>()(z.object({ pairs: z.array(z.tuple([z.string().max(100), z.string().max(100)])).max(50_000) }).strict()),
  'proofing:suggest': def<string[]>()(z.object({ word: z.string().min(1).max(100), previous: z.string().max(100).optional() }).strict()),
  'proofing:ignore': def<null>()(z.object({ word: z.string().min(1).max(100) }).strict()),
  'proofing:addWord': def<string[]>()(z.object({ word: z.string().trim().min(1).max(100).regex(/^\S+$/u, 'one word') }).strict()),
  'proofing:removeWord': def<string[]>()(z.object({ word: z.string().min(1).max(100) }).strict()),
  'proofing:words': def<string[]>()(empty),
  /** Saves the newsroom dictionary as a word list through the save dialog. */
  'proofing:exportWords': def<boolean>()(empty),

  'shell:openExternal': def<null>()(
    z
      .object({
        url: z
          .string()
          .max(4_000)
          .refine((u) => isAllowedLinkUrl(u) && !u.trim().toLowerCase().startsWith('mailto:'), 'only http and https links open outside')
      })
      .strict()
  ),
  ...updatesContract
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = Exclude<Contract[C]['response'], undefined>

export const CHANNELS: readonly Channel[] = CHANNEL_NAMES

// Compile-time check: channels.ts lists exactly the contract's channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const channelListIsComplete: Same<ChannelName, Channel> = true
void channelListIsComplete

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

/** Events the main process sends to the renderer. */
export interface Events {
  /** The app is about to quit (or the host to close): write everything now, then call `app:flushed`. */
  'app:flush': null
  /** A sync run moved on. */
  'sync:progress': SyncProgress
  /** An update was found, downloaded, or failed. */
  'updates:state': UpdateState
}
export type EventName = keyof Events
export { EVENT_NAMES }
