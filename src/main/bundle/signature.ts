import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { strFromU8, strToU8 } from 'fflate'
import { z } from 'zod'
import { Refused } from './format'

/**
 * Bundles say who made them: the manifest (which names every file by its SHA-256), the
 * sender's age recipient and the name they sign as are signed with the sender's Ed25519 key
 * (Node's crypto) under a fixed context, in `signature.json` beside the manifest.
 * A signature that does not verify refuses the bundle; a good one names its key by a
 * short fingerprint the two people can compare by phone.
 */

export const SIGNATURE_FILE = 'signature.json'
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex')

const signatureSchema = z
  .object({
    /** 2: the signer's name and recipient are signed with the manifest, under a fixed context (version 1 signed the manifest alone). */
    version: z.literal(2),
    algorithm: z.literal('ed25519'),
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
    signer: z.string().max(200),
    /** The sender's age recipient, to seal bundles back to them (signed with the manifest). */
    recipient: z
      .string()
      .regex(/^age1[02-9ac-hj-np-z]{58}$/)
      .optional(),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/)
  })
  .strict()

export interface SigningIdentity {
  privateKey: Buffer
  publicKey: Buffer
}

export function newSigningKey(): SigningIdentity {
  const pair = generateKeyPairSync('ed25519')
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' })
  return { privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }), publicKey: spki.subarray(SPKI_ED25519.length) }
}

/** Signatures of Qalam bundles and of nothing else: the context starts the signed bytes, so no other signed message can pass for one. */
const CONTEXT = Buffer.from('qalam-bundle-signature/v2\n', 'latin1')
const field = (bytes: Uint8Array): Buffer => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

/** What is signed: the manifest, the age recipient the sender can be sealed for, and the name they sign as, each with its length. */
const signedBytes = (manifest: Uint8Array, recipient: string, signer: string) =>
  Buffer.concat([CONTEXT, field(manifest), field(Buffer.from(recipient, 'latin1')), field(Buffer.from(signer, 'utf8'))])

/** Twenty hex digits of the key's SHA-256, in groups of four: short enough to read out. */
export function fingerprintOf(publicKey: Buffer): string {
  return (createHash('sha256').update(publicKey).digest('hex').slice(0, 20).match(/.{4}/g) ?? []).join(' ')
}

export function signManifest(manifest: Uint8Array, identity: SigningIdentity, signer: string, recipient: string): Uint8Array {
  const privateKey = createPrivateKey({ key: identity.privateKey, format: 'der', type: 'pkcs8' })
  const name = signer.slice(0, 200)
  const signature = sign(null, signedBytes(manifest, recipient, name), privateKey)
  return strToU8(
    JSON.stringify({ version: 2, algorithm: 'ed25519', publicKey: identity.publicKey.toString('base64'), signer: name, recipient, signature: signature.toString('base64') })
  )
}

export interface VerifiedSignature {
  publicKey: Buffer
  fingerprint: string
  /** The name the signer gave, signed with the manifest: the key's holder chose it (it is no proof of who they are). */
  signer: string
  /** The sender's age recipient, signed with the manifest; '' from a bundle without one. */
  recipient: string
}

/** The signature checked over the manifest's bytes: refused as 'bad-signature' when it does not verify or is not one Qalam writes. */
export function verifyManifest(manifest: Uint8Array, signatureFile: Uint8Array): VerifiedSignature {
  let parsed
  try {
    parsed = signatureSchema.safeParse(JSON.parse(strFromU8(signatureFile)))
  } catch {
    throw new Refused('bad-signature', 'the signature is not JSON')
  }
  if (!parsed.success) {
    const older = (() => {
      try {
        return (JSON.parse(strFromU8(signatureFile)) as { version?: unknown }).version === undefined
      } catch {
        return false
      }
    })()
    throw new Refused(
      'bad-signature',
      older ? 'the signature is an older Qalam’s, which did not sign the sender’s name: ask the sender to update Qalam' : 'the signature is not one Qalam writes'
    )
  }
  const publicKey = Buffer.from(parsed.data.publicKey, 'base64')
  let good = false
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' })
    good = verify(null, signedBytes(manifest, parsed.data.recipient ?? '', parsed.data.signer), key, Buffer.from(parsed.data.signature, 'base64'))
  } catch {
    good = false
  }
  if (!good) throw new Refused('bad-signature', 'the signature does not match the bundle: it was changed after it was signed')
  return { publicKey, fingerprint: fingerprintOf(publicKey), signer: parsed.data.signer, recipient: parsed.data.recipient ?? '' }
}
