import { workerScript } from '../worker-script'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { StoreService } from './store'
import { AppError } from '../errors'
import { DeskKeyError, KEY_FILE, openDeskKey, readKeyFile, unwrap, wrapWithPassphrase, wrapWithoutAsking, type KeyFile, type KeyProtection } from '../store/desk-key'
import { abandonKeyChange, beginKeyChange, completeKeyChange, recoverKeyChange, type RekeyStep } from '../store/rekey'
import { ArticleService } from './articles'
import { RevisionService } from './revisions'
import { MediaService } from './media'
import { SettingsService } from './settings'
import { NotesService } from './notes'
import { WipeService } from './wipe'
import { SigningService } from './signing'
import { FlushCoordinator } from './flush'
import { SyncService } from './sync'
import { SearchService } from './search'
import { ReviewService } from './review'
import { BundleService } from './bundles'
import { ProofingService, type SpellWorkerOptions } from './proofing'
import type { FetchLike } from '../sync/wordpress/client'
import type { SyncProgress } from '@shared/domain/sync'
import type { Platform } from '../platform/types'
import { UpdateService } from './updates'
import { PUBLISHER_KEY_PEM } from '../updates/publisher-key'
import { INSTALLER_COPY_MAX_AGE_MS, sweepInstallerCopies } from '../updates/signed-installer'
import { DEFAULT_WEB_SIZE } from '../media/resize'
import { Network } from '../net/network'
import type { NetworkSetting } from '@shared/domain/network'

export interface ServicesOptions {
  /** The folder that holds qalam.db and media/; Electron's userData in the app. */
  dataDir: string
  platform: Platform
  nativeBinding?: string
  mediaBaseUrl: string
  /** Certificates trusted besides Node's bundled ones and the system's store (tests: their own authority). */
  extraTrust?: string[]
  /** Sync tuning for tests and benchmarks: a fetch that goes through a fault proxy, short timeouts. */
  sync?: { fetch?: FetchLike; timeoutMs?: number; backoffMs?: number; retries?: number; settleMs?: number; watchMs?: number }
  /** Where the spell checker's thread starts from; by default the bundled worker beside the main script. */
  spellWorker?: SpellWorkerOptions
  /** The publisher's key installers from a file are checked against (tests use their own). */
  updateKeyPem?: string
  /** How long after the last save the search index catches up (tests shorten it). */
  searchPauseMs?: number
  /** Tests: called at each step of a desk-key change (store/rekey.ts), to stop it there as a crash would. */
  keyChangeStep?: (step: RekeyStep) => void
}

/** The spell worker's script (worker-script.ts). */
function defaultSpellWorker(): SpellWorkerOptions {
  return { file: workerScript('spell-worker') }
}

export { outsideAsar } from '../worker-script'

export type Services = ReturnType<typeof createServices>

export const DATABASE_FILE = 'qalam.db'

/** Builds every main-process service over one data folder; no Electron needed. */
export function createServices(options: ServicesOptions) {
  // Installer copies left by an earlier run (the installer that ran from one has long finished).
  sweepInstallerCopies(INSTALLER_COPY_MAX_AGE_MS)
  mkdirSync(options.dataDir, { recursive: true })
  const now = () => options.platform.clock.now()
  // The store is encrypted with the desk key (store/desk-key.ts), made on first use and kept wrapped by the system keyring.
  let protection: KeyProtection | null = null
  let openKey: Buffer | null = null
  const dbFile = join(options.dataDir, DATABASE_FILE)
  let afterOpen = () => undefined as void
  const deskKey = (passphrase: string | null) => {
    if (!recoverKeyChange(options.dataDir, dbFile, options.platform.secrets, passphrase, options.nativeBinding)) {
      if (passphrase !== null) throw new DeskKeyError('wrong-passphrase', 'the passphrase does not open this desk')
      return null
    }
    const opened = openDeskKey(options.dataDir, options.platform.secrets, passphrase)
    if (opened === null) return null
    protection = opened.protection
    openKey = opened.key
    return opened.key
  }
  const dropKey = () => {
    openKey?.fill(0)
    openKey = null
    media.forgetKeys()
  }
  /** The key of the open store (media are sealed with keys derived from it). */
  const currentKey = () => {
    if (openKey === null) throw new AppError('STORE_UNAVAILABLE', 'the desk is not open')
    return openKey
  }
  const store = new StoreService(
    dbFile,
    { nativeBinding: options.nativeBinding, deskKey, onLock: dropKey, keyFile: join(options.dataDir, KEY_FILE), onOpen: () => afterOpen(), openKey: () => openKey },
    now
  )
  const db = () => store.connection()
  const search = new SearchService({ db, pauseMs: options.searchPauseMs })
  const articles = new ArticleService({ db, now, onContentChanged: () => search.changed() })
  // The site's revisions come through the sync service, made below; the closure reads it when a comparison asks.
  const revisions = new RevisionService({ db, now, articles, siteVersion: (articleId, revisionId) => sync.siteVersion(articleId, revisionId) })
  const media = new MediaService({ db, now, dialogs: options.platform.dialogs, dataDir: options.dataDir, deskKey: currentKey })
  // Sealed files no image has under the current key (a key change a crash interrupted, a half-written file) go when the store opens.
  afterOpen = () => void media.sweepStale()
  if (store.status().state === 'ready') afterOpen()
  // Images an earlier version stored with their location and camera are cleaned before anything can send them (migration 0160).
  if (store.status().state === 'ready') media.cleanEarlierImages()
  const networkListeners = new Set<(setting: NetworkSetting) => void>()
  const settings = new SettingsService({
    db,
    onChange: (changed, now) => {
      if (changed.includes('network')) networkListeners.forEach((l) => l(now.network))
    }
  })
  // Read from the open desk: while it is locked the setting is unknown, and nothing connects.
  const network = new Network({
    setting: () => (store.status().state === 'ready' ? settings.get().network : null),
    resolveSystem: options.platform.resolveProxy,
    extraTrust: options.extraTrust
  })
  const opened = afterOpen
  afterOpen = () => {
    opened()
    const setting = settings.get().network
    networkListeners.forEach((l) => l(setting))
  }
  const notes = new NotesService({ db, now })
  const flush = new FlushCoordinator()
  const review = new ReviewService({ db, now, articles, settings })
  const proofing = new ProofingService({ db, now, worker: options.spellWorker ?? defaultSpellWorker(), dialogs: options.platform.dialogs })
  const progressListeners = new Set<(progress: SyncProgress) => void>()
  const sync = new SyncService({
    db,
    now,
    secrets: options.platform.secrets,
    articles,
    mediaBytes: (id) => media.read(id),
    idleTimeoutMs: () => network.idleTimeoutMs(),
    webSize: () => ({ ...DEFAULT_WEB_SIZE, maxSide: store.status().state === 'ready' ? settings.get().uploadMaxSide : DEFAULT_WEB_SIZE.maxSide }),
    ...options.sync,
    // Every request goes out along the network setting; tests may put a fault proxy's own fetch in its place.
    fetch: options.sync?.fetch ?? network.fetch,
    onProgress: (progress) => progressListeners.forEach((l) => l(progress))
  })
  const wipe = new WipeService({
    dataDir: options.dataDir,
    store,
    forget: () => {
      proofing.forget()
      bundles.forgetWaiting()
      // Installers copied for checking: nothing of this desk's may stay in the temporary folder.
      sweepInstallerCopies(INSTALLER_COPY_MAX_AGE_MS, { ours: true })
      protection = null
      dropKey()
    },
    clearBrowserData: options.platform.clearBrowserData
  })
  const updates = new UpdateService({
    updater: options.platform.updates?.updater ?? null,
    // A locked desk's network setting is unknown: no check until it opens (it might have to go through Tor).
    isOnline: () => store.status().state === 'ready' && (options.platform.updates?.isOnline() ?? false),
    clock: options.platform.clock,
    appVersion: options.platform.appVersion,
    publicKeyPem: options.updateKeyPem ?? PUBLISHER_KEY_PEM,
    // A locked desk cannot read the settings: the built-in feed until it opens.
    server: () => (store.status().state === 'ready' ? settings.get().updateServer : null),
    confirmServer: (url) => options.platform.dialogs.confirmUpdateServer(url, store.status().state === 'ready' ? settings.get().locale : 'ar'),
    saveServer: (url) => void settings.update({ updateServer: url }),
    pickInstaller: () => options.platform.updates?.pickInstaller() ?? Promise.resolve(null),
    openInstaller: (path) => options.platform.updates?.openInstaller(path) ?? Promise.resolve()
  })
  const signing = new SigningService({ db, now, name: (articleId) => review.identity(articleId).name })
  const bundles = new BundleService({
    db,
    now,
    articles,
    media,
    dialogs: options.platform.dialogs,
    appVersion: options.platform.appVersion,
    signing,
    // The one way a private note leaves this desk: in a bundle sealed at the reporter's asking.
    sealedNote: (articleId) => notes.get(articleId)?.body ?? null,
    receiveSealedNote: (articleId, body) => notes.receive(articleId, body)
  })
  return {
    options,
    platform: options.platform,
    store,
    /** How the desk key is kept on this machine (null until the store has opened). */
    keyProtection: () => protection,
    /** Locks the desk (the key is let go; a passphrase desk needs the passphrase again). */
    lock: () => {
      // A decrypted bundle waiting for an answer does not outlive the lock.
      bundles.forgetWaiting()
      return store.lock(protection === 'passphrase')
    },
    /**
     * Protects the desk with a passphrase (null: with the system keyring again); the desk must be
     * open. A new desk key is made each time (store/rekey.ts), so an old copy of the key file opens
     * nothing. Changing or removing a passphrase takes the current one; leaving the key without a
     * keyring's protection takes `acceptWeak`, after the reporter was told.
     */
    setPassphrase(passphrase: string | null, current: string | null = null, acceptWeak = false): KeyProtection {
      const key = currentKey()
      if (passphrase !== null && [...passphrase.trim()].length < 8) throw new AppError('INVALID_PAYLOAD', 'a passphrase needs at least 8 characters', 'weak-passphrase')
      const file = readKeyFile(options.dataDir)
      if (file?.protection === 'passphrase') {
        let opened: Buffer | null = null
        try {
          opened = current === null ? null : unwrap(file, options.platform.secrets, current)
        } catch {
          opened = null
        }
        if (opened === null || !opened.equals(key)) throw new AppError('INVALID_PAYLOAD', 'the current passphrase is needed to change or remove it', 'wrong-passphrase')
        opened.fill(0)
      }
      if (passphrase === null && options.platform.secrets.storage() !== 'os' && !acceptWeak)
        throw new AppError('INVALID_STATE', 'this system has no keyring: the desk key would be kept unprotected', 'unprotected-key')
      const step = options.keyChangeStep
      let begun: { newKey: Buffer; newFile: KeyFile }
      try {
        begun = beginKeyChange({
          dataDir: options.dataDir,
          oldKey: key,
          wrap: (k) => (passphrase === null ? wrapWithoutAsking(k, options.platform.secrets) : wrapWithPassphrase(k, passphrase)),
          resealMedia: (k) => void media.resealAll(k),
          step
        })
      } catch (error) {
        abandonKeyChange(options.dataDir, dbFile)
        media.sweepStale()
        throw error
      }
      let swapped = false
      const newKey = store.changeKey(() => {
        // Until the store is swapped a failure undoes the change; after, the change stands (the store holds the new key).
        try {
          completeKeyChange({
            dataDir: options.dataDir,
            dbFile,
            oldKey: key,
            ...begun,
            nativeBinding: options.nativeBinding,
            step: (s) => ((swapped ||= s === 'store-swap'), step?.(s))
          })
        } catch (error) {
          if (!swapped) abandonKeyChange(options.dataDir, dbFile)
          throw error
        }
        // The new key is the desk's before the store opens with it (what opens it sweeps the images the old key sealed).
        openKey = begun.newKey
        media.forgetKeys()
        return begun.newKey
      })
      if (newKey !== key) key.fill(0)
      protection = readKeyFile(options.dataDir)!.protection
      return protection
    },
    articles,
    notes,
    revisions,
    media,
    settings,
    flush,
    sync,
    search,
    proofing,
    review,
    bundles,
    wipe,
    signing,
    updates,
    /** Told the network setting when the desk opens and whenever it changes (the app points Chromium's sessions at it: the updater's downloads). */
    onNetworkChange(listener: (setting: NetworkSetting) => void): () => void {
      networkListeners.add(listener)
      if (store.status().state === 'ready') listener(settings.get().network)
      return () => networkListeners.delete(listener)
    },
    /** Sync progress, for the window (Electron) or the page (test host) to forward as `sync:progress`. */
    onSyncProgress(listener: (progress: SyncProgress) => void): () => void {
      progressListeners.add(listener)
      return () => progressListeners.delete(listener)
    },
    close: () => {
      updates.stop()
      sync.cancel()
      void network.close()
      search.close()
      proofing.close()
      store.close()
    }
  }
}
