/** Open editors register their flush here, so `app:flush` (quit) can write every one of them. */
const flushers = new Set<() => Promise<void>>()

export function registerFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush)
  return () => flushers.delete(flush)
}

export async function flushAll(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f()))
}
