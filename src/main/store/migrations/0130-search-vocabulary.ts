import type Database from 'better-sqlite3'

/**
 * The search index's own vocabulary (FTS5's fts5vocab over articles_fts): every
 * indexed word form. A word still being typed is completed from it into the words
 * the archive really has, which FTS5 then reads newest first and stops early; a bare
 * prefix query would merge every matching word's list for the whole archive first.
 */
export function up(db: Database.Database): void {
  db.exec(`CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');`)
}
