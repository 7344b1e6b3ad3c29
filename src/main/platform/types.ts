/**
 * What the main-process services need from the desktop, behind interfaces so
 * that Electron is one implementation and the test host another.
 */
export interface Dialogs {
  /** Asks the user for an image file; resolves to its path, or null if cancelled. */
  pickImageFile(): Promise<string | null>
}

export interface Shell {
  /** Opens an http(s) URL in the system browser. */
  openExternal(url: string): Promise<void>
}

export interface Clock {
  now(): number
}

export interface Platform {
  dialogs: Dialogs
  shell: Shell
  clock: Clock
  appVersion: string
  platformName: string
}

export const systemClock: Clock = { now: () => Date.now() }
