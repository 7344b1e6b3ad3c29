import { contextBridge, ipcRenderer } from 'electron'
import { createApi } from '@shared/ipc/create-api'
import { EVENT_NAMES } from '@shared/ipc/channels'
import type { EventName } from '@shared/ipc/contract'

// The page gets the typed api and nothing else: never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'api',
  createApi(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    (event: EventName, listener) => {
      if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`)
      const wrapped = (_e: unknown, payload: unknown) => listener(payload)
      ipcRenderer.on(event, wrapped)
      return () => {
        ipcRenderer.removeListener(event, wrapped)
      }
    }
  )
)
