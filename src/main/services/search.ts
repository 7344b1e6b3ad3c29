import type { Db } from '../store/connection'
import * as searchRepo from '../store/repositories/search'
import type { Range, SearchFilters, SearchHit } from '../../shared/domain/search'
import { normalizeArabic, searchForms, wordsWithOffsets } from '../../shared/arabic/normalize'

interface ParsedQuery {
  /** Every form any whole query word is found by. */
  forms: Set<string>
  /** The word being typed, matched as a prefix. */
  prefix: string | null
  match: string
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`
const norm = (s: string) => normalizeArabic(s).toLowerCase()

/**
 * Turns what the user typed into an FTS5 expression over the normalized index: each
 * word as any of its search forms (itself, its stem, without a one-letter proclitic),
 * all words required; the word still being typed also as a prefix.
 */
export function parseQuery(query: string): ParsedQuery | null {
  const words = wordsWithOffsets(norm(query)).map((w) => w.word)
  if (words.length === 0) return null
  const typing = !/\s$/.test(query) && words[words.length - 1]!.length >= 2
  const forms = new Set<string>()
  const parts = words.map((word, i) => {
    const wordForms = searchForms(word)
    wordForms.forEach((f) => forms.add(f))
    const alternatives = wordForms.map(quote)
    if (typing && i === words.length - 1) alternatives.push(`${quote(word)}*`)
    return `(${alternatives.join(' OR ')})`
  })
  return { forms, prefix: typing ? words[words.length - 1]! : null, match: parts.join(' AND ') }
}

/** Where the query's words are in a piece of original text. */
export function findMatches(text: string, q: Pick<ParsedQuery, 'forms' | 'prefix'>): Range[] {
  const ranges: Range[] = []
  for (const w of wordsWithOffsets(text)) {
    const n = norm(w.word)
    const forms = searchForms(n)
    const hit = forms.some((f) => q.forms.has(f)) || (q.prefix !== null && (n.startsWith(q.prefix) || forms.some((f) => f.startsWith(q.prefix!))))
    if (hit) ranges.push([w.start, w.end])
  }
  return ranges
}

const SNIPPET_BEFORE = 8
const SNIPPET_AFTER = 22

/** A stretch of the text around its first match, with the matches in it. */
export function snippetOf(text: string, q: Pick<ParsedQuery, 'forms' | 'prefix'>): { snippet: string; highlights: Range[] } {
  const words = wordsWithOffsets(text)
  const matches = findMatches(text, q)
  if (words.length === 0) return { snippet: '', highlights: [] }
  const first = matches[0]
  const at = first === undefined ? 0 : words.findIndex((w) => w.start === first[0])
  const from = Math.max(0, at - SNIPPET_BEFORE)
  const to = Math.min(words.length - 1, at + SNIPPET_AFTER)
  const start = words[from]!.start
  const end = words[to]!.end
  const lead = from > 0 ? '… ' : ''
  const tail = to < words.length - 1 ? ' …' : ''
  const snippet = lead + text.slice(start, end).replace(/\s+/g, (s) => (s.length === 1 ? s : ' ')) + tail
  // Whitespace runs were folded: recompute offsets on the snippet itself.
  const q2 = q
  const highlights = findMatches(snippet, q2)
  return { snippet, highlights }
}

/** Search over every local article, ranked, with snippets from the original text. */
export class SearchService {
  private checkedFor: Db | null = null

  constructor(private readonly deps: { db: () => Db }) {}

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
      for (let after = 0; ; ) {
        const page = searchRepo.articlesToIndex(db, after, 500)
        if (page.length === 0) break
        for (const r of page) {
          const fields = searchRepo.indexedFields({
            title: r.title,
            standfirst: r.standfirst,
            bodyText: r.body_text,
            meta: { byline: r.byline, dateline: r.dateline, label: r.label, categories: JSON.parse(r.categories) as string[], tags: JSON.parse(r.tags) as string[], slug: '', featuredImage: '', publishAt: null }
          })
          searchRepo.insertIndexRow(db, r.rowid, fields)
          count++
        }
        after = page[page.length - 1]!.rowid
      }
    })()
    return count
  }

  search(query: string, filters: SearchFilters = {}, limit = 20): SearchHit[] {
    const q = parseQuery(query)
    if (q === null) return []
    const rows = searchRepo.searchArticles(this.db, q.match, filters, limit)
    return rows.map((r) => {
      const inBody = findMatches(r.body_text, q).length > 0
      const source = inBody || r.standfirst === '' ? r.body_text : r.standfirst
      const { snippet, highlights } = snippetOf(source, q)
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
