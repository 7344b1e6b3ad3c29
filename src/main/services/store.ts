import { existsSync, renameSync, statSync } from 'node:fs'
import { AppError, storageFailure } from '../errors'
import { checkpoint, openDatabase, StoreOpenError, type Db, type OpenOptions } from '../store/connection'
import type { StoreStatus } from '@shared/domain/app'
import { DeskKeyError } from '../store/desk-key'

/**
 * Owns the one database connection. When the file cannot be opened it keeps the
 * reason instead of a connection, so the UI can explain and offer a way out,
 * and it never writes to that file.
 */
export class StoreService {
  private db: Db | null = null
  private current: StoreStatus
  /** The open file's identity: a file at the path that is not this one (or none) means the folder went away. */
  private identity: { dev: number; ino: number } | null = null

  constructor(
    readonly file: string,
    private readonly options: OpenOptions & {
      /** The desk key the store is encrypted with (desk-key.ts); called at each opening, so a key that cannot be had now may be later. Null: a passphrase is needed. */
      deskKey?: (passphrase: string | null) => Buffer | null
      /** Called when the store closes for a lock: whatever holds the key lets go of it. */
      onLock?: () => void
      /** Where the key file lies, to set it aside with an unusable store. */
      keyFile?: string
      /** Called each time the store has opened (at start, after an unlock). */
      onOpen?: () => void
      /** The key of the open desk, to open the file again when its folder comes back (a drive mounted again). */
      openKey?: () => Buffer | null
    } = {},
    private readonly now: () => number = Date.now
  ) {
    this.current = this.open(null)
  }

  private open(keptAside: string | null, passphrase: string | null = null, known?: Buffer): StoreStatus {
    let key: Buffer | undefined
    try {
      const got = known ?? this.options.deskKey?.(passphrase)
      if (got === null) {
        this.db = null
        return { state: 'locked', path: this.file, needsPassphrase: true }
      }
      key = got
    } catch (error) {
      if (!(error instanceof DeskKeyError)) throw error
      if (error.reason === 'wrong-passphrase') throw new AppError('INVALID_PAYLOAD', error.message, 'wrong-passphrase')
      this.db = null
      return { state: 'failed', path: this.file, reason: 'key-unavailable', detail: error.message }
    }
    try {
      this.db = openDatabase(this.file, { ...this.options, key })
      const { dev, ino } = statSync(this.file)
      this.identity = { dev, ino }
      const ready: StoreStatus = { state: 'ready', path: this.file, keptAside }
      this.current = ready
      this.options.onOpen?.()
      return ready
    } catch (error) {
      this.db = null
      if (error instanceof StoreOpenError) {
        return { state: 'failed', path: this.file, reason: error.reason, detail: error.detail }
      }
      throw error
    }
  }

  /** Whether the store is open, and why not. */
  status(): StoreStatus {
    return this.current
  }

  /** The open connection; a typed error while the store is unavailable. */
  connection(): Db {
    if (this.db === null) {
      const reason = this.current.state === 'failed' ? this.current.reason : this.current.state === 'locked' ? 'locked desk' : 'closed'
      throw new AppError('STORE_UNAVAILABLE', `the local database is unavailable (${reason})`)
    }
    this.checkStillThere()
    return this.db
  }

  /**
   * Whether the file open is still the one at its path. On Linux an open file whose folder was
   * removed (a USB stick pulled, a folder moved) takes writes without an error, into a file no one
   * will find again: so a missing file is STORAGE_GONE, and nothing is written, and no new empty
   * desk is made in its place. A file back under another identity (the drive mounted again) is
   * opened anew with the desk's key.
   */
  private checkStillThere(): void {
    let now: { dev: number; ino: number } | undefined
    try {
      now = statSync(this.file, { throwIfNoEntry: false })
    } catch (error) {
      throw storageFailure(error) ?? error
    }
    if (now === undefined) throw new AppError('STORAGE_GONE', `the data folder is gone (${this.file} is not there): nothing is written until it is back`)
    if (this.identity !== null && now.dev === this.identity.dev && now.ino === this.identity.ino) return
    try {
      this.db?.close()
    } catch {
      // The old handle points at a drive that is gone: nothing to close cleanly.
    }
    this.db = null
    this.identity = null
    this.current = this.open(null, null, this.options.openKey?.() ?? undefined)
    if (this.db === null) throw new AppError('STORAGE_GONE', `the data folder came back but its store does not open (${this.current.state})`)
  }

  /**
   * Locks the desk: everything written, the store closed and its key let go (for a
   * passphrase desk nothing in this process can open it again without the passphrase).
   */
  lock(needsPassphrase: boolean): StoreStatus {
    if (this.db !== null) {
      try {
        checkpoint(this.db)
      } finally {
        this.db.close()
        this.db = null
      }
    }
    this.options.onLock?.()
    this.current = { state: 'locked', path: this.file, needsPassphrase }
    return this.current
  }

  /** Opens a locked store; a wrong passphrase is an error and the desk stays locked. */
  unlock(passphrase: string | null): StoreStatus {
    if (this.current.state !== 'locked') return this.current
    this.current = this.open(null, passphrase)
    return this.current
  }

  /** Tries to open the same file again (after another program released its lock, say). */
  retry(): StoreStatus {
    if (this.db !== null) return this.current
    this.current = this.open(null)
    return this.current
  }

  /**
   * Moves the unreadable file (and its WAL and shared-memory files) aside under a
   * dated name and opens a fresh store in its place. Refuses while the store is
   * healthy, and for a file merely locked by another process.
   */
  startFresh(): StoreStatus {
    if (this.current.state !== 'failed') throw new AppError('INVALID_STATE', 'the store is healthy or locked; nothing to set aside')
    if (this.current.reason === 'locked') {
      throw new AppError('INVALID_STATE', 'the database is locked by another program; close it and retry instead')
    }
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-')
    const aside = `${this.file}.unreadable-${stamp}`
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(this.file + suffix)) renameSync(this.file + suffix, aside + suffix)
    }
    // An unusable key goes aside with its store (a new desk gets a new key); a usable one stays, it encrypts the copy set aside.
    if (this.current.reason === 'key-unavailable' && this.options.keyFile !== undefined && existsSync(this.options.keyFile)) renameSync(this.options.keyFile, `${aside}.key.json`)
    this.current = this.open(aside)
    return this.current
  }

  /**
   * Re-encrypts the store under a new key (store/rekey.ts): the connection is checkpointed and
   * closed, `work` changes the files and gives the new key, and the store opens with it. If `work`
   * fails, the store opens again the ordinary way (the key files say which key it has, a change
   * left half-way is finished or undone), and the error is passed on.
   */
  changeKey(work: () => Buffer): Buffer {
    if (this.db === null) throw new AppError('STORE_UNAVAILABLE', 'the desk is not open')
    try {
      checkpoint(this.db)
    } finally {
      this.db.close()
      this.db = null
    }
    let key: Buffer
    try {
      key = work()
    } catch (error) {
      this.current = this.open(null)
      throw error
    }
    this.current = this.open(null, null, key)
    return key
  }

  /** Drops the connection without a checkpoint, as a crash would leave it (tests). */
  abandon(): void {
    this.db?.close()
    this.db = null
  }

  /** Checkpoints and closes the connection (on a full disk the checkpoint waits for the next start: what was saved is in the WAL). */
  close(): void {
    if (this.db === null) return
    try {
      checkpoint(this.db)
    } catch (error) {
      if (storageFailure(error) === null) throw error
    } finally {
      this.db.close()
      this.db = null
      this.current = { state: 'failed', path: this.file, reason: 'unreadable', detail: 'closed' }
    }
  }
}
