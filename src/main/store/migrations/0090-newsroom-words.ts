import type Database from 'better-sqlite3'

/** The newsroom's own dictionary: names, places and terms the spell checker must accept. */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE newsroom_words (
      word      TEXT PRIMARY KEY,
      added_at  INTEGER NOT NULL
    ) STRICT;
  `)
}
