/**
 * `npm run bench`: prints figures and ratios. Never fails on time; targets are
 * printed beside the figures for a person to read.
 */
import { cpus, totalmem } from 'node:os'
import { benchTyping, benchOpen, benchPlainContentEditable } from './typing'
import { benchAutosave } from './autosave'
import { runCrashLoop } from '../support/crash-loop'
import { tempDir } from '../support/temp'
import { ms } from './stats'
import { benchFaults, benchImport, benchPush, startWordPress } from './sync'
import { wordpressInstalled } from '../support/wordpress'
import { benchSearch, benchSpell } from './search'
import { benchBundle, benchDiff } from './review'
import { quickFigures } from './quick'
import { markdownFigures, printFigures } from './figures'
import { benchCodec } from './codec'
import { benchSpellReal } from './spell-real'
import { benchNetwork, NETWORK_PHOTOS, type NetworkRun } from './network'

function printNetwork(runs: NetworkRun[], version: string, bridge: boolean): void {
  const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`
  console.log(
    `\nA bad link (256 kbit/s up, 1 Mbit/s down, 600 ms round trip, 2 % of connections reset + one forced mid-photo), WordPress ${version}, ${bridge ? 'with the companion plugin (photos in pieces)' : 'without the companion plugin (photos whole)'}`
  )
  console.log(`  a new 1,500-word article with four originals (${NETWORK_PHOTOS.join(', ')})`)
  for (const r of runs) {
    console.log(`  ${r.route === 'direct' ? 'straight to the site' : 'through SOCKS5 (Tor), site named to the proxy'}:`)
    const waited = Math.max(0, r.syncRuns - 1) * 2
    console.log(
      `    completes: ${r.completed ? 'yes' : 'NO'} in ${r.syncRuns} sync(s); wall ${(r.wallMs / 1000).toFixed(1)} s, ideal ${(r.idealMs / 1000).toFixed(1)} s: ${(r.wallMs / r.idealMs).toFixed(2)}× (target ≤ 1.5×)${waited > 0 ? `; of the wall, ${waited} s between syncs while a cut upload settled (the site is given 10 s here, 2 min in the app, to show it before Qalam sends again)` : ''}`
    )
    console.log(
      `    on the wire: ${kb(r.up)} up, ${kb(r.down)} down; up / originals ${kb(r.up)} / ${kb(r.originals)} = ${(r.up / r.originals).toFixed(2)} (target ≤ 0.30 at 2048 px); photos as sent ${kb(r.photosSent)} (${(r.photosSent / r.originals).toFixed(2)} of the originals)`
    )
    console.log(
      `    wasted on attempts that did not land: ${kb(r.wasted)} = ${((100 * r.wasted) / Math.max(1, r.up)).toFixed(1)} % of what went up (target ≤ 10 %); ${r.resets} reset(s) of ${r.connections} connection(s), ${r.requests} requests`
    )
    console.log(
      `    on the site: ${r.posts} post(s) showing ${r.shown} of 4 images, ${r.media} attachment(s) made (duplicates: ${Math.max(0, r.posts - 1) + Math.max(0, r.media - 4)}, target 0)`
    )
    if (r.route === 'socks5') console.log(`    connections not through the proxy: ${r.direct}; DNS lookups here: ${r.lookups} (target 0 and 0)`)
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flags = new Set(args.filter((a) => a.startsWith('--')))
  const only = args.filter((a) => !a.startsWith('--'))
  const want = (name: string) => only.length === 0 || only.includes(name)
  const machine = `${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
  console.log(`Qalam benchmarks — ${new Date().toISOString()} — ${machine}`)

  if (only.includes('quick')) {
    const fast = flags.has('--fast')
    const t0 = performance.now()
    const figures = await quickFigures(fast)
    printFigures(figures)
    console.log(`\nquick bench${fast ? ' --fast' : ''}: ${((performance.now() - t0) / 1000).toFixed(0)} s`)
    if (flags.has('--markdown')) console.log(`\n${markdownFigures(`Quick bench (\`npm run bench -- quick${fast ? ' --fast' : ''}\`)`, figures, machine)}`)
    return
  }

  if (want('codec')) {
    const c = benchCodec()
    if (c === null) console.log('\nCodec: ../shared/fixtures/gutenberg not found on this machine; skipped')
    else {
      const pct = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)} %)`
      console.log(`\nCodec against Gutenberg's own fixtures (${c.files} files, ${c.blocks} top-level blocks)`)
      console.log(
        `  open without error ${pct(c.parsed, c.files)}, same blocks in order ${pct(c.sameBlocks, c.files)}, text kept ${pct(c.textKept, c.files)}, untouched round trip byte-identical ${pct(c.byteIdentical, c.files)} (target 100 %)`
      )
      console.log(`  blocks of the types Qalam edits opening editable: ${pct(c.editable, c.editedTypeBlocks)} (target ≥ 90 %)`)
      for (const r of c.readOnly) console.log(`    read-only: ${r.file} (${r.name}): ${r.reason}`)
      console.log(`  pieces of classic fixtures (no block delimiters) opening editable: ${pct(c.classicEditable, c.classicPieces)}`)
      console.log(
        `  WordPress's block validator on every fixture block Qalam opens, edited and written back: ${c.validator.invalid} invalid of ${c.validator.edited} (target 0; ${c.validator.skippedInvalidBefore} already invalid before Qalam touched them, kept byte for byte)`
      )
      console.log(`  parse of the largest fixture (${c.largest.name}, ${(c.largest.bytes / 1024).toFixed(1)} KiB): p50 ${ms(c.largest.p50)}  p95 ${ms(c.largest.p95)}`)
    }
  }

  if (want('typing')) {
    const results = await benchTyping([1000, 5000, 20000], 500)
    console.log('\nTyping latency (beforeinput → Lexical commit), 500 keystrokes each')
    for (const r of results) console.log(`  ${String(r.words).padStart(6)} words: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)}  (n=${r.keystrokes})`)
    const small = results.find((r) => r.words === 1000)!
    const mid = results.find((r) => r.words === 5000)!
    const big = results.find((r) => r.words === 20000)!
    console.log(`  target p95 ≤ 8 ms at 5,000 words: ${ms(mid.p95)}`)
    console.log(`  ratio p95 20,000 / 1,000 words: ${(big.p95 / small.p95).toFixed(2)}× (target ≤ 1.3×)`)
    const plain = await benchPlainContentEditable([1000, 20000], 500)
    const [p1, p20] = [plain[0]!, plain[1]!]
    console.log('  baseline, a plain contenteditable with the same paragraphs (beforeinput → input, no Lexical):')
    for (const r of plain) console.log(`  ${String(r.words).padStart(6)} words: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}`)
    console.log(`  baseline ratio p95 20,000 / 1,000 words: ${(p20.p95 / p1.p95).toFixed(2)}×`)
  }

  if (want('open')) {
    const open = await benchOpen(5000, 30)
    console.log('\nOpen a 5,000-word article from the list until the caret is editable (30 opens)')
    console.log(`  p50 ${ms(open.p50)}  p95 ${ms(open.p95)}  max ${ms(open.max)}  (target p95 ≤ 150 ms)`)
  }

  if (want('autosave')) {
    const a = await benchAutosave(5000, 500)
    console.log(`\nAutosave of a 5,000-word article (${(a.bodyBytes / 1024).toFixed(0)} KiB of Lexical JSON), 500 saves each, interleaved, synchronous=FULL`)
    console.log(`  service         p50 ${ms(a.service.p50)}  p95 ${ms(a.service.p95)}`)
    console.log(`  through IPC     p50 ${ms(a.ipc.p50)}  p95 ${ms(a.ipc.p95)}  (schema validation included)`)
    console.log(`  bare SQLite     p50 ${ms(a.bare.p50)}  p95 ${ms(a.bare.p95)}`)
    console.log(`  ratio p95 service / bare: ${(a.service.p95 / a.bare.p95).toFixed(2)}×, IPC / bare: ${(a.ipc.p95 / a.bare.p95).toFixed(2)}× (target ≤ 1.5×)`)
  }

  if (want('crash')) {
    const tmp = tempDir()
    const kills = Number(process.env.QALAM_CRASH_KILLS ?? 100)
    const t0 = performance.now()
    const r = await runCrashLoop(tmp.dir, kills)
    tmp.remove()
    console.log(`\nCrash safety: ${r.kills} SIGKILLs while typing (seed ${r.seed}), ${r.acknowledged} saves acknowledged`)
    console.log(`  lost acknowledged saves: ${r.lost}, corrupt databases: ${r.corrupt} (target 0 and 0) — ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  }

  if (want('search')) {
    const count = Number(process.env.QALAM_SEARCH_ARTICLES ?? 100_000)
    const s = await benchSearch(count)
    console.log(`\nSearch: ${s.articles.toLocaleString('en')} generated Arabic articles (Zipf over a derived vocabulary)`)
    console.log(
      `  insert with indexing in the same transactions: ${(s.insertMs / 1000).toFixed(1)} s; index rebuild: ${(s.rebuildMs / 1000).toFixed(1)} s; database ${(s.dbBytes / 2 ** 20).toFixed(0)} MiB`
    )
    for (const q of s.queries) {
      console.log(
        `  ${q.name.padEnd(22)} «${q.query}» ${String(q.hits).padStart(2)} hits: through IPC p50 ${ms(q.ipc.p50)} p95 ${ms(q.ipc.p95)} (target ≤ 50 ms); every match ranked (bare FTS5 bm25) p50 ${ms(q.bare.p50)} p95 ${ms(q.bare.p95)}`
      )
    }
    console.log(
      `  recall@10 of the quality set spread through them: ${s.recall.windowed.toFixed(2)} as ranked, ${s.recall.full.toFixed(2)} ranking every match; missed ${s.recall.missed.map((q) => `«${q}»`).join(' ')}`
    )
    console.log(
      `  recall@10 of one-slip and singular/plural queries (near matches included): ${s.forgiving.recall.toFixed(2)} (target ≥ 0.9)${s.forgiving.missed.length === 0 ? '' : `; missed ${s.forgiving.missed.map((q) => `«${q}»`).join(' ')}`}`
    )
    console.log(`  the benchmark process's resident memory (the main process's share) with the database open and searched: ${s.rssMiB.toFixed(0)} MiB`)
  }

  if (want('spell')) {
    const sp = await benchSpell(5000)
    console.log(
      `\nSpell check + editorial checks of a 5,000-word article (worker thread): first ${ms(sp.first)} (word lists decoded), then p50 ${ms(sp.runs.p50)} p95 ${ms(sp.runs.p95)} (target ≤ 200 ms); ${sp.findings} findings`
    )
    console.log(`  longest the main thread was held meanwhile: ${ms(sp.mainThreadMaxGap)}`)
  }

  if (only.includes('spell-real')) {
    // `npm run bench -- spell-real [file.tsv]`: only when asked (it reads an outside corpus).
    const file = only.find((a) => a.endsWith('.tsv'))
    const r = await benchSpellReal(file)
    if (r === null) console.log(`\nSpell check on real errors: ${file ?? '../shared/corpora/zaebuc-typos.tsv'} not found; skipped`)
    else {
      const pct = (n: number, of: number) => `${n}/${of} (${of === 0 ? '—' : ((100 * n) / of).toFixed(1)} %)`
      console.log(`\nSpell check on real errors (${r.file}), empty newsroom dictionary`)
      console.log(`  recall on misspellings that are not real words: ${pct(r.flagged, r.errors)} (target ≥ 85 %); all misspellings ${pct(r.allFlagged, r.allErrors)}`)
      console.log(
        `  right form first: ${pct(r.top1, r.flagged)} (target ≥ 60 %); in the first five: ${pct(r.top5, r.flagged)} (target ≥ 85 %); ${ms(r.msPerSuggestion)} a suggestion`
      )
      console.log(`  false alarms on correct words: ${pct(r.correctFlagged, r.correctWords)} (target ≤ 1 %)`)
      console.log(
        `  false alarms in running text: ${((100 * r.runningFlagged) / Math.max(1, r.runningWords)).toFixed(2)} per 100 words (${r.runningFlagged} of ${r.runningWords}; target ≤ 0.5)`
      )
      for (const [tag, t] of [...r.byTag].sort((a, b) => b[1].n - a[1].n)) {
        console.log(`    ${tag.padEnd(8)} ${String(t.n).padStart(3)} errors: flagged ${pct(t.flagged, t.n)}, first ${t.top1}, first five ${t.top5}`)
      }
    }
  }

  if (want('review')) {
    const d = benchDiff(5000, 30)
    console.log('\nWord diff of two versions of a 5,000-word article (4 % of words changed), 30 runs')
    console.log(`  Qalam (Arabic-aware tokens)      p50 ${ms(d.qalam.p50)}  p95 ${ms(d.qalam.p95)}`)
    console.log(`  Qalam, ignoring tashkeel/tatweel p50 ${ms(d.ignoring.p50)}  p95 ${ms(d.ignoring.p95)}`)
    console.log(`  jsdiff diffWords (its own tokens) p50 ${ms(d.jsdiff.p50)}  p95 ${ms(d.jsdiff.p95)}`)
    console.log(`  ratio p95 Qalam / jsdiff diffWords: ${(d.qalam.p95 / d.jsdiff.p95).toFixed(2)}×`)
    const b = benchBundle(5000, 50)
    console.log('\n.qalam bundle of a 5,000-word article with 3 images and 50 versions')
    console.log(
      `  file ${(b.bytes / 1024).toFixed(0)} KiB (body JSON alone ${(b.jsonBytes / 1024).toFixed(0)} KiB); export ${ms(b.exportMs)}, import as new ${ms(b.importMs)}, import merging two edits ${ms(b.mergeMs)} (${b.outcome})`
    )
  }

  if (only.includes('network')) {
    // `npm run bench -- network`: only when asked (several minutes on a 256 kbit/s uplink).
    if (!wordpressInstalled()) console.log('\nNetwork: skipped, WordPress is not installed (bash scripts/test-deps.sh)')
    else {
      // With the companion plugin (uploads in pieces), then without it (a photo goes whole, as WordPress takes it).
      for (const bridge of [true, false]) {
        const wp = await startWordPress({ bridge })
        try {
          const runs = await benchNetwork(wp)
          if (runs === null) console.log('\nNetwork: ../shared/fixtures/photos not found on this machine; skipped')
          else printNetwork(runs, wp.version, bridge)
        } finally {
          await wp.stop()
        }
      }
    }
  }

  if (want('sync')) {
    if (!wordpressInstalled()) {
      console.log('\nSync: skipped, WordPress is not installed (apt-get install wordpress php-cli php-mysql mariadb-server)')
      return
    }
    // A fresh site for each figure, so one does not count the other's posts.
    let wp = await startWordPress()
    try {
      const imp = await benchImport(wp, 1000)
      console.log(`\nImport ${imp.posts} posts from the local WordPress`)
      console.log(`  ${imp.requests} HTTP requests (target ceil(1000/100) = 10 plus a small constant), ${(imp.ms / 1000).toFixed(2)} s`)
      console.log(`  then a sync with nothing changed (1,000 linked articles): ${imp.idleSyncRequests} requests (target ≤ 2 per site), ${ms(imp.idleSyncMs)}`)
    } finally {
      await wp.stop()
    }
    wp = await startWordPress()
    try {
      const push = await benchPush(wp, 100)
      console.log(`\nPush ${push.drafts} new drafts (best of 3, same run)`)
      console.log(`  Qalam sync: ${ms(push.qalamMs)} in ${push.qalamRequests} requests (outbox written before each, /batch/v1 of 25)`)
      console.log(`  hand-written script, one POST each: ${ms(push.scriptMs)} in ${push.scriptRequests} requests`)
      console.log(`  the same script with /batch/v1: ${ms(push.batchScriptMs)} in ${push.batchScriptRequests} requests`)
      console.log(
        `  ratio Qalam / one-POST-each script: ${(push.qalamMs / push.scriptMs).toFixed(2)}× (target ≤ 1.2×); Qalam / batch script: ${(push.qalamMs / push.batchScriptMs).toFixed(2)}×`
      )
    } finally {
      await wp.stop()
    }
    wp = await startWordPress()
    try {
      const seed = Number(process.env.QALAM_FAULT_SEED ?? Date.now() % 1_000_000)
      const schedules = Number(process.env.QALAM_FAULT_SCHEDULES ?? 50)
      const f = await benchFaults(wp, schedules, seed)
      console.log(`\nRandomized fault schedules through the loopback proxy: ${f.schedules} schedules, seed ${f.seed} (replay: QALAM_FAULT_SEED=${f.seed})`)
      console.log(
        `  ${f.faults} faults injected (resets, delays, answers too late for Qalam's 1.5 s timeout, lost answers, 500, 502, 429); slowest convergence: ${f.maxRunsToConverge} sync(s) after the faults stopped; ${(f.ms / 1000).toFixed(0)} s`
      )
      console.log(`  articles that waited for a cut-off send instead of sending again: ${f.waitedForSite}; late copies moved out of the way: ${f.removedCopies}`)
      console.log(`  schedules with duplicates, missing posts, duplicate media, lost or stale edits: ${f.failedSchedules.length} (target 0)`)
      for (const bad of f.failedSchedules) console.log(`    seed ${bad.seed}: ${JSON.stringify(bad.result)}`)
    } finally {
      await wp.stop()
    }
  }
}

void main()
