import type Database from 'better-sqlite3'

/** Revisions may also be taken before the site's version replaces the local one ('before-sync'). SQLite cannot alter a CHECK: the table is rebuilt. */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE revisions_new (
      id          TEXT PRIMARY KEY,
      article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      reason      TEXT NOT NULL CHECK (reason IN ('manual','auto','before-trash','before-restore','imported','before-sync')),
      created_at  INTEGER NOT NULL,
      title       TEXT NOT NULL,
      standfirst  TEXT NOT NULL,
      body        TEXT NOT NULL,
      body_text   TEXT NOT NULL,
      meta        TEXT NOT NULL CHECK (json_valid(meta)),
      word_count  INTEGER NOT NULL
    ) STRICT;
    INSERT INTO revisions_new SELECT * FROM revisions;
    DROP TABLE revisions;
    ALTER TABLE revisions_new RENAME TO revisions;
    CREATE INDEX revisions_by_article ON revisions (article_id, created_at DESC);
  `)
}
