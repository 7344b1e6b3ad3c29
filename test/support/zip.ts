import { createHash } from 'node:crypto'
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { newSigningKey, signManifest } from '@main/bundle/signature'
import { newAgeIdentity } from '@main/bundle/seal'

/**
 * What an attacker does to a zip: the central directory's entries found and patched
 * by hand (declared sizes, names, where an entry's data starts), and a bundle
 * re-signed (its manifest's hashes recomputed) after its files were changed: the
 * manifest's hashes are a check against damage, not a signature.
 */

export interface CentralEntry {
  /** Where the entry's central record starts. */
  at: number
  name: string
  localOffset: number
}

export function centralEntries(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = zip.length - 22
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--
  const count = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  const out: CentralEntry[] = []
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true)
    out.push({ at, name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)), localOffset: view.getUint32(at + 42, true) })
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return out
}

/** Writes a 32-bit little-endian number into a copy of the zip. */
export function patch32(zip: Uint8Array, at: number, value: number): Uint8Array {
  const copy = zip.slice()
  new DataView(copy.buffer).setUint32(at, value, true)
  return copy
}

/** Sets an entry's declared uncompressed size, in its central record and its local header. */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const entry = centralEntries(zip).find((e) => e.name === name)!
  return patch32(patch32(zip, entry.at + 24, size), entry.localOffset + 22, size)
}

/** Renames an entry to a name of the same length, in both headers. */
export function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  const copy = zip.slice()
  const entry = centralEntries(copy).find((e) => e.name === from)!
  copy.set(strToU8(to), entry.at + 46)
  copy.set(strToU8(to), entry.localOffset + 30)
  return copy
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/**
 * A bundle with some files changed and its manifest made to match, as a forger would.
 * The forger cannot sign as the sender: by default they sign with a key of their own under
 * the name `signer` (a stranger's key, which verifies), or the signature is dropped (an
 * unsigned file, refused unless allowed), or kept (and no longer matches).
 */
export function forgeBundle(
  bundle: Uint8Array,
  change: (files: Record<string, unknown>) => void,
  addFiles: Record<string, Uint8Array> = {},
  options: { signature?: 'stranger' | 'drop' | 'keep'; signer?: string } = {}
): Uint8Array {
  const files = { ...unzipSync(bundle), ...addFiles }
  if (options.signature !== 'keep') delete files['signature.json']
  const json: Record<string, unknown> = {}
  for (const name of ['article.json', 'review.json', 'revisions.json']) json[name] = JSON.parse(strFromU8(files[name]!))
  change(json)
  for (const name of Object.keys(json)) files[name] = strToU8(JSON.stringify(json[name]))
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: { path: string; sha256: string; bytes: number }[] }
  manifest.files = Object.keys(files)
    .filter((p) => p !== 'manifest.json' && p !== 'signature.json')
    .map((path) => ({ path, sha256: sha256(files[path]!), bytes: files[path]!.length }))
  files['manifest.json'] = strToU8(JSON.stringify(manifest))
  if ((options.signature ?? 'stranger') === 'stranger')
    files['signature.json'] = signManifest(files['manifest.json'], newSigningKey(), options.signer ?? 'غريب', newAgeIdentity().recipient)
  return zipSync(files as Zippable)
}

/**
 * The overlapping zip bomb: more central records, under other names of the same length,
 * all pointing at the first entry's data, so a few KB of deflate declare many times over.
 */
export function overlapEntries(zip: Uint8Array, name: string, names: string[]): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = zip.length - 22
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--
  const cdOffset = view.getUint32(eocd + 16, true)
  const entry = centralEntries(zip).find((e) => e.name === name)!
  const length = 46 + view.getUint16(entry.at + 28, true) + view.getUint16(entry.at + 30, true) + view.getUint16(entry.at + 32, true)
  const record = zip.subarray(entry.at, entry.at + length)
  const copies = names.map((n) => {
    const copy = record.slice()
    copy.set(strToU8(n), 46)
    return copy
  })
  const extra = copies.reduce((n, c) => n + c.length, 0)
  const out = new Uint8Array(zip.length + extra)
  out.set(zip.subarray(0, eocd))
  let at = eocd
  for (const c of copies) {
    out.set(c, at)
    at += c.length
  }
  out.set(zip.subarray(eocd), at)
  const end = new DataView(out.buffer)
  const count = view.getUint16(eocd + 10, true) + copies.length
  end.setUint16(at + 8, count, true)
  end.setUint16(at + 10, count, true)
  end.setUint32(at + 12, view.getUint32(eocd + 12, true) + extra, true)
  end.setUint32(at + 16, cdOffset, true)
  return out
}
