/**
 * WordPress's Notes (6.9+) as Qalam meets them in a document: a block carries its note as
 * `metadata.noteId` in its opening comment, and a thread taken from a note has an id naming it.
 * One reading of each, for the codec and the sync (main) and the review panel (renderer).
 */

export interface OpeningDelimiter {
  name: string
  attrs: Record<string, unknown>
  selfClosing: boolean
  /** Where the delimiter ends in the markup. */
  end: number
}

/**
 * A block's opening comment (`<!-- wp:name {json} -->`), or null when the markup does not start
 * with one that parses. The delimiter ends at its first `-->`: attributes are JSON with `--`
 * escaped, as WordPress writes them.
 */
export function openingDelimiter(markup: string): OpeningDelimiter | null {
  const open = /^<!-- wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(\s[\s\S]*?)?-->/.exec(markup)
  if (open === null) return null
  const inner = (open[2] ?? '').trim()
  const selfClosing = inner.endsWith('/')
  const json = (selfClosing ? inner.slice(0, -1) : inner).trim()
  let attrs: unknown = {}
  if (json !== '') {
    try {
      attrs = JSON.parse(json)
    } catch {
      return null
    }
  }
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) return null
  return { name: open[1]!, attrs: attrs as Record<string, unknown>, selfClosing, end: open[0].length }
}

/** A block's `metadata`, as an object (empty when it has none, or something else). */
export function metadataOf(attrs: Record<string, unknown>): Record<string, unknown> {
  const m = attrs.metadata
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : {}
}

const isNoteId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

/**
 * The site's note on a top-level block, from the block's node state (`$`): the one the sync set
 * (`noteId`, a thread opened in Qalam that became a note), or the one in the site's markup it keeps.
 */
export function blockNoteId(state: unknown): number | null {
  if (typeof state !== 'object' || state === null) return null
  const s = state as { noteId?: unknown; siteMarkup?: unknown }
  if (isNoteId(s.noteId)) return s.noteId
  const open = typeof s.siteMarkup === 'string' ? openingDelimiter(s.siteMarkup) : null
  const fromSite = open === null ? undefined : metadataOf(open.attrs).noteId
  return isNoteId(fromSite) ? fromSite : null
}

/**
 * The site's note a thread was taken from (src/main/sync/notes.ts names such a thread
 * `wpnote-<site>-<note id>`), or null for a thread opened in Qalam. Such a thread is anchored to
 * the block that carries that note, not to a mark.
 */
export function noteIdOfThread(threadId: string): number | null {
  const m = /^wpnote-[0-9a-f]{12}-([1-9][0-9]{0,14})$/.exec(threadId)
  return m === null ? null : Number(m[1])
}

/** How an anchor list names the block that carries a note (CommentPlugin lists them beside the marks' thread ids). */
export const noteAnchor = (noteId: number): string => `note:${noteId}`
