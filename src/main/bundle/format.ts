import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { strFromU8 } from 'fflate'
import { z } from 'zod'
import { AppError } from '../errors'
import { ARTICLE_STATUSES, REVISION_REASONS } from '@shared/domain/article'
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleProblem } from '@shared/domain/bundle'
import { isMediaId } from '@shared/domain/media'
import { articleMetaSchema } from '@shared/ipc/contract'
import { readZip, ZipRefused } from './zip'

/**
 * The `.qalam` format as it is read from outside: the zip within bounds (./zip), the
 * manifest and every file checked against it, each JSON file against its schema. A
 * bundle with any fault is refused whole, with the problem the renderer words.
 */

/** Larger than any article with its images; a bigger file is not a bundle Qalam wrote. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024
export const MAX_FILE_BYTES = 64 * 1024 * 1024
/** What a bundle's files may declare together, unpacked. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024
/** The manifest's files, the manifest, and room for the folders a zip tool may add. */
const MAX_ENTRIES = 10_016

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export const manifestSchema = z
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
export type Manifest = z.infer<typeof manifestSchema>

export const articleSchema = z
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
    deleted: z.boolean(),
    /** The site's relay stamp as the exporting machine last pulled it (only a site sets it; a file can only repeat it). */
    relayedBy: z.string().max(200).optional()
  })
  .strict()
const changeSchema = z
  .object({
    id: z.string().min(1).max(64),
    from: z.enum(ARTICLE_STATUSES),
    to: z.enum(ARTICLE_STATUSES),
    by: z.string().max(200),
    at: z.number().int(),
    note: z.string().max(2_000),
    relayedBy: z.string().max(200).optional()
  })
  .strict()
export const reviewSchema = z.object({ comments: z.array(commentSchema).max(100_000), history: z.array(changeSchema).max(100_000) }).strict()
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
export const revisionsSchema = z.array(revisionSchema).max(10_000)
/** A private note, carried only in a sealed bundle. */
export const noteSchema = z.object({ body: z.string().max(100_000) }).strict()

export class Refused extends AppError {
  constructor(problem: BundleProblem, detail: string) {
    super('INVALID_STATE', `the bundle was refused (${problem}): ${detail}`, problem)
  }
}

/** Unzips and checks every file against the manifest; any difference refuses the whole bundle. */
export function openBundle(bytes: Uint8Array): { manifest: Manifest; files: Map<string, Uint8Array>; manifestBytes: Uint8Array; signature: Uint8Array | null } {
  let entries: Map<string, Uint8Array>
  try {
    entries = readZip(bytes, { entries: MAX_ENTRIES, fileBytes: MAX_FILE_BYTES, totalBytes: MAX_UNPACKED_BYTES })
  } catch (error) {
    if (error instanceof ZipRefused) throw new Refused(error.problem, error.message)
    throw error
  }
  const manifestBytes = entries.get('manifest.json')
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
  for (const [path, data] of entries) {
    // The signature signs the manifest, so it cannot be listed in it.
    if (path === 'manifest.json' || path === 'signature.json' || path.endsWith('/')) continue
    const entry = listed.get(path)
    if (entry === undefined) throw new Refused('tampered', `${path} is not in the manifest`)
    if (data.length !== entry.bytes || sha256(data) !== entry.sha256) throw new Refused('tampered', `${path} does not match the manifest`)
    if (!(path === 'article.json' || path === 'review.json' || path === 'revisions.json' || path === 'notes.json' || (path.startsWith('media/') && isMediaId(path.slice(6)))))
      throw new Refused('tampered', `${path} has no place in a bundle`)
    // An image's name is its content's hash: a swapped image is caught even with a rewritten manifest.
    if (path.startsWith('media/') && !path.slice(6).startsWith(entry.sha256.slice(0, 32))) throw new Refused('tampered', `${path} is not the image its name says`)
    files.set(path, data)
  }
  for (const path of listed.keys()) if (!files.has(path)) throw new Refused('truncated', `${path} is missing`)
  for (const needed of ['article.json', 'review.json', 'revisions.json']) if (!files.has(needed)) throw new Refused('not-a-bundle', `no ${needed}`)
  return { manifest, files, manifestBytes, signature: entries.get('signature.json') ?? null }
}

export const REVISION_REASON_SET = new Set<string>(REVISION_REASONS)

export function parseJson<T>(files: Map<string, Uint8Array>, path: string, schema: z.ZodType<T>): T {
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

export function readLimited(path: string, limit: number): Uint8Array {
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
