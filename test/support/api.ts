import type { IpcResult } from '@shared/ipc/contract'

/** The value of a call through the typed client, or the error main answered with as an exception. */
export async function value<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const answer = await result
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`)
  return answer.value
}
