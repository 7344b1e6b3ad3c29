import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { z } from 'zod'
import { overwriteInPlace, syncFile, syncFolder, writeFileDurably } from '../durable'
import { applyKey, rekeyCopy } from './connection'
import { DeskKeyError, KEY_FILE, parseKeyFile, readKeyFile, unwrap, writeKeyFile, type KeyFile } from './desk-key'
import type { Secrets } from '../platform/types'

/**
 * A new desk key whenever the desk's protection changes (a passphrase set, changed or removed):
 * re-wrapping the same key would leave every old copy of `desk-key.json` (a backup, a forensic
 * image, blocks carved from the disk) able to open the desk without the passphrase. The store is
 * re-encrypted with the new key (SQLite3MultipleCiphers' rekey, on a copy), the images re-sealed,
 * and the old key file overwritten in place before it is replaced.
 *
 * A crash at any point leaves a desk that opens: `desk-key.next.json` is written first and holds
 * the new key twice, wrapped as the new protection wants and encrypted under the old key. At the
 * next start, `recoverKeyChange` finishes the change if the store already holds the new key (its
 * file was swapped in), or undoes it if not; images sealed under the key not kept are removed once
 * the store is open (MediaService.sweepStale).
 */

export const NEXT_KEY_FILE = 'desk-key.next.json'
const REKEYING = '.rekeying'

const b64 = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9+/=]*$/)
const nextSchema = z
  .object({
    format: z.literal(1),
    /** The new key as the new protection wraps it: what desk-key.json becomes. */
    file: z.unknown(),
    /** The new key under the old one (AES-256-GCM), so the old protection opens a desk caught half-way. */
    underOld: z.object({ iv: b64, tag: b64, sealed: b64 }).strict()
  })
  .strict()

/** Steps of a change, named so the crash tests can stop at each. */
export type RekeyStep = 'journal' | 'media' | 'store-copy' | 'store-swap' | 'key-overwrite' | 'key-file' | 'done'

function sealUnder(key: Buffer, secret: Buffer): { iv: string; tag: string; sealed: string } {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()])
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), sealed: sealed.toString('base64') }
}

function openUnder(key: Buffer, box: { iv: string; tag: string; sealed: string }): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'))
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'))
    const out = Buffer.concat([decipher.update(Buffer.from(box.sealed, 'base64')), decipher.final()])
    return out.length === 32 ? out : null
  } catch {
    return null
  }
}

/** Whether the store file opens with this key (read only: nothing is written to it). */
export function storeOpensWith(file: string, key: Buffer, nativeBinding?: string): boolean {
  if (!existsSync(file)) return false
  let db: Database.Database | null = null
  try {
    db = new Database(file, { nativeBinding, readonly: true, fileMustExist: true })
    applyKey(db, key)
    db.pragma('user_version', { simple: true })
    return true
  } catch {
    return false
  } finally {
    db?.close()
  }
}

/**
 * The first half of a key change, while the store is still open: a new key, the journal that
 * lets a crash be recovered from, and every image sealed again under the new key (beside the old
 * files). Nothing the desk reads has changed yet.
 */
export function beginKeyChange(change: {
  dataDir: string
  oldKey: Buffer
  /** The new key wrapped as the new protection wants it. */
  wrap: (key: Buffer) => KeyFile
  /** Re-seals every image under the new key, beside the old files (which stay until the change is done). */
  resealMedia: (newKey: Buffer) => void
  step?: (step: RekeyStep) => void
}): { newKey: Buffer; newFile: KeyFile } {
  const step = change.step ?? (() => undefined)
  const newKey = randomBytes(32)
  const newFile = change.wrap(newKey)
  writeFileDurably(join(change.dataDir, NEXT_KEY_FILE), JSON.stringify({ format: 1, file: newFile, underOld: sealUnder(change.oldKey, newKey) }), 0o600)
  step('journal')
  change.resealMedia(newKey)
  step('media')
  return { newKey, newFile }
}

/**
 * The second half, with the store's connection closed: the store re-encrypted on a copy, checked,
 * swapped in (the point of no return), the old key file overwritten in place and replaced.
 */
export function completeKeyChange(change: {
  dataDir: string
  dbFile: string
  oldKey: Buffer
  newKey: Buffer
  newFile: KeyFile
  nativeBinding?: string
  step?: (step: RekeyStep) => void
}): void {
  const { dbFile, newKey } = change
  const step = change.step ?? (() => undefined)
  const copy = dbFile + REKEYING
  rmSync(copy, { force: true })
  copyFileSync(dbFile, copy)
  rekeyCopy(copy, change.oldKey, newKey, change.nativeBinding, 'the store re-encrypted with the new key did not check out; nothing was changed')
  syncFile(copy)
  step('store-copy')
  renameSync(copy, dbFile)
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true })
  syncFolder(dirname(dbFile))
  step('store-swap')
  finish(change.dataDir, change.newFile, step)
}

/** A change that failed before the store was swapped: the journal goes (images sealed under the new key are swept). */
export function abandonKeyChange(dataDir: string, dbFile: string): void {
  rmSync(dbFile + REKEYING, { force: true })
  overwriteInPlace(join(dataDir, NEXT_KEY_FILE))
  rmSync(join(dataDir, NEXT_KEY_FILE), { force: true })
  syncFolder(dataDir)
}

/** The old key file overwritten where it lies, the new one put in its place, the journal removed. */
function finish(dataDir: string, newFile: KeyFile, step: (s: RekeyStep) => void): void {
  overwriteInPlace(join(dataDir, KEY_FILE))
  step('key-overwrite')
  writeKeyFile(dataDir, newFile)
  step('key-file')
  overwriteInPlace(join(dataDir, NEXT_KEY_FILE))
  rmSync(join(dataDir, NEXT_KEY_FILE), { force: true })
  syncFolder(dataDir)
  step('done')
}

/**
 * A key change a crash interrupted, finished or undone before the desk opens (see the file
 * comment). Returns false when a passphrase is needed to tell and none (or the wrong one) was given.
 */
export function recoverKeyChange(dataDir: string, dbFile: string, secrets: Secrets, passphrase: string | null, nativeBinding?: string): boolean {
  const nextPath = join(dataDir, NEXT_KEY_FILE)
  rmSync(dbFile + REKEYING, { force: true })
  if (!existsSync(nextPath)) return true
  let next: z.infer<typeof nextSchema>
  let newFile: KeyFile
  try {
    next = nextSchema.parse(JSON.parse(readFileSync(nextPath, 'utf8')))
    newFile = parseKeyFile(next.file)
  } catch {
    // A journal that was never completely written: the change had not begun.
    rmSync(nextPath, { force: true })
    return true
  }
  const attempt = (work: () => Buffer | null): Buffer | null => {
    try {
      return work()
    } catch (error) {
      if (error instanceof DeskKeyError) return null
      throw error
    }
  }
  let oldFile: KeyFile | null = null
  try {
    oldFile = readKeyFile(dataDir)
  } catch {
    oldFile = null // overwritten in place: the crash came after the point of no return
  }
  const oldKey = oldFile === null ? null : attempt(() => unwrap(oldFile, secrets, passphrase))
  const newKey = attempt(() => unwrap(newFile, secrets, passphrase)) ?? (oldKey === null ? null : openUnder(oldKey, next.underOld))
  if (newKey !== null && storeOpensWith(dbFile, newKey, nativeBinding)) {
    finish(dataDir, newFile, () => undefined)
    return true
  }
  if (oldKey !== null) {
    // The store still holds the old key: the change is undone (images sealed under the new one are swept once it opens).
    overwriteInPlace(nextPath)
    rmSync(nextPath, { force: true })
    syncFolder(dataDir)
    return true
  }
  return false
}
