import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync, existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import { AppError } from '../errors'
import * as mediaRepo from '../store/repositories/media'
import type { Db } from '../store/connection'
import type { MediaItem } from '@shared/domain/article'
import type { Dialogs } from '../platform/types'
import { isMediaId } from '@shared/domain/media'

export const MAX_IMAGE_BYTES = 50 * 1024 * 1024

/** Image types recognized by their first bytes; SVG is refused because it can carry script. */
export function sniffImageType(bytes: Uint8Array): { mime: string; ext: string } | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { mime: 'image/png', ext: 'png' }
  if (starts(0xff, 0xd8, 0xff)) return { mime: 'image/jpeg', ext: 'jpg' }
  if (starts(0x47, 0x49, 0x46, 0x38)) return { mime: 'image/gif', ext: 'gif' }
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return { mime: 'image/webp', ext: 'webp' }
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70 && bytes[8] === 0x61 && bytes[9] === 0x76) return { mime: 'image/avif', ext: 'avif' }
  return null
}

/** Images live as files in the data folder; documents refer to them by id. */
export class MediaService {
  readonly dir: string

  constructor(private readonly deps: { db: () => Db; now: () => number; dialogs: Dialogs; dataDir: string }) {
    this.dir = join(deps.dataDir, 'media')
  }

  /** Lets the user pick an image and imports it; null if they cancelled. */
  async pickImage(): Promise<MediaItem | null> {
    const path = await this.deps.dialogs.pickImageFile()
    if (path === null) return null
    return this.importFile(path)
  }

  /** Copies an image file into the data folder (once per distinct content). */
  importFile(path: string): MediaItem {
    let size: number
    try {
      size = statSync(path).size
    } catch {
      throw new AppError('IO_ERROR', `cannot read ${basename(path)}`)
    }
    if (size > MAX_IMAGE_BYTES) throw new AppError('INVALID_PAYLOAD', `the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`)
    return this.importBytes(readFileSync(path), basename(path))
  }

  /** Stores an image's bytes in the data folder (once per distinct content). */
  importBytes(bytes: Uint8Array, name: string): MediaItem {
    if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('INVALID_PAYLOAD', `the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`)
    const type = sniffImageType(bytes)
    if (type === null) throw new AppError('INVALID_PAYLOAD', `${name} is not a PNG, JPEG, GIF, WebP or AVIF image`)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const db = this.deps.db()
    const existing = mediaRepo.findMediaBySha(db, sha256)
    if (existing !== undefined && existsSync(join(this.dir, existing.id))) return existing
    const item: MediaItem = {
      id: existing?.id ?? `${sha256.slice(0, 32)}.${type.ext}`,
      mime: type.mime,
      bytes: bytes.length,
      originalName: name.slice(0, 255),
      createdAt: this.deps.now()
    }
    this.writeDurably(item.id, bytes)
    if (existing === undefined) mediaRepo.insertMedia(db, { ...item, sha256 })
    return item
  }

  /** Absolute path of a media file, or null for an id that is not one of ours. */
  pathOf(id: string): string | null {
    return isMediaId(id) ? join(this.dir, id) : null
  }

  private writeDurably(id: string, bytes: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true })
    const final = join(this.dir, id)
    const temp = `${final}.partial`
    const fd = openSync(temp, 'w')
    try {
      writeSync(fd, bytes)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, final)
    // The rename itself must reach the disk too (POSIX); Windows cannot open folders this way.
    if (process.platform !== 'win32') {
      const dir = openSync(this.dir, 'r')
      try {
        fsyncSync(dir)
      } finally {
        closeSync(dir)
      }
    }
  }
}
