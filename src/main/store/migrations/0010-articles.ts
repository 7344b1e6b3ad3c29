import type Database from 'better-sqlite3'

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE articles (
      id          TEXT PRIMARY KEY,
      title       TEXT NOT NULL DEFAULT '',
      standfirst  TEXT NOT NULL DEFAULT '',
      body        TEXT NOT NULL,
      body_text   TEXT NOT NULL DEFAULT '',
      byline      TEXT NOT NULL DEFAULT '',
      dateline    TEXT NOT NULL DEFAULT '',
      categories  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories)),
      tags        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
      slug        TEXT NOT NULL DEFAULT '',
      label       TEXT NOT NULL DEFAULT '',
      status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                    ('draft','submitted','in_review','changes_requested','approved','scheduled','published','spiked')),
      word_count  INTEGER NOT NULL DEFAULT 0,
      caret       TEXT CHECK (caret IS NULL OR json_valid(caret)),
      save_count  INTEGER NOT NULL DEFAULT 0,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      trashed_at  INTEGER
    ) STRICT;
    CREATE INDEX articles_by_recency ON articles (trashed_at, updated_at DESC);
  `)
}
