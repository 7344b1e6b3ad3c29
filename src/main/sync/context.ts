import type { Db } from '../store/connection'
import type { Article } from '@shared/domain/article'
import type { Site, SyncFailure, SyncProgress } from '@shared/domain/sync'
import * as articleSyncRepo from '../store/repositories/article-sync'
import type { ArticleService } from '../services/articles'
import type { Secrets } from '../platform/types'
import { CERTIFICATE_DATE_CODES, WpError, type FetchLike, type WpClient } from './wordpress/client'
import { MarkupTooLarge } from '../document/gutenberg'

/** What the sync engine is built from. */
import type { WebSize } from '../media/resize'

export interface EngineDeps {
  db: () => Db
  now: () => number
  secrets: Secrets
  articles: ArticleService
  /** An image's bytes (decrypted), or null when this machine does not have it. */
  mediaBytes: (id: string) => Uint8Array | null
  /** How photos are sized before they go to the site (the newsroom's setting); the default when absent. */
  webSize?: () => WebSize
  fetch?: FetchLike
  timeoutMs?: number
  /** The idle timeout the network route calls for (longer through SOCKS5), when timeoutMs does not fix one. */
  idleTimeoutMs?: () => number
  backoffMs?: number
  retries?: number
  /**
   * How long after a create or upload whose answer never came Qalam waits for its result
   * to appear on the site before sending again (the site may still be carrying it out).
   */
  settleMs?: number
  /** How long such an attempt is watched for: a copy the site makes even later is moved to the trash. */
  watchMs?: number
  onProgress?: (progress: SyncProgress) => void
}

/** How long a request may go with no byte moving: the tests' fixed figure, else what the network route calls for. */
export const clientTimeoutMs = (deps: EngineDeps): number | undefined => deps.timeoutMs ?? deps.idleTimeoutMs?.()

/** A PHP request runs at most 30 s by default and a client gives up after 30 s: two minutes covers the request still under way. */
export const SETTLE_MS = 2 * 60 * 1000
export const WATCH_MS = 60 * 60 * 1000

/** The progress of a run, told to whoever listens as it changes. */
export class Progress {
  private state: SyncProgress = {
    running: false,
    articlesDone: 0,
    articlesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    current: null,
    startedAt: null,
    finishedAt: null,
    failures: [],
    cancelled: false,
    pulled: [],
    removedCopies: 0,
    updatedAt: null
  }

  constructor(
    private readonly listener?: (progress: SyncProgress) => void,
    private readonly now: () => number = Date.now
  ) {}

  get(): SyncProgress {
    return { ...this.state, failures: [...this.state.failures], pulled: [...this.state.pulled] }
  }

  report(patch: Partial<SyncProgress>): void {
    this.state = { ...this.state, ...patch, updatedAt: this.now() }
    this.listener?.(this.get())
  }

  /** One more article done. */
  done(): void {
    this.report({ articlesDone: this.state.articlesDone + 1 })
  }

  /** The site's changes came into this article. */
  pulled(articleId: string): void {
    if (!this.state.pulled.includes(articleId)) this.state.pulled.push(articleId)
  }

  bytes(count: number): void {
    this.report({ bytesDone: this.state.bytesDone + count })
  }

  /** A photo sized for the web sends fewer bytes than the original the total was counted with. */
  shrunk(by: number): void {
    if (by > 0) this.report({ bytesTotal: Math.max(this.state.bytesDone, this.state.bytesTotal - by) })
  }

  removedCopy(): void {
    this.report({ removedCopies: this.state.removedCopies + 1 })
  }

  failure(articleId: string, title: string, error: SyncFailure): void {
    this.report({ failures: [...this.state.failures, { articleId, title, error }], articlesDone: this.state.articlesDone + 1 })
  }
}

/** Behind the last time known good (the site's last sync, the newest save) by more than a day: the clock was reset (a dead clock battery). */
const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000

/**
 * A certificate out of its dates, seen by a computer whose clock went back: said as the clock being
 * wrong, not as the site being unreachable or intercepted. Anything else stays as it was.
 */
export function withClockCheck(error: unknown, now: number, knownGood: (number | null)[]): unknown {
  if (!(error instanceof WpError) || error.code !== 'certificate' || error.wpCode === null || !CERTIFICATE_DATE_CODES.has(error.wpCode)) return error
  const good = Math.max(0, ...knownGood.filter((t): t is number => t !== null))
  if (good === 0 || now >= good - CLOCK_SLACK_MS) return error
  return new WpError(
    'clock_wrong',
    `this computer's clock says ${new Date(now).toISOString().slice(0, 10)}, before the last good sync or save (${new Date(good).toISOString().slice(0, 10)})`,
    null,
    error.wpCode
  )
}

export function failureOf(error: unknown): SyncFailure {
  if (error instanceof WpError) return error.toFailure()
  if (error instanceof MarkupTooLarge) return { code: 'too_large', detail: error.message }
  return { code: 'rejected', detail: error instanceof Error ? error.message : String(error) }
}

export const isCancel = (error: unknown): boolean => error instanceof WpError && error.code === 'cancelled'

/** What writing the site's side into local articles needs: no request to any site. */
export interface LocalContext {
  readonly db: Db
  readonly deps: EngineDeps
  readonly progress: Progress
  now(): number
}

/**
 * Everything one site's part of a run works with: the database, the signed-in
 * client, the site, the clock, the engine's settings and the run's progress.
 * Every room of the engine takes this one object.
 */
export class SiteContext implements LocalContext {
  constructor(
    readonly db: Db,
    readonly client: WpClient,
    readonly site: Site,
    readonly deps: EngineDeps,
    readonly progress: Progress
  ) {}

  now(): number {
    return this.deps.now()
  }

  /** Records an article's failure on it and in the run's report; a cancel ends the run. */
  fail(article: Pick<Article, 'id' | 'title'>, error: unknown): void {
    const failure = failureOf(error)
    articleSyncRepo.updateArticleSync(this.db, article.id, { state: 'error', error: failure })
    this.progress.failure(article.id, article.title, failure)
    if (failure.code === 'cancelled') throw error
  }
}
