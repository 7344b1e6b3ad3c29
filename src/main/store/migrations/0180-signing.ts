import type Database from 'better-sqlite3'

/**
 * Who signs this desk's bundles (an Ed25519 key) and can open bundles sealed for it (an
 * age X25519 identity), and the colleagues whose keys the reporter has recognised (with
 * the age recipient their signed bundles named, to seal bundles for them). The private key lies in the encrypted store (the desk key protects it,
 * like everything else) and goes with a panic wipe.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE signing_identity (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      private_key  BLOB NOT NULL,
      public_key   BLOB NOT NULL,
      age_identity TEXT NOT NULL,
      created_at   INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE known_signers (
      fingerprint  TEXT PRIMARY KEY,
      public_key   BLOB NOT NULL,
      name         TEXT NOT NULL,
      age_recipient TEXT NOT NULL DEFAULT '',
      added_at     INTEGER NOT NULL
    ) STRICT;
  `)
}
