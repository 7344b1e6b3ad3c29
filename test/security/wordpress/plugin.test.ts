/**
 * The adversary: anyone who can reach the site (an anonymous reader, a subscriber) and
 * wants the newsroom's review (who said what about a source); a contributor who wants
 * to approve their own story; a colleague who wants to rewrite someone's comment or
 * the history. Against the real WordPress with the companion plugin.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { as, comment, move, refusedWith, site } from './review-data'
import type { WpUser } from '../../support/wordpress'

interface Review {
  comments: Record<string, unknown>[]
  history: { id: string; from: string; to: string; by: string; at: number; note: string; relayedBy?: string }[]
}
interface Post {
  id: number
  meta: { qalam_review: Review }
}

const SECRET = `المصدر في الوزارة ${randomUUID().slice(0, 8)}`

/** What an unauthenticated client (or a user's cookie-less script) gets. */
async function anonymous(route: string): Promise<{ status: number; text: string }> {
  const [path, query] = route.split('?')
  const response = await fetch(`${site().url}/?rest_route=/${path}${query === undefined ? '' : `&${query}`}`)
  return { status: response.status, text: await response.text() }
}

async function postWithReview(owner: WpUser, status: string, review: Review): Promise<number> {
  const created = await as<Post>(owner, 'POST', 'wp/v2/posts', { title: 'مادة', content: 'نص', status, meta: { qalam_review: review } })
  return created.id
}

describe('the companion plugin', () => {
  it('never shows review data to anonymous readers or subscribers, whatever fields or context they ask for, published posts too', async () => {
    const id = await postWithReview(site().editor, 'publish', { comments: [comment(randomUUID(), 'editor', SECRET)], history: [] })
    const routes = [
      `wp/v2/posts/${id}`,
      `wp/v2/posts/${id}?_fields=meta`,
      `wp/v2/posts/${id}?_fields=meta.qalam_review`,
      `wp/v2/posts?_fields=id,meta`,
      `wp/v2/posts?include=${id}&context=embed`
    ]
    for (const route of routes) {
      const seen = await anonymous(route)
      expect(seen.text, route).not.toContain(SECRET)
      expect(seen.text, route).not.toContain('qalam_review')
      const subscriber = JSON.stringify(await as<unknown>(site().subscriber, 'GET', route))
      expect(subscriber, route).not.toContain(SECRET)
    }
    expect((await anonymous(`wp/v2/posts/${id}?context=edit`)).status).toBe(401)
    // Whoever may edit the post sees it.
    expect(JSON.stringify(await as<Post>(site().editor, 'GET', `wp/v2/posts/${id}?context=edit`))).toContain(SECRET)
    // The plugin's own route is for people who write.
    expect((await anonymous('qalam/v1/info')).status).toBe(401)
    expect(await as<{ version: string }>(site().author, 'GET', 'qalam/v1/info')).toMatchObject({ version: expect.any(String) })
  })

  it('keeps the history append-only and dated by the server’s clock', async () => {
    const first = move('draft', 'submitted', 'author')
    const id = await postWithReview(site().author, 'draft', { comments: [], history: [first] })
    const put = (history: Review['history']) => as<Post>(site().author, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [], history } } })
    expect(await refusedWith(put([]))).toContain('409')
    expect(await refusedWith(put([{ ...first, to: 'approved' }]))).toContain('409')
    const later = move('submitted', 'draft', 'author', Date.UTC(2100, 0, 1))
    const saved = await put([first, later])
    const stored = saved.meta.qalam_review.history.find((h) => h.id === later.id)!
    expect(stored.at).toBeLessThanOrEqual(Date.now() + 5_000)
  })

  it('does not let a contributor approve or publish through review data', async () => {
    const id = await postWithReview(site().contributor, 'draft', { comments: [], history: [] })
    for (const to of ['approved', 'published']) {
      const refused = await refusedWith(
        as<Post>(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [], history: [move('submitted', to, 'contributor')] } } })
      )
      expect(refused).toContain('403')
    }
    expect((await as<Post>(site().admin, 'GET', `wp/v2/posts/${id}?context=edit`)).meta.qalam_review.history).toEqual([])
  })

  it('lets only its author change a comment’s words; anyone who may edit resolves it', async () => {
    const id = await postWithReview(site().author, 'draft', { comments: [], history: [] })
    const c = comment(randomUUID(), 'editor', 'أين المصدر الثاني؟')
    await as<Post>(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [c], history: [] } } })
    const rewrite = as<Post>(site().author, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [{ ...c, body: 'لا حاجة لمصدر' }], history: [] } } })
    expect(await refusedWith(rewrite)).toContain('403')
    expect(await refusedWith(as<Post>(site().author, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [], history: [] } } }))).toContain('409')
    const resolved = await as<Post>(site().author, 'POST', `wp/v2/posts/${id}`, {
      meta: { qalam_review: { comments: [{ ...c, resolved: true, resolvedBy: 'author', updatedAt: Date.now() }], history: [] } }
    })
    expect(resolved.meta.qalam_review.comments[0]).toMatchObject({ body: 'أين المصدر الثاني؟', resolved: true })
  })

  it('marks an entry written in someone else’s name with who really sent it; no client can forge or drop that mark', async () => {
    // A file (or a doctored client) says the editor wrote this comment and approved… here: handed in. The author sends it.
    const forged = comment(randomUUID(), 'editor', 'موافق على النشر كما هو')
    const handedIn = move('draft', 'submitted', 'editor')
    const own = comment(randomUUID(), 'author', 'ملاحظتي', { relayedBy: 'editor' })
    const id = await postWithReview(site().author, 'draft', { comments: [forged, own], history: [handedIn] })
    const read = async () => (await as<Post>(site().editor, 'GET', `wp/v2/posts/${id}?context=edit`)).meta.qalam_review
    let review = await read()
    const find = (r: Review, cid: string) => r.comments.find((c) => c.id === cid)!
    expect(find(review, forged.id)).toMatchObject({ author: 'editor', relayedBy: 'author' })
    expect(review.history[0]).toMatchObject({ by: 'editor', relayedBy: 'author' })
    // Its own entry carries no mark, whatever the client claimed.
    expect(find(review, own.id)).not.toHaveProperty('relayedBy')

    // Trying to wash the mark off (or move it onto someone else) changes nothing.
    const washed = {
      comments: [
        { ...find(review, forged.id), relayedBy: '' },
        { ...find(review, own.id), relayedBy: 'editor' }
      ],
      history: [{ ...review.history[0]!, relayedBy: 'editor' }]
    }
    await as<Post>(site().author, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: washed } })
    // The editor pushing the same data back (as Qalam does after a pull) keeps the author's mark too.
    await as<Post>(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: await read() } })
    review = await read()
    expect(find(review, forged.id).relayedBy).toBe('author')
    expect(find(review, own.id)).not.toHaveProperty('relayedBy')
    expect(review.history[0]!.relayedBy).toBe('author')
  })

  it('keeps review markup out of post_content: site search does not find a suggestion, editors still get it', async () => {
    const token = `كلمةمقترحة${randomUUID().slice(0, 6)}`
    const marked = `<!-- wp:paragraph --><p>نص <ins class="qalam-suggestion" data-qalam-id="s-1" data-qalam-author="author">${token}</ins> <mark class="qalam-comment" data-qalam-threads="t-1">معلّم</mark></p><!-- /wp:paragraph -->`
    const created = await as<Post & { content: { raw: string } }>(site().author, 'POST', 'wp/v2/posts', { title: 'مادة بمراجعة', content: marked, status: 'publish' })
    // What search, feeds and other plugins read (post_content) has none of it.
    expect(JSON.parse((await anonymous(`wp/v2/posts?search=${encodeURIComponent(token)}&_fields=id`)).text)).toEqual([])
    expect((await anonymous(`wp/v2/posts/${created.id}`)).text).not.toContain('qalam-')
    // Whoever may edit the post gets the marked-up text, as Qalam's sync reads it.
    expect(created.content.raw).toBe(marked)
    const edit = await as<{ content: { raw: string } }>(site().editor, 'GET', `wp/v2/posts/${created.id}?context=edit`)
    expect(edit.content.raw).toBe(marked)
    // A save without it (an edit on the web) ends it.
    await as(site().editor, 'POST', `wp/v2/posts/${created.id}`, { content: '<!-- wp:paragraph --><p>نص جديد</p><!-- /wp:paragraph -->' })
    expect((await as<{ content: { raw: string } }>(site().editor, 'GET', `wp/v2/posts/${created.id}?context=edit`)).content.raw).not.toContain('qalam-')
  })
})
