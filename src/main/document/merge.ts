import { diff3Merge } from 'node-diff3'
import type { MergeChunk } from '@shared/domain/sync'
import { mergeReview, type ReviewData } from '@shared/domain/review'

/** What a synced article is made of, in the form the three sides are compared in. */
export interface Snapshot {
  title: string
  standfirst: string
  slug: string
  /** The site's status word (draft, pending, future, publish…). */
  status: string
  categories: string[]
  tags: string[]
  /** Top-level blocks' markup, images written with local media ids (see document/local-form). */
  blocks: string[]
  /** A classic post's whitespace before each block and after the last, where it is not a blank line (codec.ts documentGaps); absent otherwise. */
  gaps?: string[]
  /** The featured image: a local media id, 'remote:<id>' for one only the site has, or ''. */
  featured: string
  /** For a scheduled post, when it goes out (ms since epoch). */
  publishAt: number | null
  /** Comments and status history, when the site has the companion plugin (null otherwise: it does not travel). */
  review: ReviewData | null
}

export interface MergeResult {
  merged: Snapshot
  /** Block chunks, with both sides where they overlap. */
  chunks: MergeChunk[]
  fieldConflicts: { field: 'title' | 'standfirst' | 'slug'; local: string; remote: string }[]
  clean: boolean
}

/** Three-way merge of one value: whichever side changed it; both changed it differently is a conflict (local kept). */
export function mergeScalar<T>(base: T, local: T, remote: T, same: (a: T, b: T) => boolean = Object.is): { value: T; conflict: boolean } {
  if (same(local, remote)) return { value: local, conflict: false }
  if (same(local, base)) return { value: remote, conflict: false }
  if (same(remote, base)) return { value: local, conflict: false }
  return { value: local, conflict: true }
}

/** Terms merge as sets: what either side added is in, what either side removed is out. */
function mergeSet(base: string[], local: string[], remote: string[]): string[] {
  const b = new Set(base)
  const removed = new Set([...base.filter((t) => !local.includes(t)), ...base.filter((t) => !remote.includes(t))])
  const out: string[] = []
  for (const t of [...local, ...remote]) if (!out.includes(t) && !removed.has(t) && (b.has(t) || local.includes(t) || remote.includes(t))) out.push(t)
  return out
}

// Markup as tokens: comments (block delimiters) and tags whole, then words and the spaces between them.
const TOKENS = /<!--[^]*?-->|<[^>]*>|\s+|[^\s<]+/g
const VOID_TAGS = new Set(['br', 'hr', 'img'])

/** Whether the tags in a token list open and close in order (a merge of two tag edits can make them cross). */
function balanced(tokens: string[]): boolean {
  const open: string[] = []
  for (const t of tokens) {
    if (t.startsWith('<!--') || !t.startsWith('<')) continue
    const m = /^<(\/)?([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/)?>$/.exec(t)
    if (m === null) return false
    const name = m[2]!.toLowerCase()
    if (VOID_TAGS.has(name) || m[3] === '/') continue
    if (m[1] === '/') {
      if (open.pop() !== name) return false
    } else open.push(name)
  }
  return open.length === 0
}

/**
 * Both sides changed the same paragraph: merged word by word (diff3 over the markup's
 * words and tags) when their changes do not touch; null when they do, or when the
 * result would not be well-formed.
 */
export function mergeWithinBlock(local: string, base: string, remote: string): string | null {
  const tokens = (s: string) => s.match(TOKENS) ?? []
  const out: string[] = []
  for (const region of diff3Merge(tokens(local), tokens(base), tokens(remote))) {
    if (region.ok !== undefined) out.push(...region.ok)
    else return null
  }
  return balanced(out) ? out.join('') : null
}

/**
 * Three-way merge of an article: fields one by one, terms as sets, the body over
 * blocks (diff3). Changes that do not overlap merge; where both sides changed the
 * same blocks differently, the local blocks stay in `merged` and the chunk keeps both.
 */
export function threeWayMerge(base: Snapshot, local: Snapshot, remote: Snapshot): MergeResult {
  const fieldConflicts: MergeResult['fieldConflicts'] = []
  const field = (name: 'title' | 'standfirst' | 'slug') => {
    const r = mergeScalar(base[name], local[name], remote[name])
    if (r.conflict) fieldConflicts.push({ field: name, local: local[name], remote: remote[name] })
    return r.value
  }
  const chunks: MergeChunk[] = []
  const blocks: string[] = []
  const same = (ok: string[]) => {
    blocks.push(...ok)
    const last = chunks[chunks.length - 1]
    if (last?.kind === 'same') last.blocks.push(...ok)
    else chunks.push({ kind: 'same', blocks: [...ok] })
  }
  const conflict = (a: string[], o: string[], b: string[]) => {
    blocks.push(...a)
    chunks.push({ kind: 'conflict', local: a, base: o, remote: b })
  }
  for (const region of diff3Merge(local.blocks, base.blocks, remote.blocks)) {
    if (region.ok !== undefined) same(region.ok)
    else if (region.conflict !== undefined) {
      const { a, o, b } = region.conflict
      // diff3 counts changes to touching paragraphs as one overlapping change. Where each side only
      // rewrote paragraphs in place (none added or removed), they are merged paragraph by paragraph:
      // only a paragraph both sides changed differently is a conflict.
      if (a.length === o.length && b.length === o.length) {
        for (let i = 0; i < o.length; i++) {
          if (a[i] === b[i] || b[i] === o[i]) same([a[i]!])
          else if (a[i] === o[i]) same([b[i]!])
          else {
            const words = mergeWithinBlock(a[i]!, o[i]!, b[i]!)
            if (words !== null) same([words])
            else conflict([a[i]!], [o[i]!], [b[i]!])
          }
        }
      } else conflict(a, o, b)
    }
  }
  const merged: Snapshot = {
    title: field('title'),
    standfirst: field('standfirst'),
    slug: field('slug'),
    status: mergeScalar(base.status, local.status, remote.status).value,
    categories: mergeSet(base.categories, local.categories, remote.categories),
    tags: mergeSet(base.tags, local.tags, remote.tags),
    blocks,
    // A classic post's whitespace, from a side whose blocks line up with the merged ones.
    ...gapsFor(blocks, [local, remote, base]),
    featured: mergeScalar(base.featured, local.featured, remote.featured).value,
    publishAt: mergeScalar(base.publishAt, local.publishAt, remote.publishAt).value,
    // Review data needs no base: entries are never removed and the later change of one wins (see shared/domain/review).
    review: local.review !== null && remote.review !== null ? mergeReview(local.review, remote.review) : (local.review ?? remote.review)
  }
  return { merged, chunks, fieldConflicts, clean: fieldConflicts.length === 0 && chunks.every((c) => c.kind === 'same') }
}

function gapsFor(blocks: string[], sides: Snapshot[]): { gaps?: string[] } {
  const side = sides.find((s) => s.gaps !== undefined && s.gaps.length === blocks.length + 1)
  return side === undefined ? {} : { gaps: side.gaps }
}

/** Builds the body the user chose, one pick per conflict chunk, in order. */
export function resolveChunks(chunks: MergeChunk[], picks: ('local' | 'remote' | 'both')[]): string[] {
  const out: string[] = []
  let i = 0
  for (const chunk of chunks) {
    if (chunk.kind === 'same') out.push(...chunk.blocks)
    else {
      const pick = picks[i++] ?? 'local'
      if (pick === 'local' || pick === 'both') out.push(...chunk.local)
      if (pick === 'remote' || pick === 'both') out.push(...chunk.remote)
    }
  }
  return out
}
