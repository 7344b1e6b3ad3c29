/**
 * Autosave of a 5,000-word article (JSON state, text, counts and revision
 * bookkeeping) through the real service and through the IPC dispatcher, against
 * a bare better-sqlite3 script writing the same row with the same pragmas, plain (the
 * target's baseline: the service pays for the encryption too) and encrypted the way the
 * store is (SQLCipher 4, secure_delete), to show what the encryption itself costs.
 */
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { applyKey } from '@main/store/connection'
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

  // The same row, written by bare scripts with the same pragmas: plain, and encrypted as the store is.
  const bareDb = (file: string, key?: Buffer) => {
    const db = new Database(join(tmp.dir, file))
    if (key !== undefined) {
      applyKey(db, key)
      db.pragma('secure_delete = ON')
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(`CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, standfirst TEXT, body TEXT, body_text TEXT, word_count INTEGER,
    caret TEXT, save_count INTEGER, updated_at INTEGER) STRICT`)
    db.prepare(`INSERT INTO articles VALUES (?, '', '', '{}', '', 0, NULL, 0, 0)`).run(id)
    return {
      db,
      update: db.prepare(
        `UPDATE articles SET title = ?, standfirst = ?, body = ?, body_text = ?, word_count = ?, caret = ?, save_count = save_count + 1, updated_at = ? WHERE id = ?`
      )
    }
  }
  const plain = bareDb('bare.db')
  const sealed = bareDb('bare-encrypted.db', randomBytes(32))
  const bare = plain.db
  const update = plain.update

  // Interleaved, so that whatever else the machine does weighs on all three alike.
  const serviceTimes: number[] = []
  const ipcTimes: number[] = []
  const bareTimes: number[] = []
  const encryptedTimes: number[] = []
  for (let i = 0; i < saves; i++) {
    const draft = drafts[i % drafts.length]!
    let t0 = performance.now()
    update.run(draft.title, draft.standfirst, draft.body, draft.bodyText, draft.wordCount, null, Date.now(), id)
    bareTimes.push(performance.now() - t0)
    t0 = performance.now()
    sealed.update.run(draft.title, draft.standfirst, draft.body, draft.bodyText, draft.wordCount, null, Date.now(), id)
    encryptedTimes.push(performance.now() - t0)
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
  sealed.db.close()
  tmp.remove()
  return {
    bodyBytes: Buffer.byteLength(drafts[0]!.body),
    service: summary(serviceTimes),
    ipc: summary(ipcTimes),
    bare: summary(bareTimes),
    encrypted: summary(encryptedTimes)
  }
}
