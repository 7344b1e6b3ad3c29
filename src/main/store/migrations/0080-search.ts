import type Database from 'better-sqlite3'

/**
 * Full-text search over articles: FTS5 on text Qalam has already normalized (and
 * stemmed, in `expanded`), so SQLite's tokenizer only splits words. Row ids are the
 * articles' row ids; contentless (the text lives in articles only). Filled by the search service on start (and rebuilt on demand);
 * kept in step by the article repository in the same transaction as each write.
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE articles_fts USING fts5(
      title, standfirst, body, meta, expanded,
      tokenize = 'unicode61 remove_diacritics 0',
      -- The index only: the text itself is read from articles, so FTS5 keeps no copy of it.
      content = '',
      contentless_delete = 1
    );
  `)
}
