import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE media (
      id             TEXT PRIMARY KEY,
      mime           TEXT NOT NULL,
      bytes          INTEGER NOT NULL,
      sha256         TEXT NOT NULL UNIQUE,
      original_name  TEXT NOT NULL,
      created_at     INTEGER NOT NULL
    ) STRICT;
  `)
}
