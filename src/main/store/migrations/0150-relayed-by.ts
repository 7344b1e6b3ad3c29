import type Database from 'better-sqlite3'

/**
 * Who relayed a review entry: the companion plugin stamps a comment or a status change
 * with the site user who sent it when that user is not the entry's author (an editor
 * pushing a reporter's comments that came in a bundle). Empty for everything else.
 */
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE review_comments ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE status_history ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
  `)
}
