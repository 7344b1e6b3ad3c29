import type Database from 'better-sqlite3'

/**
 * Images stored by earlier versions still carry their EXIF (GPS, serials, times,
 * thumbnails), XMP and IPTC. Every existing image is marked not cleaned; the media
 * service cleans them when the store opens (the files are not the database's to
 * rewrite in a migration). A cleaned image gets a new id (its content changed); the
 * old file is listed in media_discard in the same transaction that renames it, and
 * deleted afterwards, so a crash in between leaves a note rather than a GPS-tagged file.
 */
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE media ADD COLUMN cleaned INTEGER NOT NULL DEFAULT 0 CHECK (cleaned IN (0, 1));
    CREATE TABLE media_discard (
      file  TEXT PRIMARY KEY
    ) STRICT;
  `)
}
