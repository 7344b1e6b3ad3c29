import type Database from 'better-sqlite3'

/**
 * Requests whose answer never came: a create, an upload or an update that timed out, was
 * cut off or answered 5xx may still be carried out by the site, even after Qalam gave up
 * on it. Each such attempt is kept with what identifies its result (the fingerprint), so
 * that a copy the site makes late is found (adopted if the article has no post yet, moved
 * to the trash if another attempt's post is already the article's), and so that no newer
 * update overtakes a cut-off one that may still land.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sync_doubts (
      id          TEXT PRIMARY KEY,
      site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      kind        TEXT NOT NULL CHECK (kind IN ('create_post', 'upload_media', 'update_post')),
      subject     TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      sent_at     INTEGER NOT NULL,
      ended_at    INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sync_doubts_site ON sync_doubts(site_id, kind, subject);
  `)
}
