/**
 * What the Electron preload does, for a plain Chromium page: builds window.api
 * with the same createApi over the host's page binding. Bundled by the host
 * and injected before the app's own scripts run.
 */
import { createApi, type Api } from '@shared/ipc/create-api'
import type { EventName } from '@shared/ipc/contract'

declare global {
  interface Window {
    api: Api
    __qalamInvoke(channel: string, payload: unknown): Promise<unknown>
    __qalamHostEmit(event: EventName, payload: unknown): void
  }
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>()

window.__qalamHostEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

window.api = createApi(
  (channel, payload) => window.__qalamInvoke(channel, payload),
  (event, listener) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    return () => set.delete(listener)
  }
)
