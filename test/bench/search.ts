import { statSync } from 'node:fs'
import { join } from 'node:path'
import { createServices } from '@main/services'
import { createDispatcher } from '@main/ipc/dispatch'
import { createHandlers } from '@main/ipc/handlers'
import * as articlesRepo from '@main/store/repositories/articles'
import * as searchRepo from '@main/store/repositories/search'
import { parseQuery } from '@main/services/search'
import { EMPTY_META, type Article } from '@shared/domain/article'
import { countWords } from '@shared/arabic/count'
import { testPlatform } from '../support/fixtures'
import { tempDir } from '../support/temp'
import { mulberry32 } from '../support/random'
import { newsParagraphs } from '../support/arabic-text'
import { summary } from './stats'
import { FORGIVING, QUALITY } from '../support/search-quality'

/**
 * Search at newsroom scale: 100,000 articles generated from a word list with a
 * natural (Zipf) frequency spread, the words taking the prefixes and suffixes copy
 * gives them; then queries through the IPC handler against the bare FTS5 query.
 */

const STEMS = (
  'حكوم وزير رئيس مجلس برلمان انتخاب اقتصاد سعر سوق نفط غاز كهرباء مياه مستشف مدرس جامع طالب ' +
  'مدين عاصم دول شعب جيش شرط قضاء قانون دستور حزب نائب لجن محكم مؤتمر اتفاق مفاوض أزم تقرير ' +
  'بيان وكال مراسل مصدر مسؤول شاهد حادث انفجار قصف هجوم سلام حرب لاجئ مخيم مساعد إغاث صح ' +
  'تعليم زراع صناع تجار سياح بطال فقر أجر ضريب موازن دين قرض بنك عمل مشروع طريق جسر مطار ميناء ' +
  'بحر نهر مطر ثلج حرار طقس بيئ تلوث طاق شمس رياح فريق مبارا بطول لاعب مدرب ملعب جمهور فن ثقاف ' +
  'كتاب معرض مسرح سينما موسيق شاعر روا صحف إعلام تلفزيون إذاع موقع منصة تطبيق هاتف شبك إنترنت'
).split(' ')
const PREFIXES = ['', '', '', 'ال', 'ال', 'وال', 'بال', 'لل', 'و', 'ف']
const SUFFIXES = ['', '', '', 'ة', 'ات', 'ون', 'ين', 'ها', 'ه', 'ي', 'يات']

function vocabulary(): string[] {
  const words: string[] = []
  for (const stem of STEMS) for (const p of PREFIXES) for (const s of SUFFIXES) words.push(p + stem + s)
  return [...new Set(words)]
}

/** A Zipf-distributed word from the vocabulary. */
function zipf(random: () => number, vocab: string[]): string {
  return vocab[Math.min(vocab.length - 1, Math.floor(Math.pow(random(), 3) * vocab.length))]!
}

export interface SearchBenchFigures {
  articles: number
  insertMs: number
  rebuildMs: number
  dbBytes: number
  queries: { name: string; query: string; hits: number; ipc: ReturnType<typeof summary>; bare: ReturnType<typeof summary> }[]
  /** One-slip and singular/plural queries (test/support/search-quality.ts), through the service with near matches; NaN on a kept database made before the set existed. */
  forgiving: { recall: number; missed: string[] }
  /** The quality set's queries, each relevant article placed among the generated ones: recall@10 as Qalam ranks, and ranking every match. */
  recall: { windowed: number; full: number; missed: string[] }
  /** The benchmark process's resident memory with the database open and searched (what the main process holds). */
  rssMiB: number
}

export async function benchSearch(count: number, repeats = 200, options: { rebuild?: boolean; keepDir?: string } = {}): Promise<SearchBenchFigures> {
  // QALAM_SEARCH_KEEP=<folder> keeps the generated articles there and reuses them on the next run.
  const keep = options.keepDir ?? process.env.QALAM_SEARCH_KEEP
  const data = keep === undefined ? tempDir('qalam-bench-search-') : { dir: keep, remove: () => undefined }
  const services = createServices({ dataDir: data.dir, platform: testPlatform(), mediaBaseUrl: 'x' })
  try {
    const db = services.store.connection()
    const existing = searchRepo.articleCount(db)
    const vocab = vocabulary()
    const spacing = Math.floor(count / QUALITY.length)
    const spacingF = Math.floor(count / FORGIVING.length)
    const relevant: string[] = []
    const random = mulberry32(42)
    const glue = newsParagraphs(400, 3).join(' ').split(/\s+/)
    const t0 = performance.now()
    for (let done = existing; done < count;) {
      db.transaction(() => {
        for (let k = 0; k < 1000 && done < count; k++, done++) {
          const length = 120 + Math.floor(random() * 280)
          const words: string[] = []
          for (let i = 0; i < length; i++) words.push(random() < 0.35 ? glue[Math.floor(random() * glue.length)]! : zipf(random, vocab))
          // One article in 20,000 mentions an earthquake: the rare term.
          if (done % 20_000 === 7) words.splice(10, 0, 'زلزال')
          // The quality set's articles, and the forgiving set's, spread evenly from the oldest to the newest.
          const quality = done % spacing === spacing - 1 ? QUALITY[Math.floor(done / spacing)] : undefined
          const forgiving = quality === undefined && done % spacingF === spacingF - 3 ? FORGIVING[Math.floor(done / spacingF)] : undefined
          const bodyText = quality?.doc ?? forgiving?.doc ?? words.join(' ')
          const title = quality !== undefined ? `خبر ${done}` : forgiving !== undefined ? `قريب ${done}` : words.slice(0, 8).join(' ')
          const now = Date.now()
          const article: Article = {
            id: `00000000-0000-4000-8000-${String(done).padStart(12, '0')}`,
            title,
            standfirst: '',
            body: '{"root":{"type":"root","children":[]}}',
            bodyText,
            meta: { ...EMPTY_META, byline: `مراسل ${done % 50}` },
            status: 'draft',
            wordCount: countWords(bodyText),
            caret: null,
            saveCount: 1,
            createdAt: now,
            updatedAt: now,
            trashedAt: null
          }
          articlesRepo.insertArticle(db, article)
          if (quality !== undefined) relevant.push(article.id)
        }
      })()
    }
    const insertMs = performance.now() - t0
    const t1 = performance.now()
    if (options.rebuild !== false && existing === 0) services.search.rebuild()
    const rebuildMs = options.rebuild === false ? NaN : performance.now() - t1
    db.pragma('wal_checkpoint(TRUNCATE)')
    const dbBytes = statSync(join(data.dir, 'qalam.db')).size

    const dispatch = createDispatcher(createHandlers(services))
    const cases = [
      { name: 'rare term', query: 'زلزال ' },
      { name: 'common term', query: 'الحكومة ' },
      { name: 'prefix (as you type)', query: 'الانتخا' },
      { name: 'two terms', query: 'وزير الاقتصاد ' },
      // «البرلمان» with a letter dropped: no exact hit, so the near match (one edit away, by fts5vocab) is looked up and searched.
      { name: 'one slip (near match)', query: 'البرلمن ' }
    ]
    const queries: SearchBenchFigures['queries'] = []
    for (const c of cases) {
      const match = parseQuery(c.query)!.match
      const ipc: number[] = []
      const bare: number[] = []
      let hits = 0
      for (let i = 0; i < repeats; i++) {
        // Interleaved, so both see the same cache and load.
        const a = performance.now()
        const answer = await dispatch('search:articles', { query: c.query, limit: 20 }, { trusted: true })
        ipc.push(performance.now() - a)
        if (answer.ok) hits = (answer.value as unknown[]).length
        const b = performance.now()
        searchRepo.bareMatch(db, match, 20)
        bare.push(performance.now() - b)
      }
      queries.push({ name: c.name, query: c.query.trim(), hits, ipc: summary(ipc), bare: summary(bare) })
    }
    if (relevant.length === 0) relevant.push(...(db.prepare("SELECT id FROM articles WHERE title LIKE 'خبر %' ORDER BY rowid").all() as { id: string }[]).map((r) => r.id))
    const misses = (window: number) =>
      QUALITY.filter((q, i) => !searchRepo.searchArticles(db, parseQuery(`${q.query} `)!.match, {}, 10, window).some((r) => r.id === relevant[i])).map((q) => q.query)
    const missed = misses(searchRepo.RANK_WINDOW)
    const recall = { windowed: 1 - missed.length / QUALITY.length, full: 1 - misses(Infinity).length / QUALITY.length, missed }
    // The forgiving set through the service, near matches included, as the search dialog shows them.
    const forgivingIds = (db.prepare("SELECT id FROM articles WHERE title LIKE 'قريب %' ORDER BY rowid").all() as { id: string }[]).map((r) => r.id)
    const forgivingMissed: string[] = []
    let forgivingAsked = 0
    FORGIVING.forEach((f, i) =>
      f.queries.forEach((query) => {
        forgivingAsked++
        if (!services.search.search(`${query} `, {}, 10).some((h) => h.id === forgivingIds[i])) forgivingMissed.push(query)
      })
    )
    const forgiving = { recall: forgivingIds.length === FORGIVING.length ? 1 - forgivingMissed.length / forgivingAsked : NaN, missed: forgivingMissed }
    return { articles: count, insertMs, rebuildMs, dbBytes, queries, recall, forgiving, rssMiB: process.memoryUsage().rss / 2 ** 20 }
  } finally {
    services.close()
    data.remove()
  }
}

/** Spell check of a 5,000-word article through the proofing service (its worker), and how long the main thread was held. */
export async function benchSpell(words: number, repeats = 5): Promise<{ first: number; runs: ReturnType<typeof summary>; findings: number; mainThreadMaxGap: number }> {
  const data = tempDir('qalam-bench-spell-')
  const services = createServices({ dataDir: data.dir, platform: testPlatform(), mediaBaseUrl: 'x' })
  try {
    // Real copy with slips in it: every 50th word loses a letter.
    const text = newsParagraphs(words, 11)
      .join('\n\n')
      .split(' ')
      .map((w, i) => (i % 50 === 25 && w.length > 4 ? w.slice(0, 2) + w.slice(3) : w))
      .join(' ')
    let maxGap = 0
    let last = performance.now()
    const ticker = setInterval(() => {
      const now = performance.now()
      maxGap = Math.max(maxGap, now - last)
      last = now
    }, 5)
    const t0 = performance.now()
    let findings = (await services.proofing.check(text)).length
    const first = performance.now() - t0
    const runs: number[] = []
    for (let i = 0; i < repeats; i++) {
      const a = performance.now()
      findings = (await services.proofing.check(text)).length
      runs.push(performance.now() - a)
    }
    clearInterval(ticker)
    return { first, runs: summary(runs), findings, mainThreadMaxGap: maxGap }
  } finally {
    services.close()
    data.remove()
  }
}
