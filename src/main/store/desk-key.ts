import { createCipheriv, createDecipheriv, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileDurably } from '../durable'
import { z } from 'zod'
import type { Secrets } from '../platform/types'

/**
 * The desk key: 32 random bytes that encrypt the store (SQLCipher 4 through
 * SQLite3MultipleCiphers) and, derived from it, anything else at rest. It never lies
 * on disk as it is; `desk-key.json` beside the database holds it wrapped:
 *  - 'os': by Electron's safeStorage with the system keychain (Keychain, DPAPI, libsecret);
 *  - 'obfuscated': by safeStorage's basic_text fallback (Linux with no keyring), which
 *    anyone with the files can undo, and said so in the interface;
 *  - 'passphrase': by a key derived from the reporter's passphrase (scrypt, about half a
 *    second here) with AES-256-GCM;
 *  - 'none': nowhere to wrap it (no safeStorage at all): the store is still encrypted,
 *    so a copied file is not readable text, but the key file opens it.
 */

export const KEY_FILE = 'desk-key.json'
export type KeyProtection = 'os' | 'obfuscated' | 'passphrase' | 'none'

/** scrypt's cost: N = 2^17, r = 8 takes about 0.45 s on the 2-core CI machine and 128 MiB. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 }
const b64 = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9+/=]*$/)

const keyFileSchema = z.discriminatedUnion('protection', [
  z.object({ format: z.literal(1), protection: z.enum(['os', 'obfuscated']), sealed: b64 }).strict(),
  z.object({ format: z.literal(1), protection: z.literal('none'), key: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  z
    .object({
      format: z.literal(1),
      protection: z.literal('passphrase'),
      kdf: z
        .object({
          name: z.literal('scrypt'),
          N: z
            .number()
            .int()
            .min(2 ** 14)
            .max(2 ** 20),
          r: z.number().int().min(1).max(32),
          p: z.number().int().min(1).max(4),
          salt: b64
        })
        .strict(),
      iv: b64,
      tag: b64,
      sealed: b64
    })
    .strict()
])
export type KeyFile = z.infer<typeof keyFileSchema>

export class DeskKeyError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'wrong-passphrase' | 'keyring',
    message: string
  ) {
    super(message)
    this.name = 'DeskKeyError'
  }
}

/** The key file, checked (it is read from disk: a damaged or planted one is refused, never trusted in part). */
export function readKeyFile(dataDir: string): KeyFile | null {
  const path = join(dataDir, KEY_FILE)
  if (!existsSync(path)) return null
  if (statSync(path).size > 16 * 1024) throw new DeskKeyError('unreadable', 'the key file is too large')
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new DeskKeyError('unreadable', 'the key file is not JSON')
  }
  const checked = keyFileSchema.safeParse(parsed)
  if (!checked.success) throw new DeskKeyError('unreadable', 'the key file is not one Qalam writes')
  return checked.data
}

/** A key file's contents from elsewhere (the key-change journal), checked the same way; throws when it is not one Qalam writes. */
export function parseKeyFile(value: unknown): KeyFile {
  const checked = keyFileSchema.safeParse(value)
  if (!checked.success) throw new DeskKeyError('unreadable', 'the key file is not one Qalam writes')
  return checked.data
}

/** Writes the key file so that a crash leaves the old one or the new one, never half of either. */
export function writeKeyFile(dataDir: string, file: KeyFile): void {
  writeFileDurably(join(dataDir, KEY_FILE), JSON.stringify(file), 0o600)
}

/** The key wrapped as well as this machine allows without asking the reporter anything. */
export function wrapWithoutAsking(key: Buffer, secrets: Secrets): KeyFile {
  const storage = secrets.storage()
  if (storage === 'unavailable') return { format: 1, protection: 'none', key: key.toString('hex') }
  return { format: 1, protection: storage === 'os' ? 'os' : 'obfuscated', sealed: secrets.encrypt(key.toString('hex')).toString('base64') }
}

export function wrapWithPassphrase(key: Buffer, passphrase: string): Extract<KeyFile, { protection: 'passphrase' }> {
  const salt = randomBytes(16)
  const kek = scryptSync(passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: 256 * 1024 * 1024 })
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek, iv)
  const sealed = Buffer.concat([cipher.update(key), cipher.final()])
  return {
    format: 1,
    protection: 'passphrase',
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    sealed: sealed.toString('base64')
  }
}

/** The key from its file; a passphrase file needs the passphrase (null asks for it). */
export function unwrap(file: KeyFile, secrets: Secrets, passphrase: string | null): Buffer | null {
  const key = (() => {
    switch (file.protection) {
      case 'none':
        return Buffer.from(file.key, 'hex')
      case 'os':
      case 'obfuscated':
        try {
          return Buffer.from(secrets.decrypt(Buffer.from(file.sealed, 'base64')), 'hex')
        } catch (error) {
          throw new DeskKeyError('keyring', `the system keyring could not open the desk key (${(error as Error).message})`)
        }
      case 'passphrase': {
        if (passphrase === null) return null
        const kek = scryptSync(passphrase.normalize('NFC'), Buffer.from(file.kdf.salt, 'base64'), 32, { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p, maxmem: 1024 * 1024 * 1024 })
        try {
          const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.iv, 'base64'))
          decipher.setAuthTag(Buffer.from(file.tag, 'base64'))
          return Buffer.concat([decipher.update(Buffer.from(file.sealed, 'base64')), decipher.final()])
        } catch {
          throw new DeskKeyError('wrong-passphrase', 'the passphrase does not open this desk')
        }
      }
    }
  })()
  if (key !== null && key.length !== 32) throw new DeskKeyError('unreadable', 'the desk key has the wrong length')
  return key
}

/**
 * The desk key of a data folder: read and unwrapped, or made on first use (before any
 * data is written with it). Null when a passphrase is needed and not given.
 */
export function openDeskKey(dataDir: string, secrets: Secrets, passphrase: string | null = null): { key: Buffer; protection: KeyProtection } | null {
  const existing = readKeyFile(dataDir)
  if (existing !== null) {
    const key = unwrap(existing, secrets, passphrase)
    if (key === null) return null
    // A keyring that appeared since (gnome-keyring installed, say) takes over a key that was only obfuscated or bare.
    if ((existing.protection === 'obfuscated' || existing.protection === 'none') && secrets.storage() === 'os') {
      const better = wrapWithoutAsking(key, secrets)
      writeKeyFile(dataDir, better)
      return { key, protection: better.protection }
    }
    return { key, protection: existing.protection }
  }
  const key = randomBytes(32)
  const file = wrapWithoutAsking(key, secrets)
  writeKeyFile(dataDir, file)
  // Read back what was written: a keyring that cannot open what it sealed is found now, not after the data is encrypted.
  const again = unwrap(readKeyFile(dataDir)!, secrets, null)!
  if (!timingSafeEqual(again, key)) throw new DeskKeyError('keyring', 'the system keyring did not give back the desk key')
  return { key, protection: file.protection }
}
