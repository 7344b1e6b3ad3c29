import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Images at rest: each file is sealed with AES-256-GCM under a media key derived from
 * the desk key (HKDF-SHA256), its media id bound in as associated data (a file swapped
 * for another's is refused), and named by an HMAC of its id, so a file name says nothing
 * about the picture (a media id is a hash of the picture: a known photo could otherwise
 * be found on the disk by its name).
 */

const MAGIC = Buffer.from('QLM1', 'latin1')
const IV = 12
const TAG = 16

export interface MediaKeys {
  seal: Buffer
  name: Buffer
}

export function mediaKeys(deskKey: Buffer): MediaKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', deskKey, Buffer.alloc(0), info, 32))
  return { seal: derive('qalam media v1: seal'), name: derive('qalam media v1: file name') }
}

/** The file name an image's sealed bytes live under. */
export function sealedName(keys: MediaKeys, id: string): string {
  return `${createHmac('sha256', keys.name).update(id).digest('hex').slice(0, 40)}.qm`
}

export function seal(keys: MediaKeys, id: string, plain: Uint8Array): Buffer {
  const iv = randomBytes(IV)
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv)
  cipher.setAAD(Buffer.from(id, 'utf8'))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()])
}

/** The image's bytes, or null when the file is not this image sealed with this key (damaged, swapped, another desk's). */
export function open(keys: MediaKeys, id: string, sealed: Uint8Array): Buffer | null {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  if (bytes.length < MAGIC.length + IV + TAG || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.seal, bytes.subarray(MAGIC.length, MAGIC.length + IV))
    decipher.setAAD(Buffer.from(id, 'utf8'))
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG))
    return Buffer.concat([decipher.update(bytes.subarray(MAGIC.length + IV, bytes.length - TAG)), decipher.final()])
  } catch {
    return null
  }
}
