import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { diffWords as jsdiffWords } from 'diff'
import { diffWords } from '@shared/review/diff'
import { newsParagraphs } from '../support/arabic-text'
import { servicesIn, testPlatform } from '../support/fixtures'
import { tempDir } from '../support/temp'
import { tinyPng } from '../support/images'
import { body, textOf } from '../support/lexical'
import { countWords } from '@shared/arabic/count'
import { mulberry32 } from '../support/random'
import { summary } from './stats'

/** A version of `text` with about `share` of its words changed and some harakat added, the way an editor's pass looks. */
function edited(text: string, share: number, seed = 11): string {
  const random = mulberry32(seed)
  return text
    .split(' ')
    .map((w) => {
      const r = random()
      if (r < share / 2) return `${w}ة`
      if (r < share) return `${w}َ`
      return w
    })
    .join(' ')
}

/** Word diff of two versions of an article: Qalam's (Arabic-aware tokens, optionally ignoring marks) against jsdiff's own diffWords. */
export function benchDiff(words: number, runs: number) {
  const before = newsParagraphs(words).join('\n\n')
  const after = edited(before, 0.04)
  const time = (f: () => unknown) => {
    const out: number[] = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      f()
      out.push(performance.now() - t0)
    }
    return summary(out)
  }
  time(() => diffWords(before, after))
  return {
    qalam: time(() => diffWords(before, after)),
    ignoring: time(() => diffWords(before, after, { ignoreMarks: true })),
    jsdiff: time(() => jsdiffWords(before, after))
  }
}

/** Export and import of a 5,000-word article with images and revisions, on real SQLite files. */
export function benchBundle(words: number, revisions: number) {
  const dirs = [tempDir(), tempDir()]
  const a = servicesIn(dirs[0]!.dir, testPlatform())
  const b = servicesIn(dirs[1]!.dir, testPlatform())
  try {
    const article = a.articles.create('مقالة طويلة')
    const paragraphs = newsParagraphs(words)
    const images = [0, 1, 2].map((i) => {
      const path = join(dirs[0]!.dir, `img${i}.png`)
      writeFileSync(path, tinyPng(800, 500, [40 * i, 90, 120]))
      return a.media.importFile(path).id
    })
    const doc = JSON.parse(body(...paragraphs)) as { root: { children: unknown[] } }
    images.forEach((id, i) => doc.root.children.splice(i * 20, 0, { type: 'qalam-image', version: 1, mediaId: id, alt: 'صورة', caption: 'تعليق' }))
    const json = JSON.stringify(doc)
    const save = (s: typeof a, j: string) => {
      const current = s.articles.get(article.id)
      const text = textOf(j)
      s.articles.save({ id: article.id, title: current.title, standfirst: '', body: j, bodyText: text, wordCount: countWords(text), meta: current.meta, caret: null })
    }
    save(a, json)
    for (let i = 0; i < revisions; i++) a.revisions.createManual(article.id)
    let t0 = performance.now()
    const bytes = a.bundles.exportBundle(article.id)
    const exportMs = performance.now() - t0
    t0 = performance.now()
    b.bundles.importBundle(bytes)
    const importMs = performance.now() - t0
    // The editor changes one paragraph, the reporter another; the reporter imports the editor's file.
    save(b, json.replace(paragraphs[3]!, `${paragraphs[3]!} إضافة المحررة.`))
    save(a, json.replace(paragraphs[40]!, `${paragraphs[40]!} إضافة المراسلة.`))
    const back = b.bundles.exportBundle(article.id)
    t0 = performance.now()
    const merged = a.bundles.importBundle(back)
    const mergeMs = performance.now() - t0
    return { bytes: bytes.length, jsonBytes: Buffer.byteLength(json), exportMs, importMs, mergeMs, outcome: merged.outcome }
  } finally {
    a.close()
    b.close()
    dirs.forEach((d) => d.remove())
  }
}
