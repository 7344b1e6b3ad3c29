import { z } from 'zod'
import { contract, isChannel, type IpcResult, type ErrorCode } from '@shared/ipc/contract'
import { AppError, storageFailure } from '../errors'
import type { Handlers } from './handlers'

export interface CallContext {
  /** Whether the call came from the app's own top-level page. */
  trusted: boolean
}

export type Dispatch = (channel: unknown, payload: unknown, context: CallContext) => Promise<IpcResult<unknown>>

const fail = (code: ErrorCode, message: string): IpcResult<never> => ({ ok: false, error: { code, message } })

/**
 * The main boundary: checks the sender, the channel and the payload's schema
 * before any service runs, and turns every failure into a typed {code, message}.
 * Electron's ipcMain and the test host's page binding both call this.
 */
export function createDispatcher(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (channel, payload, context) => {
    if (!context.trusted) return fail('FORBIDDEN_SENDER', 'calls are accepted only from the app window')
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `no channel named ${String(channel).slice(0, 100)}`)
    const parsed = contract[channel].request.safeParse(payload ?? {})
    if (!parsed.success) return fail('INVALID_PAYLOAD', `${channel}: ${z.prettifyError(parsed.error)}`)
    try {
      const handler = handlers[channel] as (request: unknown) => unknown
      const value = await handler(parsed.data)
      return { ok: true, value: value ?? null }
    } catch (error) {
      if (error instanceof AppError)
        return error.reason === undefined ? fail(error.code, error.message) : { ok: false, error: { code: error.code, message: error.message, reason: error.reason } }
      log(`[ipc] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      // The machine's own storage failing (a full disk, a folder gone) is said as such, not as a bug.
      const storage = storageFailure(error)
      if (storage !== null) return fail(storage.code, storage.message)
      return fail('INTERNAL', error instanceof Error ? error.message : 'unexpected error')
    }
  }
}
