import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '@main/store/migrations'
import { LATEST_SCHEMA_VERSION, migrate } from '@main/store/migrate'

const tables = (db: Database.Database) => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]

describe('migrations', () => {
  it('are numbered in increasing order and name themselves', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1))
  })

  for (const migration of MIGRATIONS.filter((m) => m.dataOnly !== true)) {
    it(`${String(migration.version).padStart(4, '0')}-${migration.name} applies on top of the ones before it`, () => {
      const db = new Database(':memory:')
      for (const earlier of MIGRATIONS.filter((m) => m.version < migration.version)) earlier.up(db)
      const before = JSON.stringify(tables(db))
      migration.up(db)
      expect(JSON.stringify(tables(db))).not.toBe(before)
      db.close()
    })
  }

  it('brings an empty database to the latest version with STRICT tables only', () => {
    const db = new Database(':memory:')
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    // FTS5's own tables (the virtual tables and the index's shadow tables) are SQLite's, not STRICT by design.
    const virtual = tables(db).filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql))
    expect(virtual.map((t) => t.name)).toEqual(['articles_fts', 'articles_vocab'])
    const ours = tables(db).filter((t) => !t.name.startsWith('articles_fts') && !virtual.some((v) => v.name === t.name))
    for (const { name, sql } of ours) expect(sql, name).toMatch(/\)\s*STRICT\s*$/)
    expect(ours.map((t) => t.name)).toEqual([
      'article_signers',
      'article_sync',
      'articles',
      'known_signers',
      'media',
      'media_discard',
      'media_uploads',
      'newsroom_words',
      'private_notes',
      'review_comments',
      'revisions',
      'search_pending',
      'settings',
      'signing_identity',
      'site_notes',
      'site_terms',
      'sites',
      'status_history',
      'sync_doubts',
      'sync_outbox'
    ])
    // Running again changes nothing.
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION)
    db.close()
  })

  it('keeps every revision when 0060 rebuilds the table for the new reason', () => {
    const db = new Database(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < 60)) m.up(db)
    db.prepare(
      "INSERT INTO articles (id, title, standfirst, body, body_text, byline, dateline, categories, tags, slug, label, status, word_count, caret, save_count, created_at, updated_at, trashed_at) VALUES ('a', 't', '', '{}', '', '', '', '[]', '[]', '', '', 'draft', 0, NULL, 0, 1, 1, NULL)"
    ).run()
    db.prepare("INSERT INTO revisions VALUES ('r', 'a', 'manual', 1, 'ع', '', '{}', 'نص', '{}', 1)").run()
    MIGRATIONS.find((m) => m.version === 60)!.up(db)
    expect(db.prepare('SELECT id, reason, body_text FROM revisions').all()).toEqual([{ id: 'r', reason: 'manual', body_text: 'نص' }])
    db.prepare("INSERT INTO revisions VALUES ('s', 'a', 'before-sync', 2, 'ع', '', '{}', 'نص', '{}', 1)").run()
    db.close()
  })

  it('keeps every revision and site when 0100 adds review tables and revision reasons', () => {
    const db = new Database(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < 100)) m.up(db)
    db.prepare(
      "INSERT INTO articles (id, title, standfirst, body, body_text, byline, dateline, categories, tags, slug, label, status, word_count, caret, save_count, created_at, updated_at, trashed_at) VALUES ('a', 't', '', '{}', '', '', '', '[]', '[]', '', '', 'draft', 0, NULL, 0, 1, 1, NULL)"
    ).run()
    db.prepare("INSERT INTO revisions VALUES ('r', 'a', 'before-sync', 1, 'ع', '', '{}', 'نص', '{}', 1)").run()
    MIGRATIONS.find((m) => m.version === 100)!.up(db)
    expect(db.prepare('SELECT id, reason FROM revisions').all()).toEqual([{ id: 'r', reason: 'before-sync' }])
    db.prepare("INSERT INTO revisions VALUES ('e', 'a', 'exported', 2, 'ع', '', '{}', 'نص', '{}', 1)").run()
    db.prepare("INSERT INTO review_comments VALUES ('c', 'a', 'c', 'س', 'تعليق', '', 1, 1, 0, '', 0)").run()
    db.prepare("INSERT INTO status_history VALUES ('h', 'a', 'draft', 'submitted', 'س', 1, '')").run()
    // Deleting the article takes its review with it.
    db.pragma('foreign_keys = ON')
    db.prepare("DELETE FROM articles WHERE id = 'a'").run()
    expect(db.prepare('SELECT count(*) AS n FROM review_comments').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM status_history').get()).toEqual({ n: 0 })
    db.close()
  })

  it('0140 blanks what deleted comments said, and leaves the others and the threads alone', () => {
    const db = new Database(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < 140)) m.up(db)
    db.pragma('foreign_keys = OFF')
    const add = db.prepare("INSERT INTO review_comments VALUES (?, 'a', 't', 'سلمى', ?, ?, 0, 0, 0, '', ?)")
    add.run('kept', 'نص باق', 'اقتباس', 0)
    add.run('gone', 'كلام محذوف عن المصدر', 'اقتباس من المصدر', 1)
    MIGRATIONS.find((m) => m.version === 140)!.up(db)
    expect(db.prepare('SELECT id, body, quote FROM review_comments ORDER BY id').all()).toEqual([
      { id: 'gone', body: '', quote: '' },
      { id: 'kept', body: 'نص باق', quote: 'اقتباس' }
    ])
    db.close()
  })

  it('refuses to go backwards from a newer schema', () => {
    const db = new Database(':memory:')
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`)
    expect(() => migrate(db)).toThrow(/newer/)
    expect(tables(db)).toEqual([])
    db.close()
  })

  it('rolls back every step of a run when one fails', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE revisions (x INTEGER) STRICT') // makes 0020 fail after 0010 ran
    expect(() => migrate(db)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(tables(db).map((t) => t.name)).toEqual(['revisions'])
    db.close()
  })

  it('enforces the article status and JSON columns', () => {
    const db = new Database(':memory:')
    migrate(db)
    const insert = (status: string, tags: string) =>
      db.prepare(`INSERT INTO articles (id, body, status, tags, created_at, updated_at) VALUES (?, '{}', ?, ?, 1, 1)`).run(crypto.randomUUID(), status, tags)
    expect(() => insert('draft', '[]')).not.toThrow()
    expect(() => insert('gone', '[]')).toThrow(/CHECK/)
    expect(() => insert('draft', 'not json')).toThrow(/CHECK/)
    db.close()
  })

  it('0190 keeps every status change, trusted as before, and a repository round trip keeps the site’s user ID and the desk’s unvouched mark', async () => {
    const db = new Database(':memory:')
    for (const m of MIGRATIONS.filter((m) => m.version < 190)) m.up(db)
    db.pragma('foreign_keys = OFF')
    db.prepare("INSERT INTO status_history (id, article_id, from_status, to_status, by_name, at, note) VALUES ('old', 'a', 'submitted', 'approved', 'س', 1, '')").run()
    MIGRATIONS.find((m) => m.version === 190)!.up(db)
    const review = await import('@main/store/repositories/review')
    review.addStatusChange(db as never, 'a', { id: 'stamped', from: 'approved', to: 'scheduled', by: 'س', at: 2, note: '', userId: 7 })
    review.addStatusChange(db as never, 'a', { id: 'forged', from: 'scheduled', to: 'published', by: 'س', at: 3, note: '', unvouched: true })
    // The same move arriving trusted (this desk's own copy) clears the mark; a stamp, once taken, stays.
    review.addStatusChange(db as never, 'a', { id: 'stamped', from: 'approved', to: 'scheduled', by: 'س', at: 2, note: '' })
    const history = review.readReview(db as never, 'a').history
    expect(history.map((h) => [h.id, h.userId, h.unvouched])).toEqual([
      ['old', undefined, undefined],
      ['stamped', 7, undefined],
      ['forged', undefined, true]
    ])
    db.close()
  })
})
