import type { ErrorCode } from '@shared/ipc/contract'
import type { ErrorReason } from '@shared/ipc/contract'

/** An error a service raises on purpose; the IPC layer passes its code and message on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For SYNC_FAILED: which failure, so the renderer words it. */
    readonly reason?: ErrorReason
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string, id: string): AppError => new AppError('NOT_FOUND', `${what} ${id} does not exist`)

/** SQLite's and the system's codes for a full disk, and for a data folder gone or turned read-only. */
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT'])
const GONE = /^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_IOERR|EROFS|EACCES|EPERM|ENOENT|EIO|ENOTDIR|ENODEV|ENXIO)/

/**
 * A failure of the machine's own storage, as the reporter should hear of it: a full disk, or a
 * data folder that went away or turned read-only. Null for anything else (a bug, a refusal).
 */
export function storageFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return null
  const code = String((error as { code?: unknown } | null)?.code ?? '')
  const message = error instanceof Error ? error.message : String(error)
  if (FULL.has(code) || /database or disk is full|no space left on device/i.test(message)) return new AppError('DISK_FULL', `the disk is full (${message})`)
  if (GONE.test(code) || /attempt to write a readonly database|disk I\/O error|unable to open database file/i.test(message))
    return new AppError('STORAGE_GONE', `the data folder cannot be written (${message})`)
  return null
}
