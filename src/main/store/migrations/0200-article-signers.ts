import type Database from 'better-sqlite3'

/**
 * Which key each article last came in a bundle from: a later bundle of the same article from
 * another key is called out before it is imported (a colleague's story arriving from a stranger).
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE article_signers (
      article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      name        TEXT NOT NULL,
      seen_at     INTEGER NOT NULL
    ) STRICT;
  `)
}
