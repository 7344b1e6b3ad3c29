import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Services } from '@main/services'
import { body as doc, mark, paragraph as para } from '../support/lexical'
import { tempDir } from '../support/temp'
import type { WpUser } from '../support/wordpress'
import { addSite, remoteId, restOn, syncServices, wp, wpBridge, write } from './helpers'

/**
 * Comment threads as WordPress's Notes (6.9+), against the real WordPress: a note an editor
 * writes in the block editor (made here through REST exactly as the block editor makes it: a
 * `note` comment, then the block's `metadata.noteId` saved with the post) comes into the
 * reporter's review panel quoting its block; the reporter's reply, resolution, new thread and
 * delete go back as notes; nothing is made twice, and a note deleted stays deleted. On WordPress
 * 6.1 (no Notes) nothing of this is asked for.
 */

interface Note {
  id: number
  parent: number
  post: number
  author: number
  author_name: string
  status: string
  content: { raw: string }
  meta: { _wp_note_status?: string }
}

const P1 = 'قال المتحدث إن عدد الضحايا بلغ 12 شخصاً.'
const P2 = 'وأضاف أن التحقيق مستمر.'

let reporterDir: ReturnType<typeof tempDir>
let reporter: Services
beforeEach(() => {
  reporterDir = tempDir()
  reporter = syncServices(reporterDir.dir)
})
afterEach(() => {
  reporter.close()
  reporterDir.remove()
})

const notesOf = (post: number) => restOn<Note[]>(wp().url, wp().admin, 'GET', `wp/v2/comments?post=${post}&type=note&status=all&context=edit&per_page=100&orderby=id&order=asc`)

/** A note as the block editor writes one on the post's first paragraph, by `user`, and the post saved with the block's metadata.noteId. */
async function editorNote(user: WpUser, post: number, content: string): Promise<number> {
  const note = await restOn<Note>(wp().url, user, 'POST', 'wp/v2/comments', { post, content, status: 'hold', type: 'note', parent: 0 })
  const current = await restOn<{ content: { raw: string } }>(wp().url, user, 'GET', `wp/v2/posts/${post}?context=edit`)
  const marked = current.content.raw.replace('<!-- wp:paragraph -->', `<!-- wp:paragraph {"metadata":{"noteId":${note.id}}} -->`)
  expect(marked).not.toBe(current.content.raw)
  await restOn(wp().url, user, 'POST', `wp/v2/posts/${post}`, { content: marked })
  return note.id
}

describe.skipIf(inject('wordpressCore') !== '7.0')('comment threads as WordPress’s Notes', () => {
  it('an editor’s note in the block editor comes in quoting its block; the reporter’s reply, resolution and own thread go back as notes, once', async () => {
    const site = await addSite(reporter, 'author')
    const a = reporter.articles.create('حصيلة الحادث')
    write(reporter, a.id, { body: doc(para(P1), para(P2)) })
    reporter.sync.assign(a.id, site.id)
    await reporter.sync.run()
    const post = remoteId(reporter, a.id)

    // The editor, in the block editor: a note on the first paragraph, and a reply to it.
    const noteId = await editorNote(wp().editor, post, 'من أين جاء رقم 12؟')
    const replyId = (await restOn<Note>(wp().url, wp().editor, 'POST', 'wp/v2/comments', { post, content: 'أرجو ذكر المصدر.', status: 'hold', type: 'note', parent: noteId })).id

    await reporter.sync.run()
    expect(reporter.sync.state(a.id).state).toBe('synced')
    const threads = () => reporter.review.review(a.id).comments.filter((c) => !c.deleted)
    const thread = threads().find((c) => c.body === 'من أين جاء رقم 12؟')!
    expect(thread).toBeDefined()
    expect(thread.threadId).toBe(thread.id)
    expect(thread.quote).toBe(P1)
    expect(thread.author).toMatch(/\S/)
    expect(threads().find((c) => c.body === 'أرجو ذكر المصدر.')?.threadId).toBe(thread.id)

    // The reporter, offline: a reply, then the thread resolved, and a thread of their own.
    const replyHere = randomUUID()
    reporter.review.comment({ articleId: a.id, id: replyHere, threadId: thread.id, body: 'المصدر: وزارة الصحة.' })
    reporter.review.setResolved(thread.id, true)
    // A thread of their own, anchored in the second paragraph as the editor's comment button does it.
    const own = randomUUID()
    const current = JSON.parse(reporter.articles.get(a.id).body)
    // The second paragraph edited in place (its node state, the site's markup, kept), as the editor does.
    current.root.children[1] = { ...para('وأضاف أن ', mark([own], ['التحقيق مستمر']), '.'), $: current.root.children[1].$ }
    expect(JSON.stringify(current.root.children[0])).toContain('noteId')
    write(reporter, a.id, { body: JSON.stringify(current) })
    reporter.review.comment({ articleId: a.id, id: own, body: 'هل نضيف صورة؟', quote: 'التحقيق مستمر' })
    await reporter.sync.run()
    let notes = await notesOf(post)
    const answer = notes.find((n) => n.content.raw === 'المصدر: وزارة الصحة.')!
    expect(answer.parent).toBe(noteId)
    expect(answer.author).toBe(wp().author.id)
    expect(notes.find((n) => n.id === noteId)!.status).toBe('approved')
    expect(notes.filter((n) => n.parent === noteId && n.meta._wp_note_status === 'resolved')).toHaveLength(1)
    const ownNote = notes.find((n) => n.content.raw === 'هل نضيف صورة؟')!
    expect([ownNote.parent, ownNote.status]).toEqual([0, 'hold'])

    // The reporter's thread is put on its block, as the block editor would (the next sync carries the block's metadata.noteId).
    await reporter.sync.run()
    const content = (await restOn<{ content: { raw: string } }>(wp().url, wp().admin, 'GET', `wp/v2/posts/${post}?context=edit`)).content.raw
    expect(content).toContain(`<!-- wp:paragraph {"metadata":{"noteId":${ownNote.id}}} -->`)
    expect(content).toContain(`<!-- wp:paragraph {"metadata":{"noteId":${noteId}}} -->`)
    expect(reporter.sync.state(a.id).state).toBe('synced')
    notes = await notesOf(post)

    // Again, with nothing changed: nothing new on either side.
    const count = notes.length
    const before = reporter.review.review(a.id).comments.length
    await reporter.sync.run()
    expect((await notesOf(post)).length).toBe(count)
    expect(reporter.review.review(a.id).comments.length).toBe(before)

    // The editor reopens the thread and deletes their reply; the reporter deletes their own thread.
    await restOn(wp().url, wp().editor, 'POST', `wp/v2/comments/${noteId}`, { status: 'hold' })
    await restOn(wp().url, wp().editor, 'POST', 'wp/v2/comments', { post, content: '', type: 'note', status: 'hold', parent: noteId, meta: { _wp_note_status: 'reopen' } })
    await restOn(wp().url, wp().editor, 'DELETE', `wp/v2/comments/${replyId}`)
    reporter.review.deleteComment(own)
    await reporter.sync.run()
    const after = reporter.review.review(a.id).comments
    expect(after.find((c) => c.id === thread.id)!.resolved).toBe(false)
    expect(after.find((c) => c.body === 'أرجو ذكر المصدر.')).toBeUndefined()
    expect(after.filter((c) => c.deleted)).toHaveLength(2)
    notes = await notesOf(post)
    expect(notes.find((n) => n.id === ownNote.id)).toBeUndefined()
    // Its block lets go of the deleted note, as the block editor does; the editor's note stays on its block.
    const after2 = (await restOn<{ content: { raw: string } }>(wp().url, wp().admin, 'GET', `wp/v2/posts/${post}?context=edit`)).content.raw
    expect(after2).not.toContain(`"noteId":${ownNote.id}`)
    expect(after2).toContain(`<!-- wp:paragraph {"metadata":{"noteId":${noteId}}} -->`)
    expect(notes.find((n) => n.id === replyId)).toBeUndefined()
    // And a deleted note stays deleted: another run sends nothing back.
    await reporter.sync.run()
    expect((await notesOf(post)).length).toBe(notes.length)
  })

  it('a second desk reading the same post takes the same threads under the same ids', async () => {
    const site = await addSite(reporter, 'author')
    const a = reporter.articles.create('خبر بمراجعتين')
    write(reporter, a.id, { body: doc(para(P1)) })
    reporter.sync.assign(a.id, site.id)
    await reporter.sync.run()
    const post = remoteId(reporter, a.id)
    await editorNote(wp().editor, post, 'ملاحظة المحرر')
    const own = randomUUID()
    reporter.review.comment({ articleId: a.id, id: own, body: 'سؤال المراسل' })
    await reporter.sync.run()
    await reporter.sync.run()

    const editorDir = tempDir()
    const editor = syncServices(editorDir.dir)
    try {
      const eSite = await addSite(editor, 'editor')
      await editor.sync.importPosts(eSite.id, [post])
      const id = editor.articles.list({}).find((x) => x.title === 'خبر بمراجعتين')!.id
      await editor.sync.run()
      const mine = reporter.review.review(a.id).comments.filter((c) => !c.deleted && c.body !== 'سؤال المراسل')
      const theirs = editor.review.review(id).comments.filter((c) => !c.deleted)
      // The editor's note is the same comment on both desks; the reporter's own thread comes in as a note (no plugin to name it).
      expect(theirs.find((c) => c.body === 'ملاحظة المحرر')!.id).toBe(mine.find((c) => c.body === 'ملاحظة المحرر')!.id)
      expect(theirs.filter((c) => c.body === 'ملاحظة المحرر')).toHaveLength(1)
      expect(theirs.filter((c) => c.body === 'سؤال المراسل')).toHaveLength(1)
      expect((await notesOf(post)).length).toBe(2)
    } finally {
      editor.close()
      editorDir.remove()
    }
  })
})

describe.skipIf(inject('wordpressCore') !== '7.0')('notes for a user who may not edit every post in review', () => {
  it('a contributor whose post was published still gets the notes of the post they may edit', async () => {
    const site = await addSite(reporter, 'contributor')
    const [a, b] = ['خبر المساهم الأول', 'خبر المساهم الثاني'].map((title) => {
      const created = reporter.articles.create(title)
      write(reporter, created.id, { body: doc(para(P1)) })
      reporter.sync.assign(created.id, site.id)
      reporter.review.transition(created.id, 'submitted', '')
      return created
    })
    await reporter.sync.run()
    // The editor publishes the second: a contributor may not edit it any more, nor read its notes.
    await restOn(wp().url, wp().admin, 'POST', `wp/v2/posts/${remoteId(reporter, b!.id)}`, { status: 'publish' })
    await editorNote(wp().editor, remoteId(reporter, a!.id), 'راجع الرقم')
    await reporter.sync.run()
    expect(reporter.review.review(a!.id).comments.map((c) => c.body)).toContain('راجع الرقم')
    expect(reporter.sync.state(a!.id).state).toBe('synced')
  })
})

describe.skipIf(inject('wordpressCore') !== '7.0')('Notes on a site with the companion plugin', () => {
  it('a thread opened in Qalam becomes a note that names it; another desk takes it once, as its author wrote it', async () => {
    const site = await addSite(reporter, 'author', wpBridge().url)
    const a = reporter.articles.create('خبر عبر الإضافة والملاحظات')
    const thread = randomUUID()
    write(reporter, a.id, { body: doc(para('قال ', mark([thread], ['الوزير']), ' إن الطريق مغلق.')) })
    reporter.sync.assign(a.id, site.id)
    reporter.review.comment({ articleId: a.id, id: thread, body: 'أي وزير؟', quote: 'الوزير' })
    reporter.review.transition(a.id, 'submitted', '')
    await reporter.sync.run()
    const post = remoteId(reporter, a.id)
    // The post's first sync made it; its notes go at the next, which also puts the thread on its block.
    await reporter.sync.run()
    const notes = await restOn<Note[]>(wpBridge().url, wpBridge().admin, 'GET', `wp/v2/comments?post=${post}&type=note&status=all&context=edit`)
    expect(notes).toHaveLength(1)
    expect((notes[0]!.meta as { qalam_id?: string }).qalam_id).toBe(thread)
    const content = (await restOn<{ content: { raw: string } }>(wpBridge().url, wpBridge().admin, 'GET', `wp/v2/posts/${post}?context=edit`)).content.raw
    expect(content).toContain(`{"metadata":{"noteId":${notes[0]!.id}}}`)
    expect(reporter.sync.state(a.id).state).toBe('synced')

    const editorDir = tempDir()
    const editor = syncServices(editorDir.dir)
    try {
      const eSite = await addSite(editor, 'editor', wpBridge().url)
      await editor.sync.importPosts(eSite.id, [post])
      await editor.sync.run()
      const theirs = editor.review.review(a.id).comments
      expect(theirs).toHaveLength(1)
      expect(theirs[0]).toMatchObject({ id: thread, body: 'أي وزير؟', quote: 'الوزير', author: 'author' })
      expect(editor.sync.state(a.id).state).toBe('synced')
    } finally {
      editor.close()
      editorDir.remove()
    }
  })
})

describe.skipIf(inject('wordpressCore') === '7.0')('a site without Notes (WordPress 6.1)', () => {
  it('is asked once whether it has them, and its threads travel as before', async () => {
    const asked: string[] = []
    reporter.close()
    reporter = syncServices(reporterDir.dir, {
      fetch: (input, init) => {
        if (init?.method === 'OPTIONS') asked.push(String(input))
        return fetch(input, init)
      }
    })
    const site = await addSite(reporter, 'author')
    const a = reporter.articles.create('خبر على موقع قديم')
    write(reporter, a.id, { body: doc(para(P1)) })
    reporter.sync.assign(a.id, site.id)
    reporter.review.comment({ articleId: a.id, id: randomUUID(), body: 'سؤال' })
    await reporter.sync.run()
    await reporter.sync.run()
    expect(reporter.sync.state(a.id).state).toBe('synced')
    expect(await notesOf(remoteId(reporter, a.id))).toEqual([])
    expect(asked).toHaveLength(1)
    expect(reporter.review.identity(a.id).notes).toBe(false)
  })
})
