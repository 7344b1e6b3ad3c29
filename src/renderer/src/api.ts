import type { Api } from '@shared/ipc/create-api'
import type { IpcError, IpcResult } from '@shared/ipc/contract'

declare global {
  interface Window {
    /** The typed bridge the preload (or the test host) installs; the renderer's only way out. */
    api: Api
  }
}

export const api = (): Api => window.api

/** An error the main process answered with, carried as an exception inside the renderer. */
export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message)
    this.name = 'ApiError'
  }
}

/** The value of a result, or an ApiError. */
export async function call<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const answer = await result
  if (!answer.ok) throw new ApiError(answer.error)
  return answer.value
}
