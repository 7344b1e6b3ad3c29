/**
 * Signs installers for "update from a file" (src/main/updates/signed-installer.ts): writes
 * `<installer>.sig` with the SHA-512 of the file, its name and version, signed with the
 * publisher's Ed25519 key from QALAM_UPDATE_SIGNING_KEY (a PKCS#8 PEM, kept only in the
 * release workflow's secrets).
 *
 *   node --import tsx scripts/sign-update.ts release/1.2.0/Qalam-Setup-1.2.0.exe …
 *   node --import tsx scripts/sign-update.ts --generate   # a new key pair: the public half is
 *                                                         # written into publisher-key.ts, the
 *                                                         # private half printed for the secret
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto'
import { createReadStream, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { SIGNATURE_FORMAT, signedMessage, type InstallerSignature } from '../src/main/updates/signed-installer'

const ROOT = resolve(import.meta.dirname, '..')

export async function signInstaller(path: string, privateKeyPem: string, version: string): Promise<InstallerSignature> {
  const hash = createHash('sha512')
  await pipeline(createReadStream(path), hash)
  const body = { file: basename(path), version, sha512: hash.digest('hex') }
  const signature = sign(null, signedMessage(body), createPrivateKey(privateKeyPem)).toString('base64')
  const sig: InstallerSignature = { format: SIGNATURE_FORMAT, ...body, signature }
  writeFileSync(`${path}.sig`, JSON.stringify(sig, null, 2))
  return sig
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  if (args[0] === '--generate') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const file = join(ROOT, 'src/main/updates/publisher-key.ts')
    writeFileSync(
      file,
      `/**\n * The publisher's Ed25519 public key: an installer from a file is accepted only with a\n * signature it verifies (scripts/sign-update.ts). Its private half is only in the release\n * workflow's secret QALAM_UPDATE_SIGNING_KEY.\n */\nexport const PUBLISHER_KEY_PEM = ${JSON.stringify(pem)}\n`
    )
    console.log(`public key written to ${file}; the private key for QALAM_UPDATE_SIGNING_KEY:\n${privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`)
    return
  }
  const key = process.env.QALAM_UPDATE_SIGNING_KEY
  if (key === undefined || key.trim() === '') throw new Error('QALAM_UPDATE_SIGNING_KEY is not set')
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
  for (const file of args) console.log(`signed ${basename(file)} ${version}: ${(await signInstaller(file, key, version)).sha512.slice(0, 16)}…`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) void main().catch((e) => (console.error(String(e)), process.exit(1)))
