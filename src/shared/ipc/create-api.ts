/**
 * Builds the typed client over any `invoke` function: the preload passes
 * ipcRenderer.invoke, the test host passes its page binding. `api.articles.save(...)`
 * calls channel `articles:save`; every call resolves to an IpcResult, never throws
 * for an error the main process reported.
 */
import type { Channel, EventName, Events, IpcResult, RequestOf, ResponseOf } from './contract'
import { CHANNEL_NAMES } from './channels'

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never

export type Api = {
  [D in DomainOf<Channel>]: {
    [C in Channel as C extends `${D}:${infer V}` ? V : never]: {} extends RequestOf<C>
      ? (request?: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
      : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
  }
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

function isResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value
}

export function createApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of CHANNEL_NAMES) {
    const [domain, verb] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][verb] = async (request: unknown = {}): Promise<IpcResult<unknown>> => {
      try {
        const answer = await invoke(channel, request)
        if (isResult(answer)) return answer
        return { ok: false, error: { code: 'INTERNAL', message: `malformed answer on ${channel}` } }
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } }
      }
    }
  }
  const on = (event: EventName, listener: (payload: never) => void): (() => void) => subscribe(event, listener as (payload: unknown) => void)
  return Object.assign(api, { on }) as unknown as Api
}
