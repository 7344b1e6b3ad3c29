import Database from 'better-sqlite3'
import type { StoreFailure } from '@shared/domain/app'
import { migrate, LATEST_SCHEMA_VERSION } from './migrate'

export type Db = Database.Database

export interface OpenOptions {
  /** Path of the better-sqlite3 binary built for Electron; unset under Node. */
  nativeBinding?: string
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
    db = new Database(file, {
      nativeBinding: options.nativeBinding,
      timeout: options.busyTimeoutMs ?? 2_000
    })
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
