import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'
import { body, mark, paragraph, suggestion, textOf } from '../support/lexical'
import { countWords } from '@shared/arabic/count'
import type { Services } from '@main/services'
import type { FetchLike } from '@main/sync/wordpress/client'
import { AppError } from '@main/errors'
import { addSite, remoteId, restOn, syncServices, wp, wpBridge } from './helpers'

/**
 * The review loop between two machines (a reporter's and an editor's data folder)
 * through a real WordPress with Qalam's companion plugin, as the services run it.
 */

let dirs: ReturnType<typeof tempDir>[] = []
let reporter: Services
let editor: Services
beforeEach(() => {
  dirs = [tempDir(), tempDir()]
  reporter = syncServices(dirs[0]!.dir)
  editor = syncServices(dirs[1]!.dir)
})
afterEach(() => {
  reporter.close()
  editor.close()
  dirs.forEach((d) => d.remove())
})

interface Post {
  id: number
  status: string
  content: { raw: string; rendered: string }
  modified_gmt: string
  meta: { qalam_uuid: string; qalam_review: { comments: { body: string; author: string; relayedBy?: string }[]; history: { to: string; by: string }[] } }
}
const post = (id: number) => restOn<Post>(wpBridge().url, wpBridge().admin, 'GET', `wp/v2/posts/${id}?context=edit`)

function write(services: Services, id: string, json: string): void {
  const current = services.articles.get(id)
  const bodyText = textOf(json)
  services.articles.save({ id, title: current.title, standfirst: current.standfirst, body: json, bodyText, wordCount: countWords(bodyText), meta: current.meta, caret: null })
}

// Comment ids are UUIDs made on each machine: fresh ones per test (the site keeps earlier tests' posts).
let THREAD = randomUUID()
let REPLY = randomUUID()
beforeEach(() => {
  THREAD = randomUUID()
  REPLY = randomUUID()
})
const P1 = 'أعلنت الحكومة خطة جديدة للنقل العام في العاصمة.'
const P2 = 'وقال الوزير إن الخطة تشمل 40 حافلة كهربائية.'
const P3 = 'ويبدأ التنفيذ في الربيع المقبل.'
const P4 = 'وانتقدت المعارضة كلفة المشروع.'

async function throughReview() {
  const rSite = await addSite(reporter, 'author', wpBridge().url)
  expect(rSite.bridge).toBe(true)
  const a = reporter.articles.create('خطة النقل العام')
  write(reporter, a.id, body(P1, P2, P3, P4))
  reporter.sync.assign(a.id, rSite.id)
  expect(reporter.review.identity(a.id)).toMatchObject({ role: 'reporter', source: 'site', bridge: true, name: 'author' })
  reporter.review.transition(a.id, 'submitted', 'جاهزة للتحرير')
  await reporter.sync.run([a.id])
  const id = remoteId(reporter, a.id)
  const sent = await post(id)
  expect(sent.status).toBe('pending')
  expect(sent.meta.qalam_uuid).toBe(a.id)
  expect(sent.meta.qalam_review.history).toMatchObject([{ to: 'submitted', by: 'author' }])

  // The editor signs in (an editor on the site: may edit others' posts) and pulls what was handed in.
  const eSite = await addSite(editor, 'editor', wpBridge().url)
  expect(eSite.capabilities.edit_others_posts).toBe(true)
  await editor.sync.importPosts(eSite.id, undefined, 'pending')
  expect(editor.articles.get(a.id).status).toBe('submitted')
  expect(editor.review.identity(a.id).role).toBe('editor')
  // Everything handed in on the site is pulled (earlier tests' posts too); this one is in the queue.
  expect(editor.review.queue({}).map((q) => [q.id, q.title, q.status])).toContainEqual([a.id, 'خطة النقل العام', 'submitted'])
  return { articleId: a.id, remote: id }
}

describe('review through the site with the companion plugin', () => {
  it('takes an article from the reporter to the editor and back, with comments, suggestions and statuses, and publishes nothing half-reviewed', async () => {
    const { articleId, remote } = await throughReview()

    // The editor starts, anchors a comment, suggests a change and asks for changes.
    editor.review.transition(articleId, 'in_review', '')
    write(
      editor,
      articleId,
      body(
        paragraph(mark([THREAD], ['أعلنت الحكومة']), ' خطة جديدة للنقل العام في العاصمة.'),
        paragraph('وقال الوزير إن الخطة تشمل ', suggestion('s-num', 'delete', 'editor', '40'), suggestion('s-num2', 'insert', 'editor', 'أربعين'), ' حافلة كهربائية.'),
        paragraph('ويبدأ التنفيذ في ', suggestion('s-when', 'insert', 'editor', 'أوائل '), 'الربيع المقبل.'),
        P4
      )
    )
    editor.review.comment({ articleId, id: THREAD, body: 'أي حكومة؟ الاتحادية أم المحلية؟', quote: 'أعلنت الحكومة' })
    editor.review.transition(articleId, 'changes_requested', 'وضّحي الجهة')
    await editor.sync.run([articleId])
    const reviewed = await post(remote)
    expect(reviewed.content.raw).toContain(`<mark class="qalam-comment" data-qalam-threads="${THREAD}">أعلنت الحكومة</mark>`)
    expect(reviewed.content.raw).toContain('<ins class="qalam-suggestion" data-qalam-id="s-num2"')
    expect(reviewed.meta.qalam_review.comments.map((c) => c.body)).toEqual(['أي حكومة؟ الاتحادية أم المحلية؟'])
    // Readers of the site never see review markup.
    const rendered = await restOn<Post>(wpBridge().url, wpBridge().admin, 'GET', `wp/v2/posts/${remote}`)
    expect(rendered.content.rendered).not.toContain('qalam-')
    expect(rendered.content.rendered).toContain('تشمل 40 حافلة')

    // The reporter syncs and finds all of it.
    await reporter.sync.run([articleId])
    const mine = reporter.articles.get(articleId)
    expect(mine.status).toBe('changes_requested')
    expect(mine.body).toContain(THREAD)
    expect(mine.body).toContain('"suggestionId":"s-when"')
    expect(reporter.review.review(articleId).comments.map((c) => c.body)).toEqual(['أي حكومة؟ الاتحادية أم المحلية؟'])

    // She accepts the number, leaves the date suggestion open, answers the comment and hands it in again.
    write(
      reporter,
      articleId,
      body(
        paragraph(mark([THREAD], ['أعلنت الحكومة المحلية']), ' خطة جديدة للنقل العام في العاصمة.'),
        'وقال الوزير إن الخطة تشمل أربعين حافلة كهربائية.',
        paragraph('ويبدأ التنفيذ في ', suggestion('s-when', 'insert', 'editor', 'أوائل '), 'الربيع المقبل.'),
        P4
      )
    )
    reporter.review.comment({ articleId, id: REPLY, threadId: THREAD, body: 'المحلية، أضفتها.' })
    reporter.review.transition(articleId, 'submitted', '')
    await reporter.sync.run([articleId])
    // An author's content goes through kses: the review markup survives it.
    expect((await post(remote)).content.raw).toContain('<ins class="qalam-suggestion" data-qalam-id="s-when"')
    expect(reporter.sync.state(articleId).state).toBe('synced')

    // The editor sees the answer; approving with a suggestion still open is refused, then it is accepted and approved.
    await editor.sync.run([articleId])
    expect(editor.articles.get(articleId).status).toBe('submitted')
    expect(editor.review.review(articleId).comments.map((c) => c.body)).toEqual(['أي حكومة؟ الاتحادية أم المحلية؟', 'المحلية، أضفتها.'])
    editor.review.transition(articleId, 'in_review', '')
    expect(() => editor.review.transition(articleId, 'approved', '')).toThrow(/suggestions/)
    write(
      editor,
      articleId,
      body(
        paragraph(mark([THREAD], ['أعلنت الحكومة المحلية']), ' خطة جديدة للنقل العام في العاصمة.'),
        'وقال الوزير إن الخطة تشمل أربعين حافلة كهربائية.',
        'ويبدأ التنفيذ في أوائل الربيع المقبل.',
        P4
      )
    )
    editor.review.setResolved(THREAD, true)
    editor.review.transition(articleId, 'approved', 'ممتاز')
    await editor.sync.run([articleId])
    await reporter.sync.run([articleId])
    expect(reporter.articles.get(articleId).status).toBe('approved')
    expect(reporter.review.review(articleId).comments[0]).toMatchObject({ resolved: true, resolvedBy: 'editor' })
    expect(reporter.review.review(articleId).history.map((h) => h.to)).toEqual(['submitted', 'in_review', 'changes_requested', 'submitted', 'in_review', 'approved'])
    expect(reporter.articles.get(articleId).bodyText).toContain('أوائل الربيع')
    // A reporter cannot publish; the editor can.
    expect(() => reporter.review.transition(articleId, 'published', '')).toThrow(AppError)
  })

  it('loses nothing when both edit at once: different paragraphs merge on both machines', async () => {
    const { articleId, remote } = await throughReview()
    write(editor, articleId, body(`${P1} وقالت مصادر إن الكلفة مليار.`, P2, P3, P4))
    write(reporter, articleId, body(P1, P2, P3, `${P4} ورد الوزير على الانتقادات.`))
    editor.review.comment({ articleId, id: THREAD, body: 'المصدر؟', quote: '' })
    reporter.review.comment({ articleId, id: REPLY, body: 'ملاحظة من المراسلة', quote: '' })
    await editor.sync.run([articleId])
    await reporter.sync.run([articleId])
    await editor.sync.run([articleId])
    for (const side of [reporter, editor]) {
      const text = side.articles.get(articleId).bodyText
      expect(text).toContain('الكلفة مليار')
      expect(text).toContain('ورد الوزير')
      expect(
        side.review
          .review(articleId)
          .comments.map((c) => c.body)
          .sort()
      ).toEqual(['المصدر؟', 'ملاحظة من المراسلة'])
      expect(side.sync.state(articleId).state).toBe('synced')
    }
    const raw = (await post(remote)).content.raw
    expect(raw).toContain('الكلفة مليار')
    expect(raw).toContain('ورد الوزير')
  })

  it('shows who sent a comment that came in a file: the site marks it, and the mark comes home without another round', async () => {
    const { articleId, remote } = await throughReview()
    // The editor reviews offline and sends the reporter a bundle instead of syncing.
    editor.review.comment({ articleId, id: THREAD, body: 'من المصدر الثاني؟', quote: '' })
    const result = reporter.bundles.importBundle(editor.bundles.exportBundle(articleId))
    expect(result).toMatchObject({ articleId, outcome: 'merged' })
    expect(reporter.review.review(articleId).comments).toMatchObject([{ author: 'editor', body: 'من المصدر الثاني؟' }])
    // The reporter (the site's user "author") sends it on: the site cannot know the editor wrote it, only who sent it.
    await reporter.sync.run([articleId])
    expect((await post(remote)).meta.qalam_review.comments).toMatchObject([{ author: 'editor', relayedBy: 'author' }])
    expect(reporter.review.review(articleId).comments[0]).toMatchObject({ author: 'editor', relayedBy: 'author' })
    // The mark was taken in with the write's answer: the next sync finds nothing new.
    const again = await reporter.sync.run([articleId])
    expect(again.pulled).toEqual([])
    expect(again.failures).toEqual([])
    // The editor's own copy learns who sent it too.
    await editor.sync.run([articleId])
    expect(editor.review.review(articleId).comments[0]).toMatchObject({ author: 'editor', relayedBy: 'author' })
  })

  it('refuses (412) an update over a save it has not seen, then reads that save and merges', async () => {
    const { articleId, remote } = await throughReview()
    // The plugin's precondition on its own.
    const current = await post(remote)
    const refused = await restOn(wpBridge().url, wpBridge().admin, 'POST', `wp/v2/posts/${remote}`, { title: 'x' }, { 'x-qalam-expected-modified': '2001-01-01T00:00:00' }).catch(
      (e: Error) => e.message
    )
    expect(String(refused)).toContain('412')
    expect(String(refused)).toContain('qalam_precondition_failed')
    await restOn(wpBridge().url, wpBridge().admin, 'POST', `wp/v2/posts/${remote}`, { title: 'خطة النقل العام' }, { 'x-qalam-expected-modified': current.modified_gmt })

    // A web edit slips in between the editor's read and write: the site refuses the write, Qalam reads it and merges.
    await editor.sync.run([articleId])
    let slipped = false
    const sneaky: FetchLike = async (url, init) => {
      if (!slipped && init?.method === 'POST' && String(url).includes(`/wp/v2/posts/${remote}`)) {
        slipped = true
        await new Promise((r) => setTimeout(r, 1100))
        const web = await post(remote)
        await restOn(wpBridge().url, wpBridge().admin, 'POST', `wp/v2/posts/${remote}`, { content: web.content.raw.replace('المعارضة', 'المعارضة البرلمانية') })
      }
      return fetch(url, init)
    }
    const racing = syncServices(dirs[1]!.dir + '-racing', { fetch: sneaky })
    try {
      const site = await addSite(racing, 'editor', wpBridge().url)
      await racing.sync.importPosts(site.id, [remote])
      const text = racing.articles.get(articleId).bodyText
      write(racing, articleId, body(`${P1} (تحديث)`, P2, P3, P4))
      expect(text).toContain(P4)
      await racing.sync.run([articleId])
      expect(slipped).toBe(true)
      const merged = racing.articles.get(articleId).bodyText
      expect(merged).toContain('(تحديث)')
      expect(merged).toContain('المعارضة البرلمانية')
      expect(racing.sync.state(articleId).state).toBe('synced')
      const raw = (await post(remote)).content.raw
      expect(raw).toContain('(تحديث)')
      expect(raw).toContain('المعارضة البرلمانية')
    } finally {
      racing.close()
    }
  })
})

describe('the companion plugin’s meta', () => {
  it('accepts only review data that fits its schema, and only from someone who may edit the post', async () => {
    const { remote } = await throughReview()
    const bad = await restOn(wpBridge().url, wpBridge().admin, 'POST', `wp/v2/posts/${remote}`, {
      meta: { qalam_review: { comments: [], history: [{ id: 'x', from: 'draft', to: 'printed', by: 'a', at: 1, note: '' }] } }
    }).catch((e: Error) => e.message)
    expect(String(bad)).toMatch(/400.*qalam_review/)
    const extra = await restOn(wpBridge().url, wpBridge().admin, 'POST', `wp/v2/posts/${remote}`, { meta: { qalam_review: { comments: [], history: [], script: '<x>' } } }).catch(
      (e: Error) => e.message
    )
    expect(String(extra)).toMatch(/400/)
    // A contributor may not edit the author's post, so not its review data either.
    const denied = await restOn(wpBridge().url, wpBridge().contributor, 'POST', `wp/v2/posts/${remote}`, { meta: { qalam_review: { comments: [], history: [] } } }).catch(
      (e: Error) => e.message
    )
    expect(String(denied)).toMatch(/40[13]/)
    // Nobody signed in reads it.
    const anonymous = (await (await fetch(`${wpBridge().url}/?rest_route=/wp/v2/posts/${remote}`)).json()) as { meta?: unknown; code?: string }
    expect(JSON.stringify(anonymous)).not.toContain('submitted')
    expect((await post(remote)).meta.qalam_review.history.length).toBe(1)
  })

  it('lists the site’s revisions of a post, compares one with the article, and restores it', async () => {
    const { articleId } = await throughReview()
    // WordPress keeps a revision per content update: two updates, two revisions.
    write(reporter, articleId, body(P1, P2, P3, `${P4} وردت الحكومة.`))
    await reporter.sync.run([articleId])
    write(reporter, articleId, body(P1, P2, `${P3} وأُرجئ موعد الافتتاح.`, `${P4} وردت الحكومة.`))
    await reporter.sync.run([articleId])
    const revisions = await reporter.sync.siteRevisions(articleId)
    expect(revisions.length, `the article's sync state: ${JSON.stringify(reporter.sync.state(articleId))}`).toBeGreaterThanOrEqual(2)
    const oldest = revisions[revisions.length - 1]!
    const diff = await reporter.revisions.compare(articleId, { kind: 'site', id: oldest.id }, { kind: 'current' }, false)
    expect(
      diff.body
        .filter((p) => p.kind === 'added')
        .map((p) => p.text)
        .join('')
    ).toContain('وأُرجئ موعد الافتتاح')
    const restored = await reporter.sync.restoreSiteRevision(articleId, oldest.id)
    expect(restored.bodyText).not.toContain('وأُرجئ')
    expect(reporter.revisions.list(articleId)[0]!.reason).toBe('before-restore')
  })
})

describe('a site without the companion plugin', () => {
  it('still syncs the article and says review data does not travel', async () => {
    const site = await addSite(reporter, 'author', wp().url)
    expect(site.bridge).toBe(false)
    const a = reporter.articles.create('بلا إضافة')
    write(reporter, a.id, body(paragraph(mark([THREAD], ['نص']), ' عليه تعليق.')))
    reporter.sync.assign(a.id, site.id)
    reporter.review.comment({ articleId: a.id, id: THREAD, body: 'تعليق محلي', quote: 'نص' })
    expect(reporter.review.identity(a.id).bridge).toBe(false)
    await reporter.sync.run([a.id])
    const sent = await restOn<{ content: { raw: string }; meta: unknown }>(wp().url, wp().admin, 'GET', `wp/v2/posts/${remoteId(reporter, a.id)}?context=edit`)
    expect(sent.content.raw).toContain('عليه تعليق')
    expect(JSON.stringify(sent.meta)).not.toContain('تعليق محلي')
  })
})
