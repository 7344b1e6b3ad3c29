import type { Role } from './workflow'
import { DEFAULT_NETWORK, type NetworkSetting } from './network'

export type Locale = 'ar' | 'en'

/** What the user chose, kept in the store. */
export interface Settings {
  locale: Locale
  lastArticleId: string | null
  /** The user's name on comments, suggestions and the status history when an article has no site. */
  userName: string
  /** The user's role when an article has no site (with a site, the site's capabilities decide). */
  role: Role
  /** Minutes without a key or a click before the desk locks itself; 0 never. */
  lockAfterMinutes: number
  /** Light, dark, or as the system says. */
  theme: 'system' | 'light' | 'dark'
  /** The copy's size, in percent of the default (Ctrl+= / Ctrl+-). */
  textSize: number
  /** Month names in the Arabic interface: يناير… (western) or كانون الثاني… (levantine), as the newsroom writes them. */
  monthNames: MonthNames
  /** Digits in the Arabic interface's dates and figures: 0-9 (latn) or ٠-٩ (arab). */
  digits: Digits
  /** The newsroom's own update server (https), or null for the publisher's feed. */
  updateServer: string | null
  /** Photos sent to the site: their largest side in pixels (0: full size, as taken). The original stays on the desk. */
  uploadMaxSide: number
  /** How every connection goes out: the system's proxy (default), none, an HTTP proxy or SOCKS5 (Tor). */
  network: NetworkSetting
}

/** An update server: https, no credentials in it, of a sane length. */
export function isUpdateServerUrl(value: string): boolean {
  if (value.length > 2000) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hash === ''
  } catch {
    return false
  }
}

export const MONTH_NAMES = ['western', 'levantine'] as const
export type MonthNames = (typeof MONTH_NAMES)[number]
export const DIGITS = ['latn', 'arab'] as const
export type Digits = (typeof DIGITS)[number]

export const TEXT_SIZES = [80, 90, 100, 110, 120, 130, 140, 160] as const

/** The largest side a photo is sent to the site at (0: full size); 2,048 px as the WordPress apps do. */
export const UPLOAD_SIDES = [0, 1024, 1600, 2048, 3000] as const

export const LOCK_AFTER_CHOICES = [0, 5, 15, 30, 60] as const
export const DEFAULT_SETTINGS: Settings = {
  locale: 'ar',
  lastArticleId: null,
  userName: '',
  role: 'reporter',
  lockAfterMinutes: 15,
  theme: 'system',
  textSize: 100,
  monthNames: 'western',
  digits: 'latn',
  updateServer: null,
  uploadMaxSide: 2048,
  network: DEFAULT_NETWORK
}

/** Why the lock refused, worded by the renderer. */
export const STORE_PROBLEMS = ['wrong-passphrase', 'weak-passphrase', 'unprotected-key'] as const
export type StoreProblem = (typeof STORE_PROBLEMS)[number]

export const STORE_FAILURES = ['corrupt', 'not-a-database', 'newer-schema', 'locked', 'unreadable', 'key-unavailable'] as const
export type StoreFailure = (typeof STORE_FAILURES)[number]

/** Whether the local database could be opened, and if not, why. */
export type StoreStatus =
  | { state: 'ready'; path: string; keptAside: string | null }
  | { state: 'failed'; path: string; reason: StoreFailure; detail: string }
  /** Locked: the store is closed and its key dropped; a passphrase desk needs the passphrase to open again. */
  | { state: 'locked'; path: string; needsPassphrase: boolean }

export interface AppInfo {
  version: string
  /** Prefix that turns a media id into a URL the page may load. */
  mediaBaseUrl: string
  dataDir: string
  platform: string
  /** How the desk key (which encrypts the store) is kept: by the system keyring, only obfuscated, by a passphrase, or not at all. */
  keyProtection: 'os' | 'obfuscated' | 'passphrase' | 'none' | null
}
