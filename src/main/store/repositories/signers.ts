import type { Db } from '../connection'

export interface StoredIdentity {
  /** Ed25519: PKCS#8 private key, raw 32-byte public key. */
  privateKey: Buffer
  publicKey: Buffer
  /** age X25519 identity (AGE-SECRET-KEY-1…): opens bundles sealed for this desk. */
  ageIdentity: string
}

/** This desk's keys, if made. */
export function readIdentity(db: Db): StoredIdentity | undefined {
  const row = db.prepare('SELECT private_key, public_key, age_identity FROM signing_identity WHERE id = 1').get() as
    { private_key: Buffer; public_key: Buffer; age_identity: string } | undefined
  return row === undefined ? undefined : { privateKey: row.private_key, publicKey: row.public_key, ageIdentity: row.age_identity }
}

export function writeIdentity(db: Db, identity: StoredIdentity, at: number): void {
  db.prepare('INSERT INTO signing_identity (id, private_key, public_key, age_identity, created_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
    identity.privateKey,
    identity.publicKey,
    identity.ageIdentity,
    at
  )
}

export interface KnownSigner {
  fingerprint: string
  publicKey: Buffer
  name: string
  /** The age recipient (age1…) their signed bundles named: bundles can be sealed for them. */
  ageRecipient: string
}

type SignerRow = { fingerprint: string; public_key: Buffer; name: string; age_recipient: string }
const toSigner = (row: SignerRow): KnownSigner => ({ fingerprint: row.fingerprint, publicKey: row.public_key, name: row.name, ageRecipient: row.age_recipient })

export function findSigner(db: Db, fingerprint: string): KnownSigner | undefined {
  const row = db.prepare('SELECT fingerprint, public_key, name, age_recipient FROM known_signers WHERE fingerprint = ?').get(fingerprint) as SignerRow | undefined
  return row === undefined ? undefined : toSigner(row)
}

export function listSigners(db: Db): KnownSigner[] {
  return (db.prepare('SELECT fingerprint, public_key, name, age_recipient FROM known_signers ORDER BY name').all() as SignerRow[]).map(toSigner)
}

export function rememberSigner(db: Db, signer: KnownSigner, at: number): void {
  db.prepare(
    `INSERT INTO known_signers (fingerprint, public_key, name, age_recipient, added_at) VALUES (@fingerprint, @publicKey, @name, @ageRecipient, @at)
     ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, age_recipient = excluded.age_recipient`
  ).run({ ...signer, at })
}

/** How many recognised keys go by this name (a file that claims a known name on another key is flagged). */
export function namedSigners(db: Db, name: string): number {
  return (db.prepare('SELECT count(*) AS n FROM known_signers WHERE name = ?').get(name) as { n: number }).n
}

/** The key an article last came in a bundle from, if it ever did. */
export function articleSigner(db: Db, articleId: string): { fingerprint: string; name: string } | undefined {
  return db.prepare('SELECT fingerprint, name FROM article_signers WHERE article_id = ?').get(articleId) as { fingerprint: string; name: string } | undefined
}

export function recordArticleSigner(db: Db, articleId: string, signer: { fingerprint: string; name: string }, at: number): void {
  db.prepare(
    `INSERT INTO article_signers (article_id, fingerprint, name, seen_at) VALUES (@articleId, @fingerprint, @name, @at)
     ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint, name = excluded.name, seen_at = excluded.seen_at`
  ).run({ articleId, fingerprint: signer.fingerprint, name: signer.name, at })
}
