import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { syncFile, syncFolder } from '../durable'
import type { StoreFailure } from '@shared/domain/app'
import { migrate, LATEST_SCHEMA_VERSION } from './migrate'

export type Db = Database.Database

export interface OpenOptions {
  /** Path of the better-sqlite3 binary built for Electron; unset under Node. */
  nativeBinding?: string
  /** The desk key (32 bytes): the store is encrypted with it (SQLCipher 4). Without one the file is plain (tests of SQLite itself). */
  key?: Buffer
  /** How long to wait for another process's lock before calling the file locked. */
  busyTimeoutMs?: number
}

/** Why a database file could not be opened, in a form the UI can word. */
export class StoreOpenError extends Error {
  constructor(
    readonly reason: StoreFailure,
    readonly detail: string
  ) {
    super(`${reason}: ${detail}`)
    this.name = 'StoreOpenError'
  }
}

function classify(error: unknown): StoreOpenError {
  if (error instanceof StoreOpenError) return error
  const code = (error as { code?: string }).code ?? ''
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'SQLITE_NOTADB') return new StoreOpenError('not-a-database', message)
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreOpenError('corrupt', message)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreOpenError('locked', message)
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_IOERR'))
    return new StoreOpenError('unreadable', message)
  if (/malformed|corrupt/i.test(message)) return new StoreOpenError('corrupt', message)
  return new StoreOpenError('unreadable', message)
}

/**
 * Opens (or creates) the store at `file` with the pragmas that make an
 * acknowledged save survive a crash or power loss, checks it, and migrates it.
 * Never writes to a file it could not read: a failure is thrown as StoreOpenError
 * before any migration runs.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | undefined
  try {
    if (options.key !== undefined) encryptPlainStore(file, options.key, options.nativeBinding)
    db = new Database(file, {
      nativeBinding: options.nativeBinding,
      timeout: options.busyTimeoutMs ?? 2_000
    })
    if (options.key !== undefined) applyKey(db, options.key)
    // Reading the schema first: a file that is not SQLite fails here, before any write.
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreOpenError('newer-schema', `the database has schema version ${version}; this version of Qalam knows up to ${LATEST_SCHEMA_VERSION}`)
    }
    const check = db.pragma('quick_check(1)', { simple: true }) as string
    if (check !== 'ok') throw new StoreOpenError('corrupt', `quick_check: ${check}`)
    db.pragma('journal_mode = WAL')
    // FULL: a save reported as done is on disk, even if the laptop loses power right after.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // What is deleted is overwritten, and sorting or indexing never spills into a temporary file.
    db.pragma('secure_delete = ON')
    db.pragma('temp_store = MEMORY')
    migrate(db)
    return db
  } catch (error) {
    try {
      db?.close()
    } catch {
      // The handle is unusable anyway; the original error is what matters.
    }
    throw classify(error)
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** SQLCipher 4's page format, with the desk key given raw (no key derivation: it is random already). */
export function applyKey(db: Db, key: Buffer, pragma: 'key' | 'rekey' = 'key'): void {
  if (key.length !== 32) throw new Error('the desk key must be 32 bytes')
  db.pragma("cipher = 'sqlcipher'")
  db.pragma('legacy = 4')
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`)
}

/** Whether a database file is plain SQLite (an earlier Qalam's store). */
export function isPlainStore(file: string): boolean {
  if (!existsSync(file)) return false
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    return readSync(fd, head, 0, 16, 0) === 16 && head.equals(PLAIN_HEADER)
  } finally {
    closeSync(fd)
  }
}

/**
 * An earlier version's plain store, encrypted so that a crash at any point loses
 * nothing: the plain file is checkpointed, copied, the copy encrypted and checked, and
 * only then put in the plain file's place (an atomic rename). Until that rename the
 * plain store is untouched; an abandoned copy is deleted at the next start. The blocks
 * the plain file held may survive on the disk (an SSD keeps old blocks): SECURITY.md says so.
 */
export function encryptPlainStore(file: string, key: Buffer, nativeBinding?: string): void {
  const temp = `${file}.encrypting`
  rmSync(temp, { force: true })
  if (!isPlainStore(file)) return
  const plain = new Database(file, { nativeBinding })
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)')
    const check = plain.pragma('quick_check(1)', { simple: true }) as string
    if (check !== 'ok') throw new StoreOpenError('corrupt', `quick_check: ${check}`)
  } finally {
    plain.close()
  }
  copyFileSync(file, temp)
  rekeyCopy(temp, undefined, key, nativeBinding, 'the encrypted copy of the store did not check out; the plain store is left as it was')
  syncFile(temp)
  renameSync(temp, file)
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
  syncFolder(dirname(file))
}

/**
 * A copy of the store encrypted under `to` in place (SQLite3MultipleCiphers' rekey, outside WAL mode),
 * from `from` (undefined: a plain copy), then opened again with `to` and checked; `refusal` is said
 * when it does not check out. The caller swaps the checked copy in.
 */
export function rekeyCopy(copy: string, from: Buffer | undefined, to: Buffer, nativeBinding: string | undefined, refusal: string): void {
  const db = new Database(copy, { nativeBinding })
  let version: number
  try {
    if (from !== undefined) applyKey(db, from)
    db.pragma('journal_mode = DELETE')
    version = db.pragma('user_version', { simple: true }) as number
    applyKey(db, to, 'rekey')
  } finally {
    db.close()
  }
  const check = new Database(copy, { nativeBinding })
  try {
    applyKey(check, to)
    if (check.pragma('user_version', { simple: true }) !== version || check.pragma('quick_check(1)', { simple: true }) !== 'ok') throw new StoreOpenError('unreadable', refusal)
  } finally {
    check.close()
  }
}

/** Moves the write-ahead log into the database file and empties it (on close, so the folder holds one file). */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
}

/**
 * Runs `work` with SQLite overwriting what it deletes (secure_delete), then moves the
 * WAL into the database and empties it: the purged words are neither in free pages nor
 * in the journal afterwards. Only for purges: everyday saves do not pay for it.
 */
export function erasing<T>(db: Db, work: () => T): T {
  db.pragma('secure_delete = ON')
  try {
    return db.transaction(work)()
  } finally {
    db.pragma('secure_delete = OFF')
    checkpoint(db)
  }
}
