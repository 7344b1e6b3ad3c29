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
    /** The host's binding: the answer as a JSON string. */
    __qalamInvoke(channel: string, payload: unknown): Promise<string>
    __qalamHostEmit(event: EventName, payload: unknown): void
  }
}

/** Set by the host around this bundle: where the app window's calls go, and the token that admits them. */
declare const QALAM_IPC: { path: string; token: string }

const listeners = new Map<EventName, Set<(payload: unknown) => void>>()

/**
 * The top frame calls over fetch (fast, like Electron's IPC); any other frame only has the
 * binding, whose answer the host gives after checking the calling frame (FORBIDDEN_SENDER).
 */
async function invoke(channel: string, payload: unknown): Promise<unknown> {
  if (window !== window.top) return JSON.parse(await window.__qalamInvoke(channel, payload)) as unknown
  const response = await fetch(QALAM_IPC.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qalam-token': QALAM_IPC.token },
    body: JSON.stringify({ channel, payload })
  })
  return (await response.json()) as unknown
}

window.__qalamHostEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

window.api = createApi(invoke, (event, listener) => {
  const set = listeners.get(event) ?? new Set()
  listeners.set(event, set)
  set.add(listener)
  return () => set.delete(listener)
})
