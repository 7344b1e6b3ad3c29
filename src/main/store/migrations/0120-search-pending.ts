import type Database from 'better-sqlite3'

/**
 * Articles whose text changed since the search index last read it. An autosave only
 * marks its article here (in the save's own transaction, so a crash loses no mark);
 * the index catches up once typing pauses, and always before a search runs, so a
 * search never misses what was saved and typing never waits for the index.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE search_pending (
      article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
    ) STRICT;
  `)
}
