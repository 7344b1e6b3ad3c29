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
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 4096))).toString('latin1')
  return /\n-> scrypt /.test(head)
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

/** The recipient of an identity this desk made (the public half, from the secret). */
export function recipientOf(identity: string): string {
  const { words } = bech32.decode(identity.toLowerCase() as `${string}1${string}`, false)
  const secret = Buffer.from(bech32.fromWords(words))
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: secret.toString('base64url'), x: '' }, format: 'jwk' })
  const x = createPublicKey(key).export({ format: 'jwk' }).x!
  return bech32.encode('age', bech32.toWords(Buffer.from(x, 'base64url')), false)
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
