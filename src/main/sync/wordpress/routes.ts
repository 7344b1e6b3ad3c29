import type { WpClient, WpResponse } from './client'

/**
 * The WordPress routes Qalam uses, each asking only for the fields it needs
 * (`_fields`: WordPress then renders nothing else), and the one way to page
 * through a list: by page number up to `x-wp-totalpages`, or by ids, 100 at a time.
 */

export const PAGE_SIZE = 100

/** A post as Qalam reads it with `context=edit`. */
export interface RemotePost {
  id: number
  title: { raw: string }
  excerpt: { raw: string }
  content: { raw: string }
  slug: string
  status: string
  modified_gmt: string
  categories: number[]
  tags: number[]
  link: string
  author?: number
  featured_media: number
  date_gmt?: string
  _links?: { 'version-history'?: { count?: number }[] }
  /** Registered post meta: with the companion plugin, qalam_uuid and qalam_review. */
  meta?: Record<string, unknown> | unknown[]
}

/** The part of a post its version is made of. */
export type PostState = Pick<RemotePost, 'id' | 'modified_gmt' | 'status' | 'link' | '_links'>

export interface RemoteTerm {
  id: number
  name: string
  parent?: number
}

export interface RemoteMedia {
  id: number
  source_url: string
  author?: number
}

export interface RemoteRevision {
  id: number
  parent: number
  date_gmt: string
  modified_gmt: string
  title: { raw: string }
  excerpt: { raw: string }
  content: { raw: string }
}

export const FIELDS = {
  post: 'id,title,excerpt,content,slug,status,modified_gmt,date_gmt,categories,tags,featured_media,link,author,_links,meta',
  state: 'id,modified_gmt,status,link,_links',
  /** What a create needs back: no content, no links (WordPress renders only the fields asked for). */
  created: 'id,modified_gmt,status,link',
  summary: 'id,title,status,modified_gmt',
  term: 'id,name,parent',
  media: 'id,source_url,author'
} as const

/** Every status a post of ours can have on the site, the trash included. */
export const ALL_STATUSES = 'publish,future,draft,pending,private,trash'
/** Statuses of a post that is still there (one in the trash is already out of the way). */
export const LIVE_STATUSES = 'publish,future,draft,pending,private'

type Query = NonNullable<Parameters<WpClient['get']>[1]>

/** The pages of a list route, 100 to a page, until the last page the site announces (or `maxPages`). */
export async function* listPages<T>(client: WpClient, route: string, query: Query, maxPages = Infinity): AsyncGenerator<WpResponse<T[]>> {
  for (let page = 1; page <= maxPages; page++) {
    const answer = await client.get<T[]>(route, { per_page: PAGE_SIZE, ...query, page })
    yield answer
    if (answer.data.length === 0 || page >= Number(answer.headers.get('x-wp-totalpages') ?? '1')) return
  }
}

/** The items with these ids, 100 to a request (`include`). */
export async function* listByIds<T>(client: WpClient, route: string, ids: number[], query: Query): AsyncGenerator<WpResponse<T[]>> {
  for (let i = 0; i < ids.length; i += PAGE_SIZE) yield await client.get<T[]>(route, { ...query, include: ids.slice(i, i + PAGE_SIZE), per_page: PAGE_SIZE })
}

/** Every item of every page, with the site's clock at the first answer. */
export async function collect<T>(pages: AsyncIterable<WpResponse<T[]>>): Promise<{ items: T[]; date: string | null }> {
  const items: T[] = []
  let date: string | null = null
  for await (const page of pages) {
    date ??= page.headers.get('date')
    items.push(...page.data)
  }
  return { items, date }
}

/** Posts by id, whatever their status. */
export function postsByIds<T extends { id: number }>(client: WpClient, ids: number[], fields: string): Promise<{ items: T[]; date: string | null }> {
  return collect(listByIds<T>(client, 'wp/v2/posts', ids, { status: ALL_STATUSES, context: 'edit', _fields: fields }))
}

/** The states of posts modified since a time by the site's clock, oldest change first. */
export function postsChangedSince(client: WpClient, since: string): AsyncGenerator<WpResponse<PostState[]>> {
  return listPages<PostState>(
    client,
    'wp/v2/posts',
    { modified_after: since, status: ALL_STATUSES, context: 'edit', orderby: 'modified', order: 'asc', _fields: FIELDS.state },
    100
  )
}

/** A user's live posts modified since a time, oldest first (what lost creates may have made). */
export function postsByAuthorSince(client: WpClient, author: number, after: string): AsyncGenerator<WpResponse<RemotePost[]>> {
  return listPages<RemotePost>(
    client,
    'wp/v2/posts',
    { author, status: LIVE_STATUSES, modified_after: after, context: 'edit', orderby: 'id', order: 'asc', _fields: FIELDS.post },
    50
  )
}

/** A user's uploads whose title matches a search, made since a time, oldest first. */
export async function mediaByAuthorSince(client: WpClient, search: string, author: number, after: string): Promise<RemoteMedia[]> {
  const found = await client.get<RemoteMedia[]>('wp/v2/media', { search, author, after, orderby: 'id', order: 'asc', _fields: FIELDS.media, per_page: PAGE_SIZE })
  return found.data
}

/** Moves a post to the site's trash (an editor can restore it). */
export async function trashPost(client: WpClient, id: number): Promise<void> {
  await client.request('DELETE', `wp/v2/posts/${id}`, { query: { _fields: 'id' }, idempotent: true })
}

/** Deletes an upload for good (media has no trash). */
export async function deleteMedia(client: WpClient, id: number): Promise<void> {
  await client.request('DELETE', `wp/v2/media/${id}`, { query: { force: true, _fields: 'id' }, idempotent: true })
}

/** A post's revisions, newest first. */
export async function postRevisions(client: WpClient, postId: number, perPage: number): Promise<RemoteRevision[]> {
  const answer = await client.get<RemoteRevision[]>(`wp/v2/posts/${postId}/revisions`, {
    per_page: perPage,
    context: 'edit',
    _fields: 'id,parent,modified_gmt,date_gmt,title,excerpt,content'
  })
  return answer.data
}

/** One revision of a post. */
export async function postRevision(client: WpClient, postId: number, revisionId: number): Promise<RemoteRevision> {
  return (await client.get<RemoteRevision>(`wp/v2/posts/${postId}/revisions/${revisionId}`, { context: 'edit', _fields: 'id,parent,modified_gmt,date_gmt,title,excerpt,content' }))
    .data
}

/** Who the client is signed in as, with the capabilities Qalam checks. */
export async function currentUser(client: WpClient): Promise<{ id: number; name: string; capabilities?: Record<string, boolean> }> {
  return (await client.get<{ id: number; name: string; capabilities?: Record<string, boolean> }>('wp/v2/users/me', { context: 'edit', _fields: 'id,name,capabilities' })).data
}
