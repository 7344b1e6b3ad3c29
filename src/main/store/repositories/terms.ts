import type { Db } from '../connection'

/** The categories and tags a site has, as far as this machine has seen them. */

export type Taxonomy = 'categories' | 'tags'

export interface Term {
  remoteId: number
  name: string
  parent: number
}

/** A site's terms of one taxonomy, by name. */
export function listTerms(db: Db, siteId: string, taxonomy: Taxonomy): Term[] {
  return db.prepare('SELECT remote_id AS remoteId, name, parent FROM site_terms WHERE site_id = @siteId AND taxonomy = @taxonomy ORDER BY name').all({ siteId, taxonomy }) as Term[]
}

/** Adds terms, or renames and moves the ones already known. */
export function upsertTerms(db: Db, siteId: string, taxonomy: Taxonomy, terms: Term[]): void {
  const statement = db.prepare(
    `INSERT INTO site_terms (site_id, taxonomy, remote_id, name, parent) VALUES (@siteId, @taxonomy, @remoteId, @name, @parent)
     ON CONFLICT (site_id, taxonomy, remote_id) DO UPDATE SET name = excluded.name, parent = excluded.parent`
  )
  db.transaction(() => {
    for (const t of terms) statement.run({ siteId, taxonomy, remoteId: t.remoteId, name: t.name, parent: t.parent })
  })()
}
