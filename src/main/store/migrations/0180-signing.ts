import type Database from 'better-sqlite3'

/**
 * Who signs this desk's bundles, and the colleagues whose keys the reporter has
 * recognised. The private key lies in the encrypted store (the desk key protects it,
 * like everything else) and goes with a panic wipe.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE signing_identity (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      private_key  BLOB NOT NULL,
      public_key   BLOB NOT NULL,
      created_at   INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE known_signers (
      fingerprint  TEXT PRIMARY KEY,
      public_key   BLOB NOT NULL,
      name         TEXT NOT NULL,
      added_at     INTEGER NOT NULL
    ) STRICT;
  `)
}
