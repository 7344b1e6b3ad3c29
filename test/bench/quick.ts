/**
 * `npm run bench -- quick`: the figures every change that touches a measured path
 * is checked against (autosave, open, typing, search, spell check, start), each with
 * its target, ratios measured in the same run. `--fast` measures fewer rounds (under
 * a minute); `--markdown` prints the section BENCHMARKS.md carries.
 */
import { benchAutosave } from './autosave'
import { benchOpen, benchPlainContentEditable, benchTyping } from './typing'
import { benchSearch, benchSpell } from './search'
import { benchRendererHeap, benchStart } from './start'
import type { Figure } from './figures'

export async function quickFigures(fast: boolean): Promise<Figure[]> {
  const figures: Figure[] = []
  const add = (f: Figure) => figures.push(f)

  const a = await benchAutosave(5000, fast ? 100 : 300)
  add({
    section: 'Autosave, 5,000 words',
    name: 'service p95 / bare better-sqlite3 p95',
    value: a.service.p95 / a.bare.p95,
    unit: '×',
    target: 1.5,
    note: `service p95 ${a.service.p95.toFixed(2)} ms, bare ${a.bare.p95.toFixed(2)} ms`
  })
  add({ section: 'Autosave, 5,000 words', name: 'through IPC (schema check) p95 / bare p95', value: a.ipc.p95 / a.bare.p95, unit: '×', note: `IPC p95 ${a.ipc.p95.toFixed(2)} ms` })
  add({
    section: 'Autosave, 5,000 words',
    name: 'bare, encrypted as the store is (SQLCipher 4) p95 / bare plain p95',
    value: a.encrypted.p95 / a.bare.p95,
    unit: '×',
    note: `encrypted p95 ${a.encrypted.p95.toFixed(2)} ms`
  })

  const open = await benchOpen(5000, fast ? 10 : 30)
  add({ section: 'Open', name: 'a 5,000-word article from the list to an editable caret, p95', value: open.p95, unit: 'ms', target: 150 })

  const typing = await benchTyping([1000, 20000], fast ? 150 : 400)
  const plain = await benchPlainContentEditable([1000, 20000], fast ? 150 : 400)
  const [small, big] = [typing[0]!, typing[1]!]
  const [plainSmall, plainBig] = [plain[0]!, plain[1]!]
  const frame = 'half a frame at 60 Hz: the rest is Chromium’s layout and paint'
  add({ section: 'Typing (beforeinput → Lexical commit)', name: 'p95 at 1,000 words', value: small.p95, unit: 'ms', target: 8.3, note: frame })
  add({ section: 'Typing (beforeinput → Lexical commit)', name: 'p95 at 20,000 words', value: big.p95, unit: 'ms', target: 8.3, note: frame })
  // Chromium's own editing grows with the document (a plain contenteditable, same paragraphs, same keys): what is
  // Qalam's is how much faster Qalam's latency grows than that.
  add({
    section: 'Typing (beforeinput → Lexical commit)',
    name: 'growth 1,000 → 20,000 words (p95 ratio) / a plain contenteditable’s growth',
    value: big.p95 / small.p95 / (plainBig.p95 / plainSmall.p95),
    unit: '×',
    target: 1.3,
    note: `Qalam ${(big.p95 / small.p95).toFixed(2)}×, plain contenteditable ${(plainBig.p95 / plainSmall.p95).toFixed(2)}× (p95 ${plainSmall.p95.toFixed(1)} → ${plainBig.p95.toFixed(1)} ms)`
  })

  const search = await benchSearch(10_000, fast ? 30 : 100, { rebuild: false })
  for (const q of search.queries)
    add({
      section: 'Search, 10,000 articles, through IPC',
      name: `${q.name} «${q.query}», p95`,
      value: q.ipc.p95,
      unit: 'ms',
      target: 50,
      note: `ranking every match: ${q.bare.p95.toFixed(1)} ms`
    })
  add({
    section: 'Search, 10,000 articles, through IPC',
    name: 'recall@10 of the quality set placed among them, as ranked (newest 4,000 matches) / ranking every match',
    value: search.recall.windowed / search.recall.full,
    unit: '×',
    target: 1,
    atLeast: true,
    note:
      `as ranked ${search.recall.windowed.toFixed(2)}, every match ${search.recall.full.toFixed(2)}` +
      (search.recall.missed.length === 0 ? '' : `; missed: ${search.recall.missed.map((q) => `«${q}»`).join(' ')} (words thousands of generated articles share)`) +
      '; among 30 other articles (test/main/services/search.test.ts) 1.00'
  })

  add({
    section: 'Search, 10,000 articles, through IPC',
    name: 'recall@10 of one-slip and singular/plural queries placed among them (near matches included)',
    value: search.forgiving.recall,
    unit: '',
    target: 0.9,
    atLeast: true,
    note: search.forgiving.missed.length === 0 ? '' : `missed: ${search.forgiving.missed.map((q) => `«${q}»`).join(' ')}`
  })

  const spell = await benchSpell(5000, fast ? 3 : 5)
  add({ section: 'Spell check', name: 'a 5,000-word article, p95 (worker thread)', value: spell.runs.p95, unit: 'ms', target: 200 })
  add({ section: 'Spell check', name: 'longest the main thread was held meanwhile', value: spell.mainThreadMaxGap, unit: 'ms', target: 50 })

  const start = await benchStart(5000, fast ? 3 : 8)
  add({
    section: 'Start',
    name: 'services → page → last article (5,000 words) editable, p95',
    value: start.total.p95,
    unit: 'ms',
    target: 1800,
    note: 'no slower than VS Code opening an editor (about 1.8 s)'
  })
  add({ section: 'Start', name: 'of which in the page (navigation → editable caret), p95', value: start.page.p95, unit: 'ms' })
  const heap = await benchRendererHeap(20_000)
  add({ section: 'Memory', name: 'renderer JavaScript heap, 20,000-word article open', value: heap, unit: 'MiB', target: 150 })
  return figures
}
