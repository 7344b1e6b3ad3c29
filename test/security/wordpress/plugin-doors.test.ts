/**
 * The second review's attacks on the companion plugin: a contributor, on their own post, forging
 * the review history («approved by the editor») through every door WordPress has besides the one
 * the first fix guarded: XML-RPC custom fields, a null that deletes the meta, strings that pass
 * for numbers and booleans, and a display name borrowed from the editor. Against the real
 * WordPress with the plugin; each of these got through before plugin 1.1.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { as, comment, move, refusedWith, site } from './review-data'
import { runPhp, type WpUser } from '../../support/wordpress'

interface Change {
  id: string
  from: string
  to: string
  by: string
  at: number
  note: string
  relayedBy?: string
  userId?: number
}
interface Comment {
  id: string
  author: string
  body: string
  deleted: boolean
  relayedBy?: string
  userId?: number
}
interface Review {
  comments: Comment[]
  history: Change[]
}
interface Post {
  id: number
  meta: { qalam_review: Review }
}

const reviewOf = async (id: number) => (await as<Post>(site().admin, 'GET', `wp/v2/posts/${id}?context=edit`)).meta.qalam_review

/** A contributor's pending post with one handing-in move in its history. */
async function pendingPost(): Promise<{ id: number; first: ReturnType<typeof move> }> {
  const first = move('draft', 'submitted', 'contributor')
  const created = await as<Post>(site().contributor, 'POST', 'wp/v2/posts', {
    title: 'مادة معلّقة',
    content: 'نص',
    status: 'pending',
    meta: { qalam_review: { comments: [], history: [first] } }
  })
  return { id: created.id, first }
}

/** XML-RPC's value encoding, enough for wp.editPost: strings, ints, booleans, arrays and structs. */
function xmlValue(v: unknown): string {
  if (typeof v === 'string') return `<value><string>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</string></value>`
  if (typeof v === 'number') return `<value><int>${v}</int></value>`
  if (typeof v === 'boolean') return `<value><boolean>${v ? 1 : 0}</boolean></value>`
  if (Array.isArray(v)) return `<value><array><data>${v.map(xmlValue).join('')}</data></array></value>`
  const members = Object.entries(v as Record<string, unknown>).map(([k, x]) => `<member><name>${k}</name>${xmlValue(x)}</member>`)
  return `<value><struct>${members.join('')}</struct></value>`
}

async function xmlrpc(user: WpUser, method: string, params: unknown[]): Promise<string> {
  const body = `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params.map((p) => `<param>${xmlValue(p)}</param>`).join('')}</params></methodCall>`
  const response = await fetch(`${site().url}/xmlrpc.php`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })
  return response.text()
}

describe('the companion plugin’s other doors (plugin 1.1)', () => {
  it('XML-RPC custom fields cannot write the review, under its key or the old one', async () => {
    const { id, first } = await pendingPost()
    const forged = { comments: [], history: [first, move('submitted', 'approved', 'editor')] }
    const c = site().contributor
    // The row's id: wp.getPost lists an ordinary custom field's; ids are sequential, so a protected one's can be guessed too.
    const metaId = Number(
      runPhp(
        site().port,
        `global $wpdb; echo (int) $wpdb->get_var("SELECT meta_id FROM {$wpdb->postmeta} WHERE post_id = ${id} AND meta_key IN ('qalam_review', '_qalam_review')");`
      ).trim()
    )
    expect(metaId).toBeGreaterThan(0)
    for (const key of ['_qalam_review', 'qalam_review']) {
      for (const field of [
        { id: String(metaId), key, value: forged },
        { key, value: forged }
      ]) {
        const answer = await xmlrpc(c, 'wp.editPost', [1, c.login, c.appPassword, id, { custom_fields: [field] }])
        // The call itself is WordPress's to answer (it may report success for the post's other fields); the review must not change.
        expect(answer, 'XML-RPC answered at all (php-xml is installed)').toContain('methodResponse')
        expect(answer).not.toContain('faultCode')
      }
    }
    const review = await reviewOf(id)
    expect(review.history.map((h) => h.to)).toEqual(['submitted'])
    // Nor does the protected key show among the post's custom fields.
    const fields = await xmlrpc(site().editor, 'wp.getPost', [1, site().editor.login, site().editor.appPassword, id])
    expect(fields).not.toContain('_qalam_review')
  })

  it('a null review is refused and the history stays', async () => {
    const { id } = await pendingPost()
    expect(await refusedWith(as(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: null } }))).toContain('409')
    expect((await reviewOf(id)).history).toHaveLength(1)
  })

  it('takes numbers and booleans only as numbers and booleans: a deleted comment does not come back as "false", a date as a string is refused', async () => {
    const { id, first } = await pendingPost()
    const note = comment(randomUUID(), 'editor', 'احذف الفقرة الثالثة')
    await as(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [note], history: [first] } } })
    await as(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [{ ...note, deleted: true, body: '' }], history: [first] } } })
    const revived = { ...note, deleted: 'false', body: 'موافق على النشر كما هو' }
    expect(await refusedWith(as(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [revived], history: [first] } } }))).toContain('400')
    const future = move('submitted', 'draft', 'contributor', '99999999999999')
    expect(
      await refusedWith(
        as(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [{ ...note, deleted: true, body: '' }], history: [first, future] } } })
      )
    ).toContain('400')
    const review = await reviewOf(id)
    expect(review.comments[0]).toMatchObject({ deleted: true, body: '' })
    expect(review.history).toHaveLength(1)
  })

  it('tells senders by user ID: a contributor renamed after the editor is still stamped, and cannot edit the editor’s comment', async () => {
    const { id, first } = await pendingPost()
    const editorsNote = comment(randomUUID(), 'editor', 'أين المصدر الثاني؟')
    await as(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [editorsNote], history: [first] } } })
    let review = await reviewOf(id)
    expect(review.comments[0]).toMatchObject({ author: 'editor', userId: site().editor.id })
    expect(review.comments[0]).not.toHaveProperty('relayedBy')
    expect(review.history[0]).toMatchObject({ userId: site().contributor.id })

    await as(site().contributor, 'POST', 'wp/v2/users/me', { name: 'editor' })
    try {
      const impostor = comment(randomUUID(), 'editor', 'لا حاجة لمصدر ثانٍ')
      await as(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [editorsNote, impostor], history: [first] } } })
      review = await reviewOf(id)
      const stored = review.comments.find((c) => c.id === impostor.id)!
      expect(stored.userId).toBe(site().contributor.id)
      expect(stored.relayedBy).toContain('contributor')
      const rewrite = { ...editorsNote, body: 'المصدر الأول يكفي' }
      expect(await refusedWith(as(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [rewrite, impostor], history: [first] } } }))).toContain(
        '403'
      )
    } finally {
      await as(site().contributor, 'POST', 'wp/v2/users/me', { name: 'contributor' })
    }
  })

  it('a client cannot set the user ID stamp, and the server keeps it whatever the client sends back', async () => {
    const { id, first } = await pendingPost()
    const claimed = { ...move('submitted', 'in_review', 'editor'), userId: site().editor.id }
    await as(site().contributor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [], history: [first, claimed] } } })
    let review = await reviewOf(id)
    expect(review.history.find((h) => h.id === claimed.id)).toMatchObject({ userId: site().contributor.id, relayedBy: 'contributor' })
    await as(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: { comments: [], history: review.history.map((h) => ({ ...h, userId: site().editor.id })) } } })
    review = await reviewOf(id)
    expect(review.history.find((h) => h.id === claimed.id)!.userId).toBe(site().contributor.id)
    // What Qalam sends back after a pull lacks the stamps on comments and carries no change: taken as no change, not an error.
    const unstamped = { comments: review.comments.map(({ userId: _u, ...c }) => c), history: review.history.map(({ userId: _u, ...h }) => h) }
    await as(site().editor, 'POST', `wp/v2/posts/${id}`, { meta: { qalam_review: unstamped } })
    expect((await reviewOf(id)).history.find((h) => h.id === claimed.id)!.userId).toBe(site().contributor.id)
  })

  it('every write path is checked: update_post_meta from PHP as the contributor cannot add an approval or drop the history', async () => {
    const { id } = await pendingPost()
    const out = runPhp(
      site().port,
      `wp_set_current_user(${site().contributor.id});
       $r = get_post_meta(${id}, '_qalam_review', true);
       $r['history'][] = array('id' => 'forged-1', 'from' => 'submitted', 'to' => 'approved', 'by' => 'editor', 'at' => 1, 'note' => '');
       echo json_encode(array(update_post_meta(${id}, '_qalam_review', $r), delete_post_meta(${id}, '_qalam_review'), update_post_meta(${id}, '_qalam_review', array('comments' => array(), 'history' => array()))));`
    )
    expect(JSON.parse(out.slice(out.indexOf('[')))).toEqual([false, false, false])
    expect((await reviewOf(id)).history.map((h) => h.to)).toEqual(['submitted'])
  })
})
