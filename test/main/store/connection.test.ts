import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, StoreOpenError } from '@main/store/connection'
import { LATEST_SCHEMA_VERSION } from '@main/store/migrate'
import { StoreService } from '@main/services/store'
import { tempDir } from '../../support/temp'
import { dbPath } from '../../support/fixtures'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.remove())

function openError(file: string): StoreOpenError {
  try {
    openDatabase(file, { busyTimeoutMs: 200 }).close()
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError)
    return error as StoreOpenError
  }
  throw new Error('expected the database to fail to open')
}

describe('opening the store', () => {
  it('uses WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase(dbPath(tmp.dir))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    db.close()
  })

  it('says "not a database" for a file of something else, and leaves it byte for byte', () => {
    const file = dbPath(tmp.dir)
    const garbage = Buffer.from('Minutes of the editorial meeting\n'.repeat(400))
    writeFileSync(file, garbage)
    expect(openError(file).reason).toBe('not-a-database')
    expect(readFileSync(file).equals(garbage)).toBe(true)
  })

  it('says "corrupt" for a database whose pages are damaged', () => {
    const file = dbPath(tmp.dir)
    const db = openDatabase(file)
    const insert = db.prepare(`INSERT INTO articles (id, body, body_text, created_at, updated_at) VALUES (?, '{}', ?, 1, 1)`)
    for (let i = 0; i < 300; i++) insert.run(crypto.randomUUID(), 'نص '.repeat(200))
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const bytes = readFileSync(file)
    // Scribble over the middle of the file, past the header.
    for (let i = 8192; i < 8192 + 4096 * 4; i++) bytes[i] = (i * 7) & 0xff
    writeFileSync(file, bytes)
    expect(openError(file).reason).toBe('corrupt')
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('says "newer schema" and does not migrate a database from a newer Qalam', () => {
    const file = dbPath(tmp.dir)
    const db = new Database(file)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    db.close()
    const before = readFileSync(file)
    expect(openError(file).reason).toBe('newer-schema')
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('says "locked" while another process holds an exclusive lock', async () => {
    const file = dbPath(tmp.dir)
    openDatabase(file).close()
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); console.log('locked'); setTimeout(() => {}, 30000)`
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] }
    )
    await new Promise<void>((ok) => holder.stdout.once('data', () => ok()))
    try {
      expect(openError(file).reason).toBe('locked')
    } finally {
      holder.kill('SIGKILL')
      await new Promise((ok) => holder.once('exit', ok))
    }
  })
})

describe('StoreService', () => {
  it('keeps an unreadable file aside and starts fresh on request', () => {
    const file = dbPath(tmp.dir)
    const garbage = Buffer.from('%PDF-1.7 not a database at all'.repeat(100))
    writeFileSync(file, garbage)
    const store = new StoreService(file, {}, () => Date.UTC(2026, 10, 27, 12, 0, 0))
    const status = store.status()
    expect(status).toMatchObject({ state: 'failed', reason: 'not-a-database' })
    expect(() => store.connection()).toThrow(/unavailable/)
    const fresh = store.startFresh()
    expect(fresh.state).toBe('ready')
    const aside = fresh.state === 'ready' ? fresh.keptAside! : ''
    expect(aside).toContain('qalam.db.unreadable-2026-11-27T12-00-00')
    expect(readFileSync(aside).equals(garbage)).toBe(true)
    expect(store.connection().prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 0 })
    store.close()
    expect(readdirSync(tmp.dir).filter((f) => f.includes('unreadable'))).toHaveLength(1)
  })

  it('refuses to set aside a healthy store', () => {
    const store = new StoreService(dbPath(tmp.dir))
    expect(() => store.startFresh()).toThrow(/healthy/)
    store.close()
    expect(existsSync(dbPath(tmp.dir))).toBe(true)
  })
})
