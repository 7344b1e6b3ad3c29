import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs'
import { destroyFile, syncFolder, writeFileDurably } from '../durable'
import { basename, join } from 'node:path'
import { AppError, notFound } from '../errors'
import * as mediaRepo from '../store/repositories/media'
import * as articleSyncRepo from '../store/repositories/article-sync'
import { snapshotHash } from '../document/local-form'
import type { Snapshot } from '../document/merge'
import type { Db } from '../store/connection'
import type { ImportedImage, MediaItem } from '@shared/domain/article'
import type { Dialogs } from '../platform/types'
import { isMediaId } from '@shared/domain/media'
import { MAX_IMAGE_BYTES, cleanImage } from '../media/clean'
import { convertHeic } from '../media/heic'
import { heifBrand } from '../media/isobmff'
import { mediaKeys, open as openSealed, seal, sealedName, type MediaKeys } from '../media/sealed'

export { MAX_IMAGE_BYTES, sniffImageType } from '../media/clean'

/**
 * Images live as sealed files in the data folder (media/sealed.ts: encrypted with a key
 * derived from the desk key, named by an HMAC of their id); documents refer to them by
 * id, and they are read back decrypted only through here.
 */
export class MediaService {
  readonly dir: string
  private keysFor: { deskKey: Buffer; keys: MediaKeys } | null = null

  constructor(private readonly deps: { db: () => Db; now: () => number; dialogs: Dialogs; dataDir: string; deskKey: () => Buffer }) {
    this.dir = join(deps.dataDir, 'media')
  }

  /** Lets go of the derived keys (the desk locked or was wiped). */
  forgetKeys(): void {
    this.keysFor?.keys.seal.fill(0)
    this.keysFor?.keys.name.fill(0)
    this.keysFor = null
  }

  /** The media keys of the desk key now in use (a wipe makes a new one). */
  private keys(): MediaKeys {
    const deskKey = this.deps.deskKey()
    if (this.keysFor === null || !this.keysFor.deskKey.equals(deskKey)) this.keysFor = { deskKey, keys: mediaKeys(deskKey) }
    return this.keysFor.keys
  }

  private fileOf(id: string): string {
    return join(this.dir, sealedName(this.keys(), id))
  }

  /** Whether this image goes to the site at full size; `fullSize` sets it first. An image that is not here is NOT_FOUND. */
  fullSize(id: string, fullSize?: boolean): boolean {
    const db = this.deps.db()
    if (mediaRepo.findMedia(db, id) === undefined) throw notFound('image', id)
    if (fullSize !== undefined) mediaRepo.setFullSize(db, id, fullSize)
    return mediaRepo.findMedia(db, id)!.fullSize === true
  }

  /** An image's bytes, decrypted; null for an id that is not one of ours or a file missing, damaged or swapped. */
  read(id: string): Buffer | null {
    if (!isMediaId(id)) return null
    let sealed: Buffer
    try {
      sealed = readFileSync(this.fileOf(id))
    } catch {
      return null
    }
    return openSealed(this.keys(), id, sealed)
  }

  /** Whether the image is stored here. */
  has(id: string): boolean {
    return isMediaId(id) && existsSync(this.fileOf(id))
  }

  /** Lets the user pick an image and imports it; null if they cancelled. */
  async pickImage(): Promise<ImportedImage | null> {
    const path = await this.deps.dialogs.pickImageFile()
    if (path === null) return null
    return this.importPhotoFile(path)
  }

  /** An image pasted or dropped into an article, as base64 (the IPC bound keeps it under 50 MB of image). */
  importPasted(name: string, base64: string): Promise<ImportedImage> {
    const bytes = Buffer.from(base64, 'base64')
    if (bytes.length === 0) throw new AppError('INVALID_PAYLOAD', `${name || 'the pasted image'} is empty`, 'not-image')
    return this.importPhoto(bytes, name.trim() === '' ? 'pasted image' : name)
  }

  /** Copies an image file into the data folder (once per distinct content); a HEIC photo is refused here (see importPhotoFile). */
  importFile(path: string): ImportedImage {
    return this.importBytes(this.readImageFile(path), basename(path))
  }

  /** A photo file the reporter picked: as importFile, and a HEIC photo made into a JPEG first. */
  importPhotoFile(path: string): Promise<ImportedImage> {
    return this.importPhoto(this.readImageFile(path), basename(path))
  }

  private readImageFile(path: string): Buffer {
    let size: number
    try {
      size = statSync(path).size
    } catch {
      throw new AppError('IO_ERROR', `cannot read ${basename(path)}`)
    }
    if (size > MAX_IMAGE_BYTES) throw new AppError('INVALID_PAYLOAD', `${basename(path)} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 'image-too-large')
    return readFileSync(path)
  }

  /**
   * A photo a reporter adds (picked, pasted, dropped): a HEIC from an iPhone is made into a
   * JPEG first, off the main process (media/heic.ts), and that JPEG goes through the same door
   * as any image. The name it came with is kept, so the reporter still sees "IMG_0042.HEIC".
   */
  async importPhoto(bytes: Uint8Array, name: string): Promise<ImportedImage> {
    if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('INVALID_PAYLOAD', `${name} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 'image-too-large')
    if (heifBrand(bytes) !== 'heic') return this.importBytes(bytes, name)
    const converted = await convertHeic(bytes, name)
    const imported = this.importBytes(converted.jpeg, name)
    return { ...imported, removed: [...new Set([...converted.removed, ...imported.removed])] }
  }

  /**
   * Stores an image in the data folder (once per distinct content), **after** taking out
   * its location, camera, owner, times and thumbnails (media/clean.ts): what was never
   * stored cannot leak through a seized laptop, a bundle or an upload.
   */
  importBytes(bytes: Uint8Array, name: string): ImportedImage {
    const clean = cleanImage(bytes, name)
    const db = this.deps.db()
    const existing = mediaRepo.findMediaBySha(db, clean.sha256)
    if (existing !== undefined && this.has(existing.id)) return { ...existing, removed: clean.removed }
    const item: MediaItem = {
      id: existing?.id ?? clean.id,
      mime: clean.mime,
      bytes: clean.bytes.length,
      originalName: name.slice(0, 255),
      createdAt: this.deps.now()
    }
    this.writeDurably(item.id, clean.bytes)
    if (existing === undefined) mediaRepo.insertMedia(db, { ...item, sha256: clean.sha256 })
    return { ...item, removed: clean.removed }
  }

  /**
   * Cleans the images an earlier version stored with their metadata (migration 0160):
   * each is cleaned, written under its new id, renamed everywhere in one transaction
   * (sync bases too, with their hashes, so the article does not look changed), and its
   * old file deleted. Run when the store opens; an image that cannot be read is left
   * for the next start and counted.
   */
  cleanEarlierImages(): { cleaned: number; failed: number } {
    const db = this.deps.db()
    let cleaned = 0
    let failed = 0
    for (const item of mediaRepo.listUncleanedMedia(db)) {
      let clean
      try {
        clean = cleanImage(readFileSync(join(this.dir, item.id)), item.originalName)
      } catch {
        failed++
        continue
      }
      // The plain file an earlier version wrote goes in every case: its cleaned copy is stored sealed, under another name.
      this.writeDurably(clean.id, clean.bytes)
      db.transaction(() => {
        if (clean.id === item.id) {
          mediaRepo.markMediaCleaned(db, item.id)
          mediaRepo.discardFile(db, item.id)
          return
        }
        mediaRepo.renameMedia(db, item.id, { ...item, id: clean.id, bytes: clean.bytes.length, sha256: clean.sha256 })
        for (const link of articleSyncRepo.listArticleSyncs(db)) {
          if (link.base === null || !JSON.stringify(link.base).includes(item.id)) continue
          const base = JSON.parse(JSON.stringify(link.base).split(item.id).join(clean.id)) as Snapshot
          articleSyncRepo.updateArticleSync(db, link.articleId, { base, baseHash: link.baseHash === null ? null : snapshotHash(base) })
        }
      })()
      cleaned++
    }
    this.deleteDiscarded()
    return { cleaned, failed }
  }

  /** Deletes the files of images replaced by cleaned copies (listed in the same transaction that replaced them). */
  private deleteDiscarded(): void {
    const db = this.deps.db()
    for (const file of mediaRepo.listDiscarded(db)) {
      if (!isMediaId(file)) continue
      rmSync(join(this.dir, file), { force: true })
      mediaRepo.forgetDiscarded(db, file)
    }
    syncFolder(this.dir)
  }

  /**
   * Every image sealed again under a new desk key, written beside the old files under the new
   * key's names (the old ones go once the change is done: `sweepStale`). An image whose file is
   * missing or unreadable stays as it was.
   */
  resealAll(newKey: Buffer): number {
    const newKeys = mediaKeys(newKey)
    let count = 0
    try {
      for (const id of mediaRepo.listMediaIds(this.deps.db())) {
        const plain = this.read(id)
        if (plain === null) continue
        mkdirSync(this.dir, { recursive: true })
        writeFileDurably(join(this.dir, sealedName(newKeys, id)), seal(newKeys, id, plain))
        plain.fill(0)
        count++
      }
    } finally {
      newKeys.seal.fill(0)
      newKeys.name.fill(0)
    }
    return count
  }

  /**
   * Removes sealed files that no image of this store has under the current key: what an old desk
   * key sealed (after a key change, or one a crash interrupted), and files left half-written.
   * Each is overwritten before it goes. Files of images an earlier version stored plain are left
   * to cleanEarlierImages.
   */
  sweepStale(): number {
    if (!existsSync(this.dir)) return 0
    const current = new Set(mediaRepo.listMediaIds(this.deps.db()).map((id) => sealedName(this.keys(), id)))
    let removed = 0
    for (const name of readdirSync(this.dir)) {
      if (!(name.endsWith('.qm') || name.endsWith('.qm.partial')) || current.has(name)) continue
      destroyFile(join(this.dir, name))
      removed++
    }
    if (removed > 0) syncFolder(this.dir)
    return removed
  }

  /** Seals an image and writes it so that a crash leaves the whole file or none. */
  private writeDurably(id: string, plain: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true })
    writeFileDurably(this.fileOf(id), seal(this.keys(), id, plain))
  }
}
