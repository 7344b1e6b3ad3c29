import type Database from 'better-sqlite3'

/**
 * Who the site says sent a status change: the companion plugin (1.1) stamps every entry it
 * stores with the WordPress user's ID (`site_user_id`, 0 when it has none). An approval,
 * scheduling or publication that came from the site without that stamp is kept (the history
 * is append-only) but marked `unvouched`, and never taken as the article's status.
 */
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE status_history ADD COLUMN site_user_id INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE status_history ADD COLUMN unvouched INTEGER NOT NULL DEFAULT 0;
  `)
}
