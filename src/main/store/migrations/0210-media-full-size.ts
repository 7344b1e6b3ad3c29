import type Database from 'better-sqlite3'

/** A photo the reporter wants on the site as taken (the desk needs it at full size): not sized for the web when it is sent. */
export function up(db: Database.Database): void {
  db.exec(`ALTER TABLE media ADD COLUMN full_size INTEGER NOT NULL DEFAULT 0 CHECK (full_size IN (0, 1));`)
}
