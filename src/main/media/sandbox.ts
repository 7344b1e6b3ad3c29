import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { workerScript } from '../worker-script'
import { AppError } from '../errors'
import type { ErrorCode, ErrorReason } from '@shared/ipc/contract'
import type { CleanAnswer, CleanJob } from './clean-worker'
import type { CleanImage } from './clean'
import type { RemovedMetadata } from '@shared/domain/media'

/**
 * Images from outside are cleaned in a worker thread with a memory limit of its own
 * (`resourceLimits`) and a deadline, so a file built to loop or to allocate without end costs a
 * refusal, not the main process. The call stays synchronous for its callers (a bundle's preview
 * runs in one database transaction): the main thread waits on a shared flag with
 * `Atomics.wait`, at most until the deadline, and reads the answer with `receiveMessageOnPort`.
 * Past the deadline, or when the worker dies of its memory limit, the worker is ended (a new one
 * starts for the next image) and the image is refused.
 */

/** The cleaner's own heap: a 50 MB image, its cleaned copy and the cleaner's work fit; a bomb does not. */
const MEMORY_MB = 384
/** Starting the thread (loading the cleaner) may take this long on a slow laptop. */
const START_MS = 20_000
/** A real image is cleaned in milliseconds per megabyte; this leaves a wide margin and still answers a hostile one within a second or so. */
export const deadlineFor = (bytes: number): number => 1000 + Math.ceil((bytes / 2 ** 20) * 20)

interface Sandbox {
  worker: Worker
  flag: Int32Array
  port: MessagePort
}

let current: Sandbox | null = null

function start(): Sandbox {
  const flag = new Int32Array(new SharedArrayBuffer(8))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(workerScript('clean-worker'), {
    workerData: { flag, reply: port2 },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB, maxYoungGenerationSizeMb: 32 }
  })
  worker.unref()
  port1.unref()
  // A worker that dies (of its memory limit) is noticed by its silence; its error event must not crash the process.
  worker.on('error', () => undefined)
  worker.on('exit', () => {
    if (current?.worker === worker) current = null
  })
  if (Atomics.wait(flag, 0, 0, START_MS) === 'timed-out') {
    void worker.terminate()
    throw new AppError('INTERNAL', 'the image cleaner did not start')
  }
  return { worker, flag, port: port1 }
}

function stop(sandbox: Sandbox): void {
  if (current === sandbox) current = null
  sandbox.port.close()
  void sandbox.worker.terminate()
}

export function cleanInSandbox(bytes: Uint8Array, name: string): CleanImage {
  const sandbox = (current ??= start())
  Atomics.store(sandbox.flag, 1, 0)
  const job: CleanJob = { bytes, name }
  sandbox.worker.postMessage(job)
  const waited = Atomics.wait(sandbox.flag, 1, 0, deadlineFor(bytes.length))
  const message = waited === 'timed-out' ? undefined : receiveMessageOnPort(sandbox.port)
  if (message === undefined) {
    stop(sandbox)
    throw new AppError('INVALID_PAYLOAD', `${name} could not be cleaned in time or within memory: it is refused`, 'damaged-image')
  }
  const answer = message.message as CleanAnswer
  if (!answer.ok) throw new AppError(answer.code as ErrorCode, answer.message, answer.reason as ErrorReason | undefined)
  return { bytes: answer.bytes, id: answer.id, sha256: answer.sha256, mime: answer.mime, removed: answer.removed as RemovedMetadata[] }
}

/** Ends the cleaner's thread (the app quits, or a test is done with it). */
export function stopSandbox(): void {
  if (current !== null) stop(current)
}
