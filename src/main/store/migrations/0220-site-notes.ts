import type Database from 'better-sqlite3'

/**
 * WordPress's Notes (6.9+): which note on a site is which Qalam comment, with what the site
 * last said of it (resolved, deleted), so a change on either side is seen once; and whether a
 * site has Notes at all (null: not asked yet).
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE site_notes (
      site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      note_id     INTEGER NOT NULL CHECK (note_id > 0),
      article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      comment_id  TEXT NOT NULL,
      resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
      deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
      PRIMARY KEY (site_id, note_id),
      UNIQUE (site_id, comment_id)
    ) STRICT;
    CREATE INDEX site_notes_article ON site_notes (article_id);
    ALTER TABLE sites ADD COLUMN notes INTEGER CHECK (notes IN (0, 1));
  `)
}
