/** Open editors register their flush here, so `app:flush` (quit) can write every one of them. */
interface Flusher {
  flush: () => Promise<void>
  /** Whether it still holds words not on disk (after a flush that failed: a full disk). */
  pending: () => boolean
}
const flushers = new Set<Flusher>()

export function registerFlusher(flush: () => Promise<void>, pending: () => boolean = () => false): () => void {
  const entry = { flush, pending }
  flushers.add(entry)
  return () => flushers.delete(entry)
}

/** Writes every open editor; resolves with how many still hold words that are not on disk. */
export async function flushAll(): Promise<number> {
  await Promise.allSettled([...flushers].map((f) => f.flush()))
  return [...flushers].filter((f) => f.pending()).length
}
