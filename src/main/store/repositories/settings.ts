import type { Db } from '../connection'

/** Every stored setting as parsed JSON values. */
export function readSettings(db: Db): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
}

/** Writes several settings in one transaction. */
export function writeSettings(db: Db, values: Record<string, unknown>): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  db.transaction(() => {
    for (const [key, value] of Object.entries(values)) upsert.run({ key, value: JSON.stringify(value) })
  })()
}
