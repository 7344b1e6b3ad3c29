import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '@shared/ipc/contract'
import type { Dispatch } from './dispatch'
import { isAppUrl } from '../security'

/**
 * Only the top-level frame of a page served from the app's own origin may
 * call: not an iframe, not a page the window was somehow navigated to.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, appBase: string): boolean {
  const frame = event.senderFrame
  if (frame === null || frame === undefined) return false
  if (frame !== event.sender.mainFrame) return false
  return isAppUrl(frame.url, appBase)
}

/** Wires every channel of the contract to ipcMain.handle through the dispatcher. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, appBase: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, { trusted: isTrustedSender(event, appBase) }))
  }
}
