import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { z } from 'zod'
import { AppError } from '../errors'
import type { Db } from '../store/connection'
import * as articlesRepo from '../store/repositories/articles'
import * as revisionsRepo from '../store/repositories/revisions'
import * as reviewRepo from '../store/repositories/review'
import { ARTICLE_STATUSES, REVISION_REASONS, type Article, type Revision } from '@shared/domain/article'
import { BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleProblem, type BundleResult } from '@shared/domain/bundle'
import { isMediaId } from '@shared/domain/media'
import { latestStatus, mergeReview, normalizeReview } from '@shared/domain/review'
import { articleMetaSchema } from '@shared/ipc/contract'
import { countWords } from '@shared/arabic/count'
import { documentToBlocks, markupToDocument } from '../document/codec'
import { joinBlocks } from '../document/gutenberg'
import { parseDocumentJson } from '../document/lexical'
import { fromLocalFormCtx, localFormCtx } from '../document/local-form'
import { mergeScalar, threeWayMerge, type Snapshot } from '../document/merge'
import { documentImages, documentText } from '../document/text'
import type { Dialogs } from '../platform/types'
import type { ArticleService } from './articles'
import type { MediaService } from './media'

/** Larger than any article with its images; a bigger file is not a bundle Qalam wrote. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024
const MAX_FILE_BYTES = 64 * 1024 * 1024

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.number().int().min(1),
    createdAt: z.number().int(),
    app: z.string().max(100),
    articleId: z.uuid(),
    title: z.string().max(200_000),
    files: z.array(z.object({ path: z.string().max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }).strict()).max(10_000)
  })
  .strict()
type Manifest = z.infer<typeof manifestSchema>

const articleSchema = z
  .object({
    id: z.uuid(),
    title: z.string().max(200_000),
    standfirst: z.string().max(200_000),
    body: z.string().max(20_000_000),
    status: z.enum(ARTICLE_STATUSES),
    meta: articleMetaSchema,
    createdAt: z.number().int(),
    updatedAt: z.number().int()
  })
  .strict()

const commentSchema = z
  .object({
    id: z.string().min(1).max(64),
    threadId: z.string().min(1).max(64),
    author: z.string().max(200),
    body: z.string().max(10_000),
    quote: z.string().max(2_000),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    resolved: z.boolean(),
    resolvedBy: z.string().max(200),
    deleted: z.boolean()
  })
  .strict()
const changeSchema = z
  .object({
    id: z.string().min(1).max(64),
    from: z.enum(ARTICLE_STATUSES),
    to: z.enum(ARTICLE_STATUSES),
    by: z.string().max(200),
    at: z.number().int(),
    note: z.string().max(2_000)
  })
  .strict()
const reviewSchema = z.object({ comments: z.array(commentSchema).max(100_000), history: z.array(changeSchema).max(100_000) }).strict()
const revisionSchema = z
  .object({
    id: z.uuid(),
    reason: z.string().max(40),
    createdAt: z.number().int(),
    title: z.string().max(200_000),
    standfirst: z.string().max(200_000),
    body: z.string().max(20_000_000),
    meta: articleMetaSchema
  })
  .strict()
const revisionsSchema = z.array(revisionSchema).max(10_000)

class Refused extends AppError {
  constructor(problem: BundleProblem, detail: string) {
    super('INVALID_STATE', `the bundle was refused (${problem}): ${detail}`, problem)
  }
}

/** What identifies a version of the text, for finding the last version both sides had. */
const versionHash = (v: { title: string; standfirst: string; body: string }) => sha256(strToU8(`${v.title}\u0000${v.standfirst}\u0000${v.body}`))

function snapshotOf(v: Pick<Article, 'title' | 'standfirst' | 'body' | 'meta'> & { status: string }): Snapshot {
  return {
    title: v.title,
    standfirst: v.standfirst,
    slug: v.meta.slug,
    status: v.status,
    categories: [...v.meta.categories],
    tags: [...v.meta.tags],
    blocks: documentToBlocks(parseDocumentJson(v.body), localFormCtx),
    featured: v.meta.featuredImage,
    publishAt: v.meta.publishAt,
    review: null
  }
}

/**
 * .qalam bundles: an article with its images, review data and revisions in one file
 * that can travel by USB stick or messenger (see shared/domain/bundle). Importing an
 * article this machine has merges like a sync: the base is the newest version both
 * sides have (every export leaves an 'exported' revision, and the revisions travel in
 * the bundle), changes that do not overlap merge, review data merges without a base.
 */
export class BundleService {
  constructor(
    private readonly deps: {
      db: () => Db
      now: () => number
      articles: ArticleService
      media: MediaService
      dialogs: Dialogs
      appVersion: string
    }
  ) {}

  private get db(): Db {
    return this.deps.db()
  }

  /** The bundle's bytes for an article; an 'exported' revision marks the version it carries. */
  exportBundle(articleId: string): Uint8Array {
    const db = this.db
    const article = this.deps.articles.get(articleId)
    const now = this.deps.now()
    this.deps.articles.snapshot(db, article, 'exported', now)
    const files: Record<string, Uint8Array> = {}
    files['article.json'] = strToU8(
      JSON.stringify({
        id: article.id,
        title: article.title,
        standfirst: article.standfirst,
        body: article.body,
        status: article.status,
        meta: article.meta,
        createdAt: article.createdAt,
        updatedAt: article.updatedAt
      })
    )
    files['review.json'] = strToU8(JSON.stringify(reviewRepo.readReview(db, articleId)))
    const revisions = revisionsRepo.listRevisions(db, articleId).map((s) => revisionsRepo.findRevision(db, s.id)!)
    files['revisions.json'] = strToU8(
      JSON.stringify(revisions.map((r) => ({ id: r.id, reason: r.reason, createdAt: r.createdAt, title: r.title, standfirst: r.standfirst, body: r.body, meta: r.meta })))
    )
    // The images of the article and of every version that travels, so a version restored on the other machine has its pictures.
    const imagesOf = (v: { body: string; meta: { featuredImage: string } }) => [
      ...documentImages(parseDocumentJson(v.body)),
      ...(v.meta.featuredImage !== '' ? [v.meta.featuredImage] : [])
    ]
    const current = new Set(imagesOf(article))
    const images = new Set([...current, ...revisions.flatMap(imagesOf)])
    for (const id of images) {
      const path = this.deps.media.pathOf(id)
      if (path === null) continue
      try {
        files[`media/${id}`] = readLimited(path, MAX_FILE_BYTES)
      } catch {
        // An old version's picture gone from the data folder does not stop the export; the article's own does.
        if (current.has(id)) throw new AppError('IO_ERROR', `the image ${id} is missing from the data folder`)
      }
    }
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: now,
      app: this.deps.appVersion,
      articleId: article.id,
      title: article.title,
      files: Object.entries(files).map(([path, bytes]) => ({ path, sha256: sha256(bytes), bytes: bytes.length }))
    }
    const zippable: Zippable = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)) }
    // Images are compressed already.
    for (const [path, bytes] of Object.entries(files)) zippable[path] = path.startsWith('media/') ? [bytes, { level: 0 }] : bytes
    return zipSync(zippable, { level: 6, mtime: new Date(now) })
  }

  async exportToFile(articleId: string): Promise<boolean> {
    const article = this.deps.articles.get(articleId)
    const bytes = this.exportBundle(articleId)
    // A file name every system accepts: no path separators, reserved characters or control characters.
    const safe = [...(article.title || 'article')].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c)).join('')
    const name = `${safe.trim().slice(0, 80) || 'article'}.${BUNDLE_EXTENSION}`
    return this.deps.dialogs.saveBundleFile(name, bytes)
  }

  async importFromFile(): Promise<BundleResult | null> {
    const path = await this.deps.dialogs.openBundleFile()
    if (path === null) return null
    let bytes: Uint8Array
    try {
      if (statSync(path).size > MAX_BUNDLE_BYTES) throw new Refused('too-large', `larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB`)
      bytes = readLimited(path, MAX_BUNDLE_BYTES)
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('IO_ERROR', `cannot read the file: ${(error as Error).message}`)
    }
    return this.importBundle(bytes)
  }

  /** Reads and checks a whole bundle, then brings it in in one transaction; a bundle with any fault changes nothing. */
  importBundle(bytes: Uint8Array): BundleResult {
    const { manifest, files } = this.open(bytes)
    const article = parseJson(files, 'article.json', articleSchema)
    const review = normalizeReview(parseJson(files, 'review.json', reviewSchema))
    const revisions = parseJson(files, 'revisions.json', revisionsSchema)
    if (article.id !== manifest.articleId) throw new Refused('invalid-content', 'the article is not the one the manifest names')
    try {
      parseDocumentJson(article.body)
      for (const r of revisions) parseDocumentJson(r.body)
    } catch {
      throw new Refused('invalid-content', 'a body is not a document')
    }
    const db = this.db
    return db.transaction((): BundleResult => {
      for (const [path, data] of files) if (path.startsWith('media/') && this.deps.media.pathOf(path.slice(6)) !== null) this.deps.media.importBytes(data, path.slice(6))
      const here = articlesRepo.findArticle(db, article.id)
      const incomingRevisions: Revision[] = revisions.map((r) => {
        const text = documentText(parseDocumentJson(r.body))
        return { ...r, reason: r.reason as Revision['reason'], articleId: article.id, bodyText: text, wordCount: countWords(text) }
      })
      const known = new Set(here === undefined ? [] : revisionsRepo.listRevisions(db, article.id).map((r) => r.id))
      const addRevisions = () => {
        for (const r of incomingRevisions) if (!known.has(r.id) && REVISION_REASON_SET.has(r.reason)) revisionsRepo.insertRevision(db, r)
      }
      const text = documentText(parseDocumentJson(article.body))
      if (here === undefined) {
        const created: Article = {
          ...article,
          bodyText: text,
          wordCount: countWords(text),
          caret: null,
          saveCount: 0,
          trashedAt: null,
          status: latestStatus(review) ?? article.status
        }
        articlesRepo.insertArticle(db, created)
        addRevisions()
        reviewRepo.writeReview(db, article.id, review)
        return { articleId: article.id, title: article.title, outcome: 'created', conflicts: 0 }
      }
      // Review data merges without a base; the status follows the history's last move.
      const mergedReview = mergeReview(reviewRepo.readReview(db, article.id), review)
      reviewRepo.writeReview(db, article.id, mergedReview)
      const status = latestStatus(mergedReview) ?? here.status
      articlesRepo.updateArticleStatus(db, article.id, status)

      const result = (outcome: BundleResult['outcome'], conflicts = 0): BundleResult => {
        addRevisions()
        return { articleId: article.id, title: here.title, outcome, conflicts }
      }
      if (versionHash(article) === versionHash(here)) return result(mergedReview.comments.length === 0 && mergedReview.history.length === 0 ? 'unchanged' : 'merged')

      // The base: the newest version of the incoming side's history that this machine has had too.
      const ours = new Set([versionHash(here), ...revisionsRepo.listRevisions(db, article.id).map((s) => versionHash(revisionsRepo.findRevision(db, s.id)!))])
      const base = [...incomingRevisions].sort((a, b) => b.createdAt - a.createdAt).find((r) => ours.has(versionHash(r)))
      const now = this.deps.now()
      this.deps.articles.snapshot(db, here, 'before-import', now)
      if (base !== undefined && versionHash(base) === versionHash(here)) {
        // Nothing changed here since that version: the incoming one simply replaces it.
        this.deps.articles.replaceContent(here, article, null)
        return result('merged')
      }
      const incomingSnap = snapshotOf(article)
      if (base === undefined) {
        // No version in common: nothing to merge against. The article here stays; the incoming one is kept to compare.
        this.deps.articles.snapshot(db, { ...article, bodyText: text, wordCount: countWords(text) }, 'imported', now)
        return result('conflict', 1)
      }
      const merge = threeWayMerge(snapshotOf({ ...base, status: here.status }), snapshotOf(here), incomingSnap)
      const doc = markupToDocument(joinBlocks(merge.merged.blocks), fromLocalFormCtx)
      const meta = {
        ...here.meta,
        byline: mergeScalar(base.meta.byline, here.meta.byline, article.meta.byline).value,
        dateline: mergeScalar(base.meta.dateline, here.meta.dateline, article.meta.dateline).value,
        label: mergeScalar(base.meta.label, here.meta.label, article.meta.label).value,
        slug: merge.merged.slug,
        categories: merge.merged.categories,
        tags: merge.merged.tags,
        featuredImage: merge.merged.featured,
        publishAt: merge.merged.publishAt
      }
      this.deps.articles.replaceContent(here, { title: merge.merged.title, standfirst: merge.merged.standfirst, body: JSON.stringify(doc), meta }, null)
      if (!merge.clean) {
        // Where both sides changed the same passage, this machine's words stay; the incoming version is kept as a revision to compare and take from.
        this.deps.articles.snapshot(db, { ...article, bodyText: text, wordCount: countWords(text) }, 'imported', now)
        return result('conflict', merge.chunks.filter((c) => c.kind === 'conflict').length + merge.fieldConflicts.length)
      }
      return result('merged')
    })()
  }

  /** Unzips and checks every file against the manifest; any difference refuses the whole bundle. */
  private open(bytes: Uint8Array): { manifest: Manifest; files: Map<string, Uint8Array> } {
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) throw new Refused('not-a-bundle', 'not a zip file')
    let entries: Record<string, Uint8Array>
    let oversized = false
    try {
      entries = unzipSync(bytes, {
        filter: (file) => {
          if (file.originalSize > MAX_FILE_BYTES) oversized = true
          return !oversized
        }
      })
    } catch (error) {
      throw new Refused('truncated', `the file is cut short or damaged (${(error as Error).message})`)
    }
    if (oversized) throw new Refused('too-large', 'a file in it is too large')
    const manifestBytes = entries['manifest.json']
    if (manifestBytes === undefined) throw new Refused('not-a-bundle', 'no manifest.json')
    let raw: unknown
    try {
      raw = JSON.parse(strFromU8(manifestBytes))
    } catch {
      throw new Refused('tampered', 'the manifest is not JSON')
    }
    const version = (raw as { version?: unknown } | null)?.version
    if ((raw as { format?: unknown } | null)?.format === BUNDLE_FORMAT && typeof version === 'number' && version > BUNDLE_VERSION)
      throw new Refused('newer-version', `bundle version ${version}; this Qalam reads ${BUNDLE_VERSION}`)
    const parsed = manifestSchema.safeParse(raw)
    if (!parsed.success) throw new Refused((raw as { format?: unknown } | null)?.format === BUNDLE_FORMAT ? 'tampered' : 'not-a-bundle', 'the manifest is not a Qalam manifest')
    const manifest = parsed.data
    const listed = new Map(manifest.files.map((f) => [f.path, f]))
    if (listed.size !== manifest.files.length) throw new Refused('tampered', 'a file is listed twice')
    const files = new Map<string, Uint8Array>()
    for (const [path, data] of Object.entries(entries)) {
      if (path === 'manifest.json' || path.endsWith('/')) continue
      const entry = listed.get(path)
      if (entry === undefined) throw new Refused('tampered', `${path} is not in the manifest`)
      if (data.length !== entry.bytes || sha256(data) !== entry.sha256) throw new Refused('tampered', `${path} does not match the manifest`)
      if (!(path === 'article.json' || path === 'review.json' || path === 'revisions.json' || (path.startsWith('media/') && isMediaId(path.slice(6)))))
        throw new Refused('tampered', `${path} has no place in a bundle`)
      // An image's name is its content's hash: a swapped image is caught even with a rewritten manifest.
      if (path.startsWith('media/') && !path.slice(6).startsWith(entry.sha256.slice(0, 32))) throw new Refused('tampered', `${path} is not the image its name says`)
      files.set(path, data)
    }
    for (const path of listed.keys()) if (!files.has(path)) throw new Refused('truncated', `${path} is missing`)
    for (const needed of ['article.json', 'review.json', 'revisions.json']) if (!files.has(needed)) throw new Refused('not-a-bundle', `no ${needed}`)
    return { manifest, files }
  }
}

const REVISION_REASON_SET = new Set<string>(REVISION_REASONS)

function parseJson<T>(files: Map<string, Uint8Array>, path: string, schema: z.ZodType<T>): T {
  let value: unknown
  try {
    value = JSON.parse(strFromU8(files.get(path)!))
  } catch {
    throw new Refused('invalid-content', `${path} is not JSON`)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new Refused('invalid-content', `${path}: ${parsed.error.issues[0]?.message ?? 'unexpected content'}`)
  return parsed.data
}

function readLimited(path: string, limit: number): Uint8Array {
  const size = statSync(path).size
  if (size > limit) throw new Refused('too-large', `${path} is too large`)
  const fd = openSync(path, 'r')
  try {
    const out = new Uint8Array(size)
    let read = 0
    while (read < size) {
      const n = readSync(fd, out, read, size - read, read)
      if (n === 0) break
      read += n
    }
    return out.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}
