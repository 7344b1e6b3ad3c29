import type { OpenInstaller, UpdaterPort } from '../updates/port'

/**
 * What the main-process services need from the desktop, behind interfaces so
 * that Electron is one implementation and the test host another.
 */
export interface Dialogs {
  /** Asks the user for an image file; resolves to its path, or null if cancelled. */
  pickImageFile(): Promise<string | null>
  /** Asks where to save a text file and writes it there; false if the user cancelled. */
  saveTextFile(defaultName: string, text: string): Promise<boolean>
  /** Asks where to save a .qalam bundle and writes it there; false if the user cancelled. */
  saveBundleFile(defaultName: string, bytes: Uint8Array): Promise<boolean>
  /** Asks the user for a .qalam bundle; resolves to its path, or null if cancelled. */
  openBundleFile(): Promise<string | null>
  /**
   * Asks, in a dialog the main process shows (not the page), whether updates should come from
   * `url` (null: the publisher's own feed again); true only if the user said so.
   */
  confirmUpdateServer(url: string | null, locale: 'ar' | 'en'): Promise<boolean>
}

export interface Shell {
  /** Opens an http(s) URL in the system browser. */
  openExternal(url: string): Promise<void>
}

export interface Clock {
  now(): number
}

/**
 * Encrypts the sites' passwords (Electron's safeStorage in the app). `storage()` says how
 * well: 'os' when the OS keychain protects the key, 'plain' when the data is only
 * obfuscated (Linux with no keyring: safeStorage's basic_text backend), 'unavailable'
 * when nothing can be encrypted.
 */
export interface Secrets {
  storage(): 'os' | 'plain' | 'unavailable'
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

/** Updates in the packaged app (src/main/platform/updater.ts); absent when running from source. */
export interface Updates {
  updater: UpdaterPort | null
  isOnline(): boolean
  /** Asks for an installer file (update from a file); null if cancelled. */
  pickInstaller(): Promise<string | null>
  openInstaller: OpenInstaller
}

export interface Platform {
  dialogs: Dialogs
  secrets: Secrets
  shell: Shell
  clock: Clock
  appVersion: string
  platformName: string
  updates?: Updates
  /** The system's proxy for a URL, as a PAC answer ("PROXY host:port; DIRECT"): Electron's session.resolveProxy. Absent in the test host (direct). */
  resolveProxy?: (url: string) => Promise<string>
  /** Clears what the window's browser keeps (storage, caches): part of the panic wipe. */
  clearBrowserData?: () => Promise<void>
}

export const systemClock: Clock = { now: () => Date.now() }
