import type Database from 'better-sqlite3'

/** What a post needs beyond the copy: its featured image (a media id, '' for none) and the time to publish it when scheduled. */
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE articles ADD COLUMN featured_image TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN publish_at INTEGER;
  `)
}
