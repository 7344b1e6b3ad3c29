import { createHash, createPublicKey, verify } from 'node:crypto'
import { copyFileSync, chmodSync, createReadStream, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { z } from 'zod'
import type { InstallerProblem } from '@shared/domain/updates'

/** An installer bigger than this is not Qalam's (ours are about 150 MB). */
export const MAX_INSTALLER_BYTES = 1024 * 1024 * 1024
/** The signature file beside it is a few hundred bytes of JSON. */
export const MAX_SIGNATURE_BYTES = 4096
export const SIGNATURE_FORMAT = 'qalam-update-1'

/** `<installer>.sig`: what the release workflow signs with the publisher's Ed25519 key (scripts/sign-update.ts). */
export const signatureSchema = z
  .object({
    format: z.literal(SIGNATURE_FORMAT),
    file: z.string().min(1).max(255),
    version: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/),
    sha512: z.string().regex(/^[0-9a-f]{128}$/),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/)
  })
  .strict()
export type InstallerSignature = z.infer<typeof signatureSchema>

/** The bytes the publisher signs: the format, the file's name, its version and its SHA-512. */
export function signedMessage(s: Pick<InstallerSignature, 'file' | 'version' | 'sha512'>): Buffer {
  return Buffer.from(`${SIGNATURE_FORMAT}\n${s.file}\n${s.version}\n${s.sha512}\n`, 'utf8')
}

/** 1.10.0 > 1.9.3: numeric, part by part. */
export function newerVersion(candidate: string, current: string): boolean {
  const a = candidate.split('.').map(Number)
  const b = current
    .replace(/[-+].*$/, '')
    .split('.')
    .map(Number)
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  return false
}

/**
 * A `.sig`'s bytes checked for the file named `fileName`: Qalam's format, the publisher's key
 * built into the app, this file's name, and a version newer than the one running (and, for an
 * update the feed offered, that version). What is left to check is the file's SHA-512.
 */
export function checkSignature(
  bytes: Uint8Array,
  fileName: string,
  options: { publicKeyPem: string; currentVersion: string; version?: string }
): InstallerSignature | { problem: InstallerProblem } {
  if (bytes.length > MAX_SIGNATURE_BYTES) return { problem: 'bad-signature' }
  let signature: InstallerSignature
  try {
    const parsed = signatureSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')))
    if (!parsed.success) return { problem: 'bad-signature' }
    signature = parsed.data
  } catch {
    return { problem: 'bad-signature' }
  }
  let key
  try {
    key = createPublicKey(options.publicKeyPem)
  } catch {
    return { problem: 'bad-signature' }
  }
  if (!verify(null, signedMessage(signature), key, Buffer.from(signature.signature, 'base64'))) return { problem: 'bad-signature' }
  // A signature is for one file: another signed installer's .sig does not carry over.
  if (signature.file !== fileName) return { problem: 'wrong-file' }
  if (!newerVersion(signature.version, options.currentVersion)) return { problem: 'not-newer' }
  if (options.version !== undefined && signature.version !== options.version) return { problem: 'wrong-file' }
  return signature
}

/** A file's SHA-512 in hex, read as a stream (an installer is too big to read into memory at once). */
export async function sha512Of(path: string): Promise<string> {
  const hash = createHash('sha512')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

/**
 * An update electron-updater downloaded (its SHA-512 checked against the same feed, which proves
 * nothing if the feed is the attacker's): accepted only with the publisher's signature over this
 * file, fetched beside it, for the version the feed offered. Every platform, AppImage and deb too.
 */
export async function verifyDownloadedUpdate(
  path: string,
  signature: Uint8Array | null,
  options: { publicKeyPem: string; currentVersion: string; version: string }
): Promise<{ ok: true } | { ok: false; problem: InstallerProblem }> {
  if (signature === null) return { ok: false, problem: 'unsigned' }
  const checked = checkSignature(signature, basename(path), options)
  if ('problem' in checked) return { ok: false, problem: checked.problem }
  try {
    if ((await sha512Of(path)) !== checked.sha512) return { ok: false, problem: 'bad-signature' }
  } catch {
    return { ok: false, problem: 'unreadable' }
  }
  return { ok: true }
}

export type Verified = { ok: true; version: string; copy: string; remove: () => void } | { ok: false; problem: InstallerProblem }

/**
 * An installer from a USB stick or a messenger, accepted only with the publisher's
 * signature: `<file>.sig` must name this file, a newer version than the one running, and
 * the SHA-512 of the bytes, signed by the key built into the app. The file is copied into a
 * private folder first and the copy is what is hashed and later run, so nothing can change
 * it between the check and the install.
 */
export async function verifySignedInstaller(path: string, options: { publicKeyPem: string; currentVersion: string; maxBytes?: number }): Promise<Verified> {
  let info
  try {
    info = lstatSync(path)
  } catch {
    return { ok: false, problem: 'unreadable' }
  }
  if (!info.isFile()) return { ok: false, problem: 'unreadable' }
  if (info.size > (options.maxBytes ?? MAX_INSTALLER_BYTES)) return { ok: false, problem: 'too-large' }
  let sigBytes: Buffer
  try {
    const sigPath = `${path}.sig`
    if (statSync(sigPath).size > MAX_SIGNATURE_BYTES) return { ok: false, problem: 'bad-signature' }
    sigBytes = readFileSync(sigPath)
  } catch (error) {
    return { ok: false, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'unsigned' : 'bad-signature' }
  }
  const checked = checkSignature(sigBytes, basename(path), options)
  if ('problem' in checked) return { ok: false, problem: checked.problem }
  const signature = checked
  const dir = mkdtempSync(join(tmpdir(), 'qalam-installer-'))
  madeHere.add(dir)
  chmodSync(dir, 0o700)
  const copy = join(dir, basename(path))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    copyFileSync(path, copy)
    if ((await sha512Of(copy)) !== signature.sha512) {
      remove()
      return { ok: false, problem: 'bad-signature' }
    }
  } catch {
    remove()
    return { ok: false, problem: 'unreadable' }
  }
  return { ok: true, version: signature.version, copy, remove }
}

/** How long an installer's checked copy is kept for the installer running from it. */
export const INSTALLER_COPY_MAX_AGE_MS = 60 * 60 * 1000

/** The copies this run of Qalam made: the panic wipe removes them however new. */
const madeHere = new Set<string>()

/**
 * Removes the copies of installers made for checking (`qalam-installer-*` in the temporary folder):
 * those older than `maxAgeMs`, and with `ours` every one this run made. The installer runs from its
 * copy, so a copy goes on a later start, a later check, or the panic wipe.
 */
export function sweepInstallerCopies(maxAgeMs: number, options: { ours?: boolean; now?: number; dir?: string } = {}): number {
  const now = options.now ?? Date.now()
  const dir = options.dir ?? tmpdir()
  let removed = 0
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return 0
  }
  for (const name of names) {
    if (!name.startsWith('qalam-installer-')) continue
    const path = join(dir, name)
    try {
      const info = lstatSync(path)
      if (!info.isDirectory() || (now - info.mtimeMs < maxAgeMs && !(options.ours === true && madeHere.has(path)))) continue
      rmSync(path, { recursive: true, force: true })
      madeHere.delete(path)
      removed++
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}
