import type { Db } from '../store/connection'
import * as searchRepo from '../store/repositories/search'
import type { Range, SearchFilters, SearchHit } from '@shared/domain/search'
import { hasArabic, normalizeArabic, searchForms, searchFormsCached, wordsWithOffsets } from '@shared/arabic/normalize'
import { numberVariants } from '@shared/arabic/plurals'
import { sameShapeOrNextKey } from '@shared/arabic/slips'

interface ParsedQuery {
  /** Every form any whole query word is found by. */
  forms: Set<string>
  /** The word being typed, matched as a prefix. */
  prefix: string | null
  match: string
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`
const norm = (s: string) => normalizeArabic(s).toLowerCase()

/** What a query word is found by: its own search forms, and its singular's or plural's («ميليشيا» finds «الميليشيات»). */
const queryForms = (word: string): string[] => [...new Set([word, ...numberVariants(word)].flatMap((w) => searchForms(w)))]

/**
 * Turns what the user typed into an FTS5 expression over the normalized index: each
 * word as any of its search forms (itself, its stem, without a one-letter proclitic),
 * all words required; the word still being typed also as a prefix.
 */
export function parseQuery(query: string, complete?: (prefix: string) => string[] | null): ParsedQuery | null {
  const words = wordsWithOffsets(norm(query)).map((w) => w.word)
  if (words.length === 0) return null
  const typing = !/\s$/.test(query) && words[words.length - 1]!.length >= 2
  const forms = new Set<string>()
  const parts = words.map((word, i) => {
    const wordForms = queryForms(word)
    wordForms.forEach((f) => forms.add(f))
    const alternatives = wordForms.map(quote)
    if (typing && i === words.length - 1) {
      // The word being typed: the archive's words that begin with it, or FTS5's prefix query when there are too many.
      const completed = complete?.(word) ?? null
      if (completed === null) alternatives.push(`${quote(word)}*`)
      else for (const c of completed) if (!wordForms.includes(c)) alternatives.push(quote(c))
    }
    return `(${alternatives.join(' OR ')})`
  })
  return { forms, prefix: typing ? words[words.length - 1]! : null, match: parts.join(' AND ') }
}

function matches(word: string, q: Pick<ParsedQuery, 'forms' | 'prefix'>): boolean {
  const n = norm(word)
  const forms = searchFormsCached(n)
  return forms.some((f) => q.forms.has(f)) || (q.prefix !== null && (n.startsWith(q.prefix) || forms.some((f) => f.startsWith(q.prefix!))))
}

/** Where the query's words are in a piece of original text. */
export function findMatches(text: string, q: Pick<ParsedQuery, 'forms' | 'prefix'>): Range[] {
  return wordsWithOffsets(text)
    .filter((w) => matches(w.word, q))
    .map((w) => [w.start, w.end] as Range)
}

const SNIPPET_BEFORE = 8
const SNIPPET_AFTER = 22

/**
 * A stretch of the text around its first match, with the matches in it, or null when
 * the text has none. Reads words only until the first match and its window: a hit's
 * snippet costs the same in a long article as in a short one.
 */
export function snippetOf(text: string, q: Pick<ParsedQuery, 'forms' | 'prefix'>, fallback = false): { snippet: string; highlights: Range[] } | null {
  const re = /[\p{L}\p{N}\p{M}\u0640]+/gu
  const before: { start: number; end: number }[] = []
  let first: { start: number; end: number } | null = null
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const w = { start: m.index, end: m.index + m[0].length }
    if (matches(m[0], q)) {
      first = w
      break
    }
    before.push(w)
    if (before.length > SNIPPET_BEFORE) before.shift()
  }
  if (first === null) {
    if (!fallback) return null
    re.lastIndex = 0
    const m = re.exec(text)
    if (m === null) return null
    first = { start: m.index, end: m.index + m[0].length }
    before.length = 0
  }
  let last = first
  let more = false
  for (let k = 0; k < SNIPPET_AFTER; k++) {
    const m = re.exec(text)
    if (m === null) break
    last = { start: m.index, end: m.index + m[0].length }
  }
  if (re.exec(text) !== null) more = true
  const start = before[0]?.start ?? first.start
  const lead = /[\p{L}\p{N}]/u.test(text.slice(0, start)) ? '… ' : ''
  const snippet = lead + text.slice(start, last.end).replace(/\s+/g, ' ') + (more ? ' …' : '')
  return { snippet, highlights: findMatches(snippet, q) }
}

/** How many of the archive's words a word being typed is completed into, at most. */
export const MAX_COMPLETIONS = 64

/** Fewer exact hits than this, and near matches are looked for. */
const NEAR_BELOW = 3

/** The letters of normalized Arabic text (hamza forms of alef, ة and ى already folded). */
const NORMAL_LETTERS = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءئؤ']

/** Every word one edit away (a letter dropped, added, replaced, or two swapped). */
function oneEditAway(word: string): string[] {
  const w = [...word]
  const out = new Set<string>()
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length) out.add([...w.slice(0, i), ...w.slice(i + 1)].join(''))
    if (i < w.length - 1) out.add([...w.slice(0, i), w[i + 1], w[i], ...w.slice(i + 2)].join(''))
    for (const ch of NORMAL_LETTERS) {
      out.add([...w.slice(0, i), ch, ...w.slice(i)].join(''))
      if (i < w.length && ch !== w[i]) out.add([...w.slice(0, i), ch, ...w.slice(i + 1)].join(''))
    }
  }
  out.delete(word)
  return [...out]
}

/**
 * How likely a slip turned `meant` into `typed`: 0 for the common ones (two letters swapped,
 * a letter for one of the same shape or the next key, a doubled letter), 1 for any other
 * single edit. A query one slip from several words is read as the likely slip first, so
 * «حاجر» is «حاجز» (a dot) before «حاجة» (any letter), however common «حاجة» is.
 */
export function slipRank(typed: string, meant: string): number {
  const a = [...typed]
  const b = [...meant]
  if (a.length === b.length) {
    const at = a.flatMap((c, i) => (c === b[i] ? [] : [i]))
    if (at.length === 2 && at[1] === at[0]! + 1 && a[at[0]!] === b[at[1]!] && a[at[1]!] === b[at[0]!]) return 0
    if (at.length === 1 && sameShapeOrNextKey(a[at[0]!]!, b[at[0]!]!)) return 0
    return 1
  }
  // A letter dropped or added: likely when it is a doubled letter.
  const [long, short] = a.length > b.length ? [a, b] : [b, a]
  const i = long.findIndex((c, k) => c !== short[k])
  const at = i === -1 ? long.length - 1 : i
  return long[at] === long[at - 1] || long[at] === long[at + 1] ? 0 : 1
}

/** How many corrections a query with a slip is tried as: a slip can be one letter from a common word and from a rare one. */
const NEAR_QUERIES = 3

/**
 * Corrections of the query: each word the archive does not hold (in any of its search
 * forms) replaced by a word one slip away that it holds, the word most articles hold
 * first, then the next ones; at most NEAR_QUERIES, none when no word can be corrected.
 */
export function nearQueries(db: Db, query: string): string[] {
  const words = wordsWithOffsets(norm(query)).map((w) => w.word)
  let changed = false
  const choices = words.map((word) => {
    if (!hasArabic(word) || [...word].length < 4) return [word]
    const own = searchRepo.documentCounts(db, queryForms(word))
    if ([...own.values()].some((n) => n > 0)) return [word]
    const found = [...searchRepo.documentCounts(db, oneEditAway(word))].filter(([, n]) => n > 0)
    if (found.length === 0) return [word]
    changed = true
    // The likeliest slips first, then the word more articles hold.
    return found
      .sort((a, b) => slipRank(word, a[0]) - slipRank(word, b[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, NEAR_QUERIES)
      .map(([term]) => term)
  })
  if (!changed) return []
  const count = Math.max(...choices.map((c) => c.length))
  return Array.from({ length: count }, (_, k) => choices.map((c) => c[Math.min(k, c.length - 1)]!).join(' '))
}

/** How long after the last save the index catches up (typing has paused). */
export const INDEX_PAUSE_MS = 1_500

/** Search over every local article, ranked, with snippets from the original text. */
export class SearchService {
  private checkedFor: Db | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly deps: { db: () => Db; pauseMs?: number }) {}

  /** An article's text changed: the index catches up once writing pauses (a search before then catches up first). */
  changed(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      try {
        this.indexPending()
      } catch {
        // The store may be closed or failed; the marks stay and the next search catches up.
      }
    }, this.deps.pauseMs ?? INDEX_PAUSE_MS)
    this.timer.unref?.()
  }

  /** Indexes every article whose text changed since the index read it; returns how many. */
  indexPending(): number {
    return searchRepo.indexPending(this.db)
  }

  /** Stops waiting for a pause (the marks stay in the database for the next start). */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  /** The connection, with the index checked once per connection (a store started fresh or retried is a new one). */
  private get db(): Db {
    const db = this.deps.db()
    if (this.checkedFor !== db) {
      this.checkedFor = db
      if (searchRepo.indexedCount(db) !== searchRepo.articleCount(db)) this.rebuildOn(db)
    }
    return db
  }

  /** Rebuilds the whole index in one transaction; returns how many articles it holds. */
  rebuild(): number {
    return this.rebuildOn(this.db)
  }

  private rebuildOn(db: Db): number {
    let count = 0
    db.transaction(() => {
      searchRepo.clearIndex(db)
      searchRepo.clearPending(db)
      for (let after = 0; ;) {
        const page = searchRepo.articlesToIndex(db, after, 500)
        if (page.length === 0) break
        for (const r of page) {
          searchRepo.insertIndexRow(db, r.rowid, searchRepo.indexedFields(searchRepo.sourceToArticle(r)))
          count++
        }
        after = page[page.length - 1]!.rowid
      }
    })()
    return count
  }

  search(query: string, filters: SearchFilters = {}, limit = 20): SearchHit[] {
    const db = this.db
    // What was saved a moment ago is found: the index catches up first.
    this.indexPending()
    const q = parseQuery(query, (prefix) => searchRepo.completions(db, prefix, MAX_COMPLETIONS))
    if (q === null) return []
    const hits = this.hits(searchRepo.searchArticles(db, q.match, filters, limit), q)
    if (hits.length >= NEAR_BELOW) return hits
    // Few or none: the query's corrections (one slip away from words the archive holds) find the rest, marked,
    // below the exact hits, taken in turn from each correction so a rare word is not crowded out by a common one.
    const seen = new Set(hits.map((h) => h.id))
    const lists = nearQueries(db, query).map((near) => {
      const nq = parseQuery(`${near} `)
      return nq === null ? [] : this.hits(searchRepo.searchArticles(db, nq.match, filters, limit), nq).map((h) => ({ ...h, near }))
    })
    const out = [...hits]
    for (let i = 0; out.length < limit && lists.some((l) => i < l.length); i++) {
      for (const list of lists) {
        const h = list[i]
        if (h !== undefined && !seen.has(h.id) && out.length < limit) {
          seen.add(h.id)
          out.push(h)
        }
      }
    }
    return out
  }

  private hits(rows: ReturnType<typeof searchRepo.searchArticles>, q: ParsedQuery): SearchHit[] {
    return rows.map((r) => {
      const { snippet, highlights } = snippetOf(r.body_text, q) ?? snippetOf(r.standfirst, q) ?? snippetOf(r.body_text, q, true) ?? { snippet: '', highlights: [] }
      return {
        id: r.id,
        title: r.title,
        status: r.status,
        byline: r.byline,
        updatedAt: r.updated_at,
        snippet,
        highlights,
        titleHighlights: findMatches(r.title, q)
      }
    })
  }
}
