import type Database from 'better-sqlite3'

/**
 * Sync with WordPress sites: the sites (password encrypted by the platform's
 * secret store), each article's link to its post and the base of the last sync,
 * uploaded media, the site's terms, and the outbox written before every request
 * that creates something, so a retry after a crash finds what the first try made.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sites (
      id              TEXT PRIMARY KEY,
      url             TEXT NOT NULL UNIQUE,
      rest_root       TEXT NOT NULL,
      name            TEXT NOT NULL,
      username        TEXT NOT NULL,
      user_id         INTEGER NOT NULL,
      display_name    TEXT NOT NULL,
      capabilities    TEXT NOT NULL,
      secret          BLOB NOT NULL,
      secret_storage  TEXT NOT NULL CHECK (secret_storage IN ('os', 'plain')),
      import_cursor   TEXT,
      sync_cursor     TEXT,
      last_sync_at    INTEGER,
      created_at      INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE article_sync (
      article_id        TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      site_id           TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      remote_id         INTEGER,
      remote_status     TEXT,
      remote_link       TEXT,
      base_modified_gmt TEXT,
      base_hash         TEXT,
      base              TEXT,
      state             TEXT NOT NULL,
      error             TEXT,
      conflict          TEXT,
      synced_at         INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX article_sync_remote ON article_sync(site_id, remote_id) WHERE remote_id IS NOT NULL;

    CREATE TABLE media_uploads (
      media_id    TEXT NOT NULL REFERENCES media(id) ON DELETE CASCADE,
      site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      remote_id   INTEGER NOT NULL,
      source_url  TEXT NOT NULL,
      uploaded_at INTEGER NOT NULL,
      PRIMARY KEY (media_id, site_id)
    ) STRICT;

    CREATE TABLE site_terms (
      site_id   TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      taxonomy  TEXT NOT NULL CHECK (taxonomy IN ('categories', 'tags')),
      remote_id INTEGER NOT NULL,
      name      TEXT NOT NULL,
      parent    INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (site_id, taxonomy, remote_id)
    ) STRICT;

    CREATE TABLE sync_outbox (
      id          TEXT PRIMARY KEY,
      site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      kind        TEXT NOT NULL CHECK (kind IN ('create_post', 'upload_media')),
      subject     TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      attempts    INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE UNIQUE INDEX sync_outbox_subject ON sync_outbox(site_id, kind, subject);
  `)
}
