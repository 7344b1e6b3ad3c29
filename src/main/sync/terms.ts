import * as termsRepo from '../store/repositories/terms'
import type { Taxonomy } from '../store/repositories/terms'
import type { SiteContext } from './context'
import type { WpError } from './wordpress/client'
import { FIELDS, listByIds, listPages, type RemoteTerm, type RemotePost } from './wordpress/routes'

/** Categories and tags: names here, ids there. */

const toTerm = (t: RemoteTerm): termsRepo.Term => ({ remoteId: t.id, name: t.name, parent: t.parent ?? 0 })

/** Term IDs for names, creating the missing terms (WordPress answers `term_exists` with the ID if one appeared meanwhile). */
export async function termIds(ctx: SiteContext, taxonomy: Taxonomy, names: string[]): Promise<number[]> {
  const ids: number[] = []
  for (const name of names) {
    const known = termsRepo.listTerms(ctx.db, ctx.site.id, taxonomy).find((t) => t.name === name)
    if (known !== undefined) {
      ids.push(known.remoteId)
      continue
    }
    try {
      const created = await ctx.client.request<RemoteTerm>('POST', `wp/v2/${taxonomy}`, { json: { name }, query: { _fields: FIELDS.term }, idempotent: true })
      termsRepo.upsertTerms(ctx.db, ctx.site.id, taxonomy, [toTerm(created.data)])
      ids.push(created.data.id)
    } catch (error) {
      const found = (error as WpError).wpCode === 'term_exists' ? await findTerm(ctx, taxonomy, name) : undefined
      if (found === undefined) throw error
      ids.push(found)
    }
  }
  return ids
}

async function findTerm(ctx: SiteContext, taxonomy: Taxonomy, name: string): Promise<number | undefined> {
  const found = await ctx.client.get<RemoteTerm[]>(`wp/v2/${taxonomy}`, { search: name, per_page: 100, _fields: FIELDS.term })
  termsRepo.upsertTerms(ctx.db, ctx.site.id, taxonomy, found.data.map(toTerm))
  return found.data.find((t) => t.name === name)?.id
}

/** The site's category tree, for picking (100 to a page; a newsroom has a few dozen). */
export async function refreshCategories(ctx: Pick<SiteContext, 'db' | 'client' | 'site'>): Promise<void> {
  for await (const page of listPages<RemoteTerm>(ctx.client, 'wp/v2/categories', { _fields: FIELDS.term }, 20))
    termsRepo.upsertTerms(ctx.db, ctx.site.id, 'categories', page.data.map(toTerm))
}

/** Fills the term cache for IDs the site used that this machine has not seen. */
export async function learnTerms(ctx: SiteContext, posts: RemotePost[]): Promise<void> {
  for (const taxonomy of ['categories', 'tags'] as const) {
    const known = new Set(termsRepo.listTerms(ctx.db, ctx.site.id, taxonomy).map((t) => t.remoteId))
    const unknown = [...new Set(posts.flatMap((p) => p[taxonomy] ?? []))].filter((id) => !known.has(id))
    for await (const page of listByIds<RemoteTerm>(ctx.client, `wp/v2/${taxonomy}`, unknown, { _fields: FIELDS.term }))
      termsRepo.upsertTerms(ctx.db, ctx.site.id, taxonomy, page.data.map(toTerm))
  }
}
