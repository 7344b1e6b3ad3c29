/**
 * What the update service needs from an updater: electron-updater in the packaged app
 * (src/main/platform/updater.ts), a fake in the tests, none when running from source.
 */
export interface UpdaterPort {
  /** The newsroom's own update server (electron-updater's generic provider), or null for the GitHub feed built in. */
  setFeed(url: string | null): void
  /** Asks the feed; resolves the newer version offered (its download then starts in the background), or null. */
  check(): Promise<string | null>
  onProgress(listener: (percent: number) => void): void
  /** The download is complete and its SHA-512 checked against the feed: the file, for the publisher's signature to be checked. */
  onDownloaded(listener: (version: string, file: string) => void): void
  /** The publisher's `.sig` for a downloaded file, from the same place as the feed; null when there is none. */
  signatureFor(file: string, version: string): Promise<Uint8Array | null>
  onError(listener: (error: Error) => void): void
  /** Installs the downloaded update when the app quits (off until the reporter agrees). */
  installOnQuit(on: boolean): void
  /** Quits now and installs. */
  quitAndInstall(): void
}

/** Opens an installer the way the system does (runs the .exe, mounts the .dmg, opens the .deb or AppImage). */
export type OpenInstaller = (path: string) => Promise<void>
