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
