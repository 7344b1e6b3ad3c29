/**
 * Autosave of a 5,000-word article (JSON state, text, counts and revision
 * bookkeeping) through the real service and through the IPC dispatcher, against
 * a bare better-sqlite3 script writing the same row with the same pragmas.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { draftOf, servicesIn, testPlatform } from '../support/fixtures'
import { tempDir } from '../support/temp'
import { newsParagraphs } from '../support/arabic-text'
import { createDispatcher } from '@main/ipc/dispatch'
import { createHandlers } from '@main/ipc/handlers'
import { summary } from './stats'

export async function benchAutosave(words: number, saves: number) {
  const tmp = tempDir()
  let clock = Date.now()
  const services = servicesIn(tmp.dir, testPlatform({ clock: { now: () => (clock += 1000) } }))
  const dispatch = createDispatcher(createHandlers(services))
  const id = services.articles.create('مقال طويل').id
  const paragraphs = newsParagraphs(words, 11)
  const drafts = Array.from({ length: 8 }, (_, k) => {
    return draftOf(id, 'مقال طويل', ...paragraphs.map((p, i) => (i === k ? `${p} تعديل ${k}` : p)))
  })

  // The same row, written by a bare script with the same pragmas.
  const bare = new Database(join(tmp.dir, 'bare.db'))
  bare.pragma('journal_mode = WAL')
  bare.pragma('synchronous = FULL')
  bare.exec(`CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, standfirst TEXT, body TEXT, body_text TEXT, word_count INTEGER,
    caret TEXT, save_count INTEGER, updated_at INTEGER) STRICT`)
  bare.prepare(`INSERT INTO articles VALUES (?, '', '', '{}', '', 0, NULL, 0, 0)`).run(id)
  const update = bare.prepare(
    `UPDATE articles SET title = ?, standfirst = ?, body = ?, body_text = ?, word_count = ?, caret = ?, save_count = save_count + 1, updated_at = ? WHERE id = ?`
  )

  // Interleaved, so that whatever else the machine does weighs on all three alike.
  const serviceTimes: number[] = []
  const ipcTimes: number[] = []
  const bareTimes: number[] = []
  for (let i = 0; i < saves; i++) {
    const draft = drafts[i % drafts.length]!
    let t0 = performance.now()
    update.run(draft.title, draft.standfirst, draft.body, draft.bodyText, draft.wordCount, null, Date.now(), id)
    bareTimes.push(performance.now() - t0)
    t0 = performance.now()
    services.articles.save(draft)
    serviceTimes.push(performance.now() - t0)
    t0 = performance.now()
    const answer = await dispatch('articles:save', drafts[(i + 3) % drafts.length], { trusted: true })
    ipcTimes.push(performance.now() - t0)
    if (!answer.ok) throw new Error(answer.error.message)
  }
  services.close()
  bare.close()
  tmp.remove()
  return {
    bodyBytes: Buffer.byteLength(drafts[0]!.body),
    service: summary(serviceTimes),
    ipc: summary(ipcTimes),
    bare: summary(bareTimes)
  }
}
