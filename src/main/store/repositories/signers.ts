import type { Db } from '../connection'

/** This desk's signing key pair (Ed25519: PKCS#8 private, raw 32-byte public), if made. */
export function readIdentity(db: Db): { privateKey: Buffer; publicKey: Buffer } | undefined {
  const row = db.prepare('SELECT private_key, public_key FROM signing_identity WHERE id = 1').get() as { private_key: Buffer; public_key: Buffer } | undefined
  return row === undefined ? undefined : { privateKey: row.private_key, publicKey: row.public_key }
}

export function writeIdentity(db: Db, privateKey: Buffer, publicKey: Buffer, at: number): void {
  db.prepare('INSERT INTO signing_identity (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(privateKey, publicKey, at)
}

export interface KnownSigner {
  fingerprint: string
  publicKey: Buffer
  name: string
}

export function findSigner(db: Db, fingerprint: string): KnownSigner | undefined {
  const row = db.prepare('SELECT fingerprint, public_key, name FROM known_signers WHERE fingerprint = ?').get(fingerprint) as
    { fingerprint: string; public_key: Buffer; name: string } | undefined
  return row === undefined ? undefined : { fingerprint: row.fingerprint, publicKey: row.public_key, name: row.name }
}

export function rememberSigner(db: Db, signer: KnownSigner, at: number): void {
  db.prepare(
    `INSERT INTO known_signers (fingerprint, public_key, name, added_at) VALUES (@fingerprint, @publicKey, @name, @at)
     ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name`
  ).run({ ...signer, at })
}

/** How many recognised keys go by this name (a file that claims a known name on another key is flagged). */
export function namedSigners(db: Db, name: string): number {
  return (db.prepare('SELECT count(*) AS n FROM known_signers WHERE name = ?').get(name) as { n: number }).n
}
