import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { bech32 } from '@scure/base'
import { Refused } from './format'

/**
 * Sealed bundles: the whole `.qalam` file encrypted with age (the `age-encryption`
 * package, Filippo Valsorda's TypeScript implementation of age v1), for a colleague's
 * age recipient (X25519) or with a passphrase (age's scrypt, work factor 2^18: about
 * 1.3 s here). A messenger, a mail server or a lost USB stick then holds nothing readable;
 * the `age` command-line tool opens the same files.
 */

const AGE_HEADER = 'age-encryption.org/v1\n'
type Age = typeof import('age-encryption')
let age: Promise<Age> | null = null
/** age-encryption is published as ES modules only: loaded with import(), from CommonJS too. */
const loadAge = () => (age ??= import('age-encryption'))

export function isSealed(bytes: Uint8Array): boolean {
  if (bytes.length < AGE_HEADER.length) return false
  for (let i = 0; i < AGE_HEADER.length; i++) if (bytes[i] !== AGE_HEADER.charCodeAt(i)) return false
  return true
}

/** Whether the sealed file was sealed with a passphrase (its header has an scrypt stanza). */
export function sealedWithPassphrase(bytes: Uint8Array): boolean {
  return scryptWorkFactor(bytes) !== null
}

/**
 * A new age X25519 identity and its recipient, made with Node's crypto and written in
 * age's Bech32 encoding (@scure/base, which age-encryption itself uses): synchronous, so
 * a bundle can be signed with the recipient without waiting.
 */
export function newAgeIdentity(): { identity: string; recipient: string } {
  const pair = generateKeyPairSync('x25519')
  const jwk = pair.privateKey.export({ format: 'jwk' })
  const secret = Buffer.from(jwk.d!, 'base64url')
  const publicKey = Buffer.from(jwk.x!, 'base64url')
  return {
    identity: bech32.encode('AGE-SECRET-KEY-', bech32.toWords(secret), false).toUpperCase(),
    recipient: bech32.encode('age', bech32.toWords(publicKey), false)
  }
}

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

/** The recipient of an identity this desk made (the public half, from the secret). */
export function recipientOf(identity: string): string {
  const { words } = bech32.decode(identity.toLowerCase() as `${string}1${string}`, false)
  const secret = Buffer.from(bech32.fromWords(words))
  if (secret.length !== 32) throw new Refused('sealed', "this desk's age identity is not an X25519 secret key")
  // The secret as a PKCS#8 key (RFC 8410: the fixed prefix for X25519, then the 32 bytes); a JWK
  // without its public half is refused by Node 24, which Electron embeds.
  const key = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' })
  const x = createPublicKey(key).export({ format: 'jwk' }).x!
  return bech32.encode('age', bech32.toWords(Buffer.from(x, 'base64url')), false)
}

/** The work factor Qalam seals with (age's default); a file that asks for more is refused before any scrypt runs. */
export const MAX_SCRYPT_LOG_N = 18

/** The highest scrypt work factor (log2 N) a sealed file's header asks for, or null when it has no scrypt stanza. */
export function scryptWorkFactor(bytes: Uint8Array): number | null {
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 4096))).toString('latin1')
  let highest: number | null = null
  for (const match of head.matchAll(/\n-> scrypt \S+ (\S+)/g)) {
    const logN = /^[0-9]{1,3}$/.test(match[1]!) ? Number(match[1]) : Number.POSITIVE_INFINITY
    highest = Math.max(highest ?? 0, logN)
  }
  return highest
}

export async function seal(bytes: Uint8Array, to: { passphrase: string } | { recipient: string }): Promise<Uint8Array> {
  const { Encrypter } = await loadAge()
  const encrypter = new Encrypter()
  if ('passphrase' in to) encrypter.setPassphrase(to.passphrase.normalize('NFC'))
  else encrypter.addRecipient(to.recipient)
  return encrypter.encrypt(bytes)
}

/** The bundle inside a sealed file, opened with this desk's identity or a passphrase; 'sealed' when neither opens it. */
export async function unseal(bytes: Uint8Array, keys: { identity: string; passphrase: string | null }): Promise<Uint8Array> {
  const logN = scryptWorkFactor(bytes)
  if (logN !== null && logN > MAX_SCRYPT_LOG_N)
    throw new Refused('sealed', `the bundle's passphrase demands scrypt work factor 2^${logN}; Qalam opens at most 2^${MAX_SCRYPT_LOG_N}`)
  const { Decrypter } = await loadAge()
  const decrypter = new Decrypter()
  decrypter.addIdentity(keys.identity)
  if (keys.passphrase !== null) decrypter.addPassphrase(keys.passphrase.normalize('NFC'))
  try {
    return await decrypter.decrypt(bytes)
  } catch (error) {
    throw new Refused('sealed', `the bundle is sealed and this desk cannot open it (${(error as Error).message})`)
  }
}
