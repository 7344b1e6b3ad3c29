import type Database from 'better-sqlite3'

/**
 * A deleted comment keeps no text: comments deleted before this version still held
 * their body and quote in the database (and in the next export). They are blanked;
 * the rows stay, so threads keep their shape on every machine.
 */
export function up(db: Database.Database): void {
  db.exec(`UPDATE review_comments SET body = '', quote = '' WHERE deleted = 1;`)
}
