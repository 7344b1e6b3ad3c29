import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { AppError } from '../errors'
import { cleanImageHere } from './clean'

/**
 * The image cleaner's thread (see sandbox.ts): takes one image at a time, cleans it, puts the
 * answer on the reply port and then raises the flag the main thread is waiting on.
 */
export interface CleanJob {
  bytes: Uint8Array
  name: string
}
export type CleanAnswer =
  { ok: true; bytes: Uint8Array; id: string; sha256: string; mime: string; removed: string[] } | { ok: false; code: string; message: string; reason?: string }

const { flag, reply } = workerData as { flag: Int32Array; reply: MessagePort }

parentPort?.on('message', (job: CleanJob) => {
  let answer: CleanAnswer
  try {
    const clean = cleanImageHere(job.bytes, job.name)
    answer = { ok: true, ...clean }
  } catch (error) {
    answer =
      error instanceof AppError
        ? { ok: false, code: error.code, message: error.message, ...(error.reason === undefined ? {} : { reason: error.reason }) }
        : { ok: false, code: 'INTERNAL', message: (error as Error).message }
  }
  reply.postMessage(answer)
  Atomics.store(flag, 1, 1)
  Atomics.notify(flag, 1)
})
Atomics.store(flag, 0, 1)
Atomics.notify(flag, 0)
