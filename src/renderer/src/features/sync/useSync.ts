import { useCallback, useEffect, useState } from 'react'
import type { ArticleSyncInfo, Site, SyncProgress } from '@shared/domain/sync'
import { api, call } from '../../api'

/** Sites, each article's sync state and the running sync's progress, kept fresh from main's `sync:progress` events. */
export function useSync(onError: (error: unknown) => void) {
  const [sites, setSites] = useState<Site[]>([])
  const [states, setStates] = useState<Record<string, ArticleSyncInfo>>({})
  const [progress, setProgress] = useState<SyncProgress | null>(null)

  const reload = useCallback(async () => {
    try {
      const [s, list] = await Promise.all([call(api().sites.list()), call(api().sync.states())])
      setSites(s)
      setStates(Object.fromEntries(list.map((i) => [i.articleId, i])))
    } catch (error) {
      onError(error)
    }
  }, [onError])

  useEffect(() => {
    void reload()
    void call(api().sync.status()).then(setProgress, () => undefined)
    return api().on('sync:progress', (p) => {
      setProgress(p)
      if (!p.running) void reload()
    })
  }, [reload])

  return { sites, states, progress, reload }
}

export type SyncModel = ReturnType<typeof useSync>
