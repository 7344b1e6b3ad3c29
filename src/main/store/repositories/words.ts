import type { Db } from '../connection'

/** The newsroom dictionary, alphabetically. */
export function listWords(db: Db): string[] {
  return (db.prepare('SELECT word FROM newsroom_words ORDER BY word').all() as { word: string }[]).map((r) => r.word)
}

export function addWord(db: Db, word: string, at: number): void {
  db.prepare('INSERT INTO newsroom_words (word, added_at) VALUES (?, ?) ON CONFLICT (word) DO NOTHING').run(word, at)
}

export function removeWord(db: Db, word: string): boolean {
  return db.prepare('DELETE FROM newsroom_words WHERE word = ?').run(word).changes > 0
}
