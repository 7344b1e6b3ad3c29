import type { ArticleStatus } from '@shared/domain/article'
import type { BundleSigner, BundlePreview, BundleResult } from '@shared/domain/bundle'
import { countSuggestions } from '@shared/domain/document'
import type { ReviewData } from '@shared/domain/review'
import { documentToBlocks } from '../document/codec'
import { parseDocumentJson } from '../document/lexical'
import { localFormCtx } from '../document/local-form'

/** The article and its review as they stand, before and after an import (run and rolled back). */
export interface Side {
  body: string
  review: ReviewData
}

const blocksOf = (body: string) => documentToBlocks(parseDocumentJson(body), localFormCtx)

/** How many of `a`'s blocks `b` does not have, counting repeats. */
function missing(a: string[], b: string[]): number {
  const left = new Map<string, number>()
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1)
  let n = 0
  for (const x of a) {
    const k = left.get(x) ?? 0
    if (k === 0) n++
    else left.set(x, k - 1)
  }
  return n
}

/** What an import changed, in the words the reporter is shown before agreeing to it. */
export function describeImport(
  before: Side | null,
  after: Side,
  result: BundleResult,
  manifest: { createdAt: number; app: string },
  signer: BundleSigner
): Omit<BundlePreview, 'token' | 'signerChanged'> {
  const knownComments = new Set(before?.review.comments.map((c) => c.id) ?? [])
  const knownMoves = new Set(before?.review.history.map((h) => h.id) ?? [])
  const comments = after.review.comments.filter((c) => !knownComments.has(c.id))
  const moves = after.review.history.filter((h) => !knownMoves.has(h.id))
  const beforeBlocks = before === null ? [] : blocksOf(before.body)
  const afterBlocks = blocksOf(after.body)
  return {
    articleId: result.articleId,
    title: result.title,
    isNew: before === null,
    exportedAt: manifest.createdAt,
    app: manifest.app,
    signer,
    authors: [...new Set([...comments.map((c) => c.author), ...moves.map((m) => m.by)].filter((n) => n !== ''))],
    statusMoves: moves.map((m) => ({ from: m.from as ArticleStatus, to: m.to as ArticleStatus, by: m.by })),
    refusedStatus: result.refusedStatus,
    commentsAdded: comments.filter((c) => !c.deleted).length,
    suggestionsAdded: Math.max(0, countSuggestions(after.body) - (before === null ? 0 : countSuggestions(before.body))),
    paragraphsChanged: missing(afterBlocks, beforeBlocks),
    paragraphsRemoved: missing(beforeBlocks, afterBlocks),
    demotedBlocks: result.demotedBlocks,
    outcome: result.outcome
  }
}
