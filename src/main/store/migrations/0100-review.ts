import type Database from 'better-sqlite3'

/**
 * Editorial review: comment threads (anchored in the document by mark nodes whose
 * ids are thread ids), the status history, whether a site has the companion plugin,
 * and two more revision reasons (a bundle written, a bundle about to be merged in).
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE review_comments (
      id           TEXT PRIMARY KEY,
      article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      thread_id    TEXT NOT NULL,
      author       TEXT NOT NULL,
      body         TEXT NOT NULL,
      quote        TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL,
      resolved     INTEGER NOT NULL CHECK (resolved IN (0, 1)),
      resolved_by  TEXT NOT NULL,
      deleted      INTEGER NOT NULL CHECK (deleted IN (0, 1))
    ) STRICT;
    CREATE INDEX review_comments_by_article ON review_comments (article_id, created_at);

    CREATE TABLE status_history (
      id           TEXT PRIMARY KEY,
      article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      from_status  TEXT NOT NULL,
      to_status    TEXT NOT NULL,
      by_name      TEXT NOT NULL,
      at           INTEGER NOT NULL,
      note         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX status_history_by_article ON status_history (article_id, at);

    ALTER TABLE sites ADD COLUMN bridge INTEGER CHECK (bridge IN (0, 1));

    CREATE TABLE revisions_new (
      id          TEXT PRIMARY KEY,
      article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      reason      TEXT NOT NULL CHECK (reason IN ('manual','auto','before-trash','before-restore','imported','before-sync','exported','before-import','site')),
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
