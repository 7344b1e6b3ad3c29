import type Database from 'better-sqlite3'

/**
 * The reporter's source notes, one per article: they never leave this machine (not
 * synced, not in bundles, not indexed for search, not kept in versions) and go with
 * the article when it is deleted for good (secure_delete overwrites them).
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE private_notes (
      article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      body        TEXT NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;
  `)
}
