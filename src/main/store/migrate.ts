import type Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version

/**
 * Brings the database to the latest schema in one transaction, recording the
 * version in PRAGMA user_version. Refuses a database newer than this app.
 */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(`database schema ${current} is newer than this app's ${LATEST_SCHEMA_VERSION}; refusing to go backwards`)
  }
  const pending = MIGRATIONS.filter((m) => m.version > current)
  if (pending.length === 0) return current
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }
  }).immediate()
  return LATEST_SCHEMA_VERSION
}
