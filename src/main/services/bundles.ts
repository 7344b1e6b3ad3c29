import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { AppError } from '../errors'
import type { Db } from '../store/connection'
import * as articlesRepo from '../store/repositories/articles'
import * as articleSyncRepo from '../store/repositories/article-sync'
import * as revisionsRepo from '../store/repositories/revisions'
import * as reviewRepo from '../store/repositories/review'
import * as signersRepo from '../store/repositories/signers'
import type { Article, Revision } from '@shared/domain/article'
import { BUNDLE_EXTENSION, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleInspection, type BundlePreview, type BundleResult, type BundleSeal } from '@shared/domain/bundle'
import { clampFuture, mergeReview, normalizeReview, outgoingReview, type ReviewData } from '@shared/domain/review'
import { countSuggestions } from '@shared/domain/document'
import { countWords } from '@shared/arabic/count'
import {
  articleSchema,
  MAX_BUNDLE_BYTES,
  MAX_FILE_BYTES,
  openBundle,
  noteSchema,
  parseJson,
  readLimited,
  Refused,
  REVISION_REASON_SET,
  reviewSchema,
  revisionsSchema,
  sha256,
  type Manifest
} from '../bundle/format'
import { acceptedMoves } from '../bundle/moves'
import { describeImport } from '../bundle/preview'
import { documentToBlocks, markupToDocument } from '../document/codec'
import { joinBlocks } from '../document/gutenberg'
import { parseDocumentJson } from '../document/lexical'
import { demoteUnknownRawBlocks, rawBlocksOf } from '../document/raw-blocks'
import { parseCheckedDocument } from '../document/schema'
import { fromLocalFormCtx, localFormCtx } from '../document/local-form'
import { mergeScalar, threeWayMerge, type Snapshot } from '../document/merge'
import { documentImages, documentText } from '../document/text'
import type { Dialogs } from '../platform/types'
import type { ArticleService } from './articles'
import type { MediaService } from './media'
import type { SigningService } from './signing'
import { cleanBundleImages } from '../bundle/images'
import { isSealed, seal, sealedWithPassphrase, unseal } from '../bundle/seal'

/** What identifies a version of the text, for finding the last version both sides had. */
/**
 * What a version says, not how its JSON happens to be written: two machines holding the
 * same text (one typed it, the other pulled it from the site) have bodies serialized
 * differently, and must still find each other's versions in common.
 */
const versionHash = (v: { title: string; standfirst: string; body: string }) =>
  sha256(strToU8(`${v.title}\u0000${v.standfirst}\u0000${joinBlocks(documentToBlocks(parseDocumentJson(v.body), localFormCtx))}`))

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
      signing: SigningService
      /** The article's private note, for a sealed bundle the reporter asked to carry it (nothing else here reads notes). */
      sealedNote: (articleId: string) => string | null
      /** A private note that came in a sealed bundle. */
      receiveSealedNote: (articleId: string, body: string) => void
    }
  ) {}

  /** The bundle whose preview is on screen (or whose passphrase is asked), until the user imports it or cancels. */
  private waiting: { token: string; bytes: Uint8Array; sealed: boolean } | null = null

  private get db(): Db {
    return this.deps.db()
  }

  /** The bundle's bytes for an article; an 'exported' revision marks the version it carries. */
  exportBundle(articleId: string, options: { includeNotes?: boolean } = {}): Uint8Array {
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
    files['review.json'] = strToU8(JSON.stringify(outgoingReview(reviewRepo.readReview(db, articleId))))
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
      const bytes = this.deps.media.read(id)
      // An old version's picture gone from the data folder does not stop the export; the article's own does.
      if (bytes === null || bytes.length > MAX_FILE_BYTES) {
        if (current.has(id)) throw new AppError('IO_ERROR', `the image ${id} is missing from the data folder`)
        continue
      }
      files[`media/${id}`] = bytes
    }
    // Private notes only ever travel sealed (exportToFile checks), and only when asked for.
    const note = options.includeNotes === true ? this.deps.sealedNote(articleId) : null
    if (note !== null) files['notes.json'] = strToU8(JSON.stringify({ body: note }))
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: now,
      app: this.deps.appVersion,
      articleId: article.id,
      title: article.title,
      files: Object.entries(files).map(([path, bytes]) => ({ path, sha256: sha256(bytes), bytes: bytes.length }))
    }
    const manifestBytes = strToU8(JSON.stringify(manifest, null, 2))
    // Signed: the manifest names every file by its hash, so its signature covers the whole bundle.
    const zippable: Zippable = { 'manifest.json': manifestBytes, 'signature.json': this.deps.signing.sign(articleId, manifestBytes) }
    // Images are compressed already.
    for (const [path, bytes] of Object.entries(files)) zippable[path] = path.startsWith('media/') ? [bytes, { level: 0 }] : bytes
    return zipSync(zippable, { level: 6, mtime: new Date(now) })
  }

  async exportToFile(articleId: string, sealing: BundleSeal = { kind: 'none' }, includeNotes = false): Promise<boolean> {
    const article = this.deps.articles.get(articleId)
    if (includeNotes && sealing.kind === 'none') throw new AppError('INVALID_PAYLOAD', 'private notes travel only in a sealed bundle')
    let recipient: string | undefined
    if (sealing.kind === 'colleague') {
      recipient = this.deps.signing.recipientFor(sealing.fingerprint)
      if (recipient === undefined) throw new AppError('NOT_FOUND', 'no recognised colleague has that fingerprint')
    }
    const plain = this.exportBundle(articleId, { includeNotes })
    const bytes = sealing.kind === 'passphrase' ? await seal(plain, { passphrase: sealing.passphrase }) : recipient !== undefined ? await seal(plain, { recipient }) : plain
    // A neutral name: the headline would land in the system's recent-files lists, which the panic wipe cannot reach.
    const name = `qalam-${new Date(this.deps.now()).toISOString().slice(0, 10)}-${article.id.slice(0, 6)}.${BUNDLE_EXTENSION}`
    return this.deps.dialogs.saveBundleFile(name, bytes)
  }

  /** The bundle the user picks, read and checked: what importing it would change (null when they cancel). Nothing changes yet. */
  async inspectFromFile(): Promise<BundleInspection | null> {
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
    if (isSealed(bytes)) {
      // Sealed with a passphrase: the passphrase is asked for first. Sealed for this desk: opened with its own identity.
      if (sealedWithPassphrase(bytes)) {
        this.waiting = { token: randomUUID(), bytes, sealed: true }
        return { token: this.waiting.token, needsPassphrase: true }
      }
      bytes = await unseal(bytes, { identity: this.deps.signing.ageIdentity(), passphrase: null })
      return this.wait(bytes, true)
    }
    return this.wait(bytes, false)
  }

  /** The passphrase for the sealed bundle waiting: what importing it would change. */
  async unsealWaiting(token: string, passphrase: string): Promise<BundlePreview> {
    const waiting = this.waiting
    if (waiting === null || waiting.token !== token || !isSealed(waiting.bytes)) throw new AppError('INVALID_STATE', 'no sealed bundle is waiting for a passphrase')
    const opened = await unseal(waiting.bytes, { identity: this.deps.signing.ageIdentity(), passphrase })
    return this.wait(opened, true)
  }

  private wait(bytes: Uint8Array, sealed: boolean): BundlePreview {
    const preview = this.preview(bytes)
    // One bundle waits for an answer at a time.
    this.waiting = { token: randomUUID(), bytes, sealed }
    return { ...preview, token: this.waiting.token }
  }

  /** Imports the bundle the preview showed; `trustSigner` remembers its key as a colleague's (after the fingerprints were compared). */
  apply(token: string, trustSigner = false): BundleResult {
    const waiting = this.waiting
    if (waiting === null || waiting.token !== token) throw new AppError('INVALID_STATE', 'that bundle is no longer waiting to be imported')
    this.waiting = null
    const { manifestBytes, signature, files } = openBundle(waiting.bytes)
    const signer = this.deps.signing.signerOf(manifestBytes, signature)
    // Only a key not seen before, under a name no recognised colleague goes by, can be remembered: never an impostor's.
    if (trustSigner && (signer.state !== 'unknown' || signer.claimsKnownName))
      throw new AppError('INVALID_STATE', 'this bundle’s key cannot be remembered: it is not a new key under a name of its own')
    const result = this.importBundle(waiting.bytes, { sealed: waiting.sealed })
    if (trustSigner && signature !== null) this.deps.signing.trust(manifestBytes, signature, signer.name)
    // Private notes are taken only from a bundle that came sealed and signed by this desk or a recognised colleague: this desk's
    // age recipient is in every bundle it signs, so anyone can seal for it.
    if (waiting.sealed && files.has('notes.json') && (signer.state === 'known' || signer.state === 'self'))
      this.deps.receiveSealedNote(result.articleId, parseJson(files, 'notes.json', noteSchema).body)
    return result
  }

  /** Forgets any bundle waiting for an answer, its decrypted bytes overwritten (the desk locks or is wiped). */
  forgetWaiting(): void {
    this.waiting?.bytes.fill(0)
    this.waiting = null
  }

  /** Forgets the bundle the preview showed (the user cancelled). */
  discard(token: string): void {
    if (this.waiting?.token === token) this.waiting = null
  }

  /** What importing the bundle would change: the import is run in a transaction that is then rolled back (images are not written). */
  preview(bytes: Uint8Array): Omit<BundlePreview, 'token'> {
    const db = this.db
    const rollback = new Error('preview')
    let out: Omit<BundlePreview, 'token'> | null = null
    try {
      db.transaction(() => {
        const { manifest, manifestBytes, signature } = openBundle(bytes)
        const signer = this.deps.signing.signerOf(manifestBytes, signature)
        const here = articlesRepo.findArticle(db, manifest.articleId)
        const before = here === undefined ? null : { body: here.body, review: reviewRepo.readReview(db, here.id) }
        const previous = signersRepo.articleSigner(db, manifest.articleId)
        const signerChanged = previous !== undefined && previous.fingerprint !== signer.fingerprint ? previous : null
        const result = this.importBundle(bytes, { writeImages: false })
        const after = articlesRepo.findArticle(db, result.articleId)!
        out = { ...describeImport(before, { body: after.body, review: reviewRepo.readReview(db, after.id) }, result, manifest, signer), signerChanged }
        throw rollback
      })()
    } catch (error) {
      if (error !== rollback) throw error
    }
    return out!
  }

  /** Reads and checks a whole bundle, then brings it in in one transaction; a bundle with any fault changes nothing. */
  importBundle(bytes: Uint8Array, options: { writeImages?: boolean; sealed?: boolean; allowUnsigned?: boolean } = {}): BundleResult {
    const { manifest, files, manifestBytes, signature } = openBundle(bytes)
    // A signature that does not verify refuses the bundle before anything is read from it.
    const signer = this.deps.signing.signerOf(manifestBytes, signature)
    const article = parseJson(files, 'article.json', articleSchema)
    const review = normalizeReview(parseJson(files, 'review.json', reviewSchema))
    const revisions = parseJson(files, 'revisions.json', revisionsSchema)
    if (article.id !== manifest.articleId) throw new Refused('invalid-content', 'the article is not the one the manifest names')
    // Every body is checked against the editor's schema before anything is stored.
    try {
      parseCheckedDocument(article.body)
    } catch (error) {
      throw new Refused('invalid-content', `the article's body is not one Qalam's editor writes (${(error as Error).message})`)
    }
    for (const r of revisions) {
      try {
        parseCheckedDocument(r.body)
      } catch (error) {
        throw new Refused('invalid-content', `a version's body is not one Qalam's editor writes (${(error as Error).message})`)
      }
    }
    // Without a signature nothing shows who made it, and a signed bundle with its signature taken out looks the same: refused.
    if (signer.state === 'unsigned' && options.allowUnsigned !== true) throw new Refused('unsigned', 'the bundle is not signed, so nothing shows who made it')
    const images = cleanBundleImages(files, article, revisions)
    const db = this.db
    const now = this.deps.now()
    const here0 = articlesRepo.findArticle(db, article.id)
    // Site markup is the site's: a raw block stays only if the site had it for this article (its sync base, or already here).
    const knownRaw = new Set([...(articleSyncRepo.findArticleSync(db, article.id)?.base?.blocks ?? []), ...(here0 === undefined ? [] : rawBlocksOf(parseDocumentJson(here0.body)))])
    let demotedBlocks = 0
    const demote = (body: string): string => {
      const r = demoteUnknownRawBlocks(parseDocumentJson(body), knownRaw)
      demotedBlocks += r.demoted
      return r.demoted === 0 && r.forgotten === 0 ? body : JSON.stringify(r.doc)
    }
    article.body = demote(article.body)
    for (const r of revisions) r.body = demote(r.body)
    // Status moves from a file: dated no later than this machine allows, and only as the workflow moves.
    const local = here0 === undefined ? normalizeReview(null) : reviewRepo.readReview(db, article.id)
    const moves = acceptedMoves(here0?.status ?? null, local, clampFuture(review, now), countSuggestions(article.body))
    const incomingReview: ReviewData = { comments: clampFuture(review, now).comments, history: moves.accepted }
    const extra = { refusedStatus: moves.refused, demotedBlocks }
    const bringIn = (): BundleResult => {
      if (options.writeImages !== false) for (const [name, image] of images) this.deps.media.importBytes(image.bytes, name)
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
          status: moves.status
        }
        articlesRepo.insertArticle(db, created)
        addRevisions()
        reviewRepo.writeReview(db, article.id, incomingReview)
        return { articleId: article.id, title: article.title, outcome: 'created', conflicts: 0, ...extra }
      }
      // Review data merges without a base; the status follows the moves the workflow allowed.
      const mergedReview = mergeReview(reviewRepo.readReview(db, article.id), incomingReview)
      reviewRepo.writeReview(db, article.id, mergedReview)
      articlesRepo.updateArticleStatus(db, article.id, moves.status)

      const result = (outcome: BundleResult['outcome'], conflicts = 0): BundleResult => {
        addRevisions()
        return { articleId: article.id, title: here.title, outcome, conflicts, ...extra }
      }
      if (versionHash(article) === versionHash(here)) return result(mergedReview.comments.length === 0 && mergedReview.history.length === 0 ? 'unchanged' : 'merged')

      // The base: the newest version of the incoming side's history that this machine has had too.
      const ours = new Set([versionHash(here), ...revisionsRepo.listRevisions(db, article.id).map((s) => versionHash(revisionsRepo.findRevision(db, s.id)!))])
      const base = [...incomingRevisions].sort((a, b) => b.createdAt - a.createdAt).find((r) => ours.has(versionHash(r)))
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
    }
    return db.transaction((): BundleResult => {
      const result = bringIn()
      // Which key this article came from, so a later bundle of it from another key is called out.
      if (signer.state === 'known' || signer.state === 'unknown') signersRepo.recordArticleSigner(db, article.id, signer, now)
      return result
    })()
  }
}
