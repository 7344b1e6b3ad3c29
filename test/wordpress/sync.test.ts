import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { tempDir } from '../support/temp'
import { cameraJpeg, tinyPng } from '../support/images'
import sharp from 'sharp'
import { runPhp } from '../support/wordpress'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'
import { addSite, article, remoteId, rest, syncServices, wp, wpBridge, write } from './helpers'
import { body as doc, heading, image, paragraph as para, paragraphDir } from '../support/lexical'

let data: ReturnType<typeof tempDir>
let services: Services
beforeEach(() => {
  data = tempDir()
  services = syncServices(data.dir)
})
afterEach(() => {
  services.close()
  data.remove()
})

interface Post {
  id: number
  status: string
  title: { raw: string }
  excerpt: { raw: string }
  content: { raw: string }
  categories: number[]
  tags: number[]
  modified_gmt: string
}

const getPost = (id: number) => rest<Post>(wp().admin, 'GET', `wp/v2/posts/${id}?context=edit`)
const bodyText = (s: Services, id: string) => s.articles.get(id).bodyText

/** WordPress's own block parser, run by the site's PHP on what it stored. */
function serverBlocks(postId: number): { name: string | null; attrs: Record<string, unknown>; inner: number }[] {
  const out = runPhp(
    wp().port,
    `$p = get_post(${postId}); echo json_encode(array_values(array_map(function ($b) { return array('name' => $b['blockName'], 'attrs' => $b['attrs'], 'inner' => count($b['innerBlocks'])); }, array_filter(parse_blocks($p->post_content), function ($b) { return $b['blockName'] !== null; }))));`
  )
  return JSON.parse(out.slice(out.indexOf('['))) as never
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; reason?: string; message: string }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, reason: error.reason, message: error.message }
    throw error
  }
  throw new Error('expected a failure')
}

describe('signing in to a site', () => {
  it('runs against the WordPress its project names: 7.0 as released, or 6.1, the oldest supported', () => {
    const core = inject('wordpressCore')
    expect(wp().version.startsWith(`${core}.`)).toBe(true)
    expect(wpBridge().version).toBe(wp().version)
  })

  it('finds the REST root, shows the site name, checks capabilities and keeps the password only encrypted', async () => {
    const site = await addSite(services, 'author')
    expect(site.name).toBe('صحيفة الاختبار')
    expect(site.restRoot).toContain(String(wp().port))
    expect(site.capabilities).toEqual({ edit_posts: true, publish_posts: true, upload_files: true, edit_others_posts: false })
    expect(site.bridge).toBe(false)
    const contributor = syncServices(tempDir().dir)
    const limited = await addSite(contributor, 'contributor')
    expect(limited.capabilities).toEqual({ edit_posts: true, publish_posts: false, upload_files: false, edit_others_posts: false })
    contributor.close()
    services.close()
    const file = readFileSync(join(data.dir, 'qalam.db'))
    expect(file.includes(Buffer.from(wp().author.appPassword))).toBe(false)
    expect(JSON.stringify(site)).not.toContain(wp().author.appPassword)
  })

  it('gives each sign-in failure its own reason', async () => {
    expect((await failureOf(services.sync.addSite({ url: wp().url, username: 'author', appPassword: 'wrong pass word xxxx' }))).reason).toBe('wrong_password')
    expect((await failureOf(addSite(services, 'subscriber'))).reason).toBe('missing_capability')
    expect((await failureOf(services.sync.addSite({ url: 'http://127.0.0.1:9/', username: 'a', appPassword: 'b' }))).reason).toBe('wrong_address')
    expect((await failureOf(services.sync.addSite({ url: 'not a url at all', username: 'a', appPassword: 'b' }))).reason).toBe('wrong_address')
  })

  it('asks before keeping a password where the system has no keyring', async () => {
    const plain = syncServices(tempDir().dir, { storage: 'plain' })
    const user = wp().author
    const refused = await failureOf(plain.sync.addSite({ url: wp().url, username: user.login, appPassword: user.appPassword }))
    expect(refused.reason).toBe('insecure_storage')
    expect(plain.sync.sites()).toEqual([])
    const site = await plain.sync.addSite({ url: wp().url, username: user.login, appPassword: user.appPassword, allowPlainText: true })
    expect(site.secretStorage).toBe('plain')
    plain.close()
  })
})

describe('push', () => {
  it('sends a new article as block markup the site parses into blocks, with terms created and direction kept', async () => {
    // Creating categories takes an editor on WordPress; an author picks from the existing ones.
    const site = await addSite(services, 'editor')
    const created = services.articles.create('انفجار في المرفأ')
    write(services, created.id, {
      standfirst: 'ملخص الخبر',
      body: doc(para('قالت الشرطة إن الانفجار وقع صباحاً.'), heading('التفاصيل', 'h3'), paragraphDir('ltr', 'Reuters reported 3 injuries.')),
      meta: { categories: ['محليات'], tags: ['بيروت', 'مرفأ'] }
    })
    services.sync.assign(created.id, site.id)
    const result = await services.sync.run()
    expect(result.failures).toEqual([])
    const post = await getPost(remoteId(services, created.id))
    expect(post.title.raw).toBe('انفجار في المرفأ')
    expect(post.excerpt.raw).toBe('ملخص الخبر')
    expect(post.status).toBe('draft')
    expect(post.content.raw).toContain('<p dir="ltr">Reuters reported 3 injuries.</p>')
    expect(serverBlocks(post.id)).toEqual([
      { name: 'core/paragraph', attrs: [], inner: 0 },
      { name: 'core/heading', attrs: { level: 3 }, inner: 0 },
      { name: 'core/paragraph', attrs: { direction: 'ltr' }, inner: 0 }
    ])
    const cats = await rest<{ name: string }[]>(wp().admin, 'GET', `wp/v2/categories?include=${post.categories.join(',')}`)
    const tags = await rest<{ name: string }[]>(wp().admin, 'GET', `wp/v2/tags?include=${post.tags.join(',')}`)
    expect(cats.map((c) => c.name)).toEqual(['محليات'])
    expect(tags.map((t) => t.name).sort()).toEqual(['بيروت', 'مرفأ'].sort())
    expect(services.sync.state(created.id).state).toBe('synced')
  })

  it('pushes an update, and a sync with nothing changed costs at most two requests', async () => {
    const site = await addSite(services)
    const id = article(services, site.id, 'خبر يتطور', ['الفقرة الأولى'])
    await services.sync.run()
    write(services, id, { body: doc(para('الفقرة الأولى'), para('تحديث: ارتفع عدد الضحايا')) })
    expect(services.sync.state(id).state).toBe('changed_here')
    await services.sync.run()
    expect((await getPost(remoteId(services, id))).content.raw).toContain('تحديث: ارتفع عدد الضحايا')
    await services.sync.run()
    expect(services.sync.engine.lastRequests).toBeLessThanOrEqual(2)
    expect(services.sync.state(id).state).toBe('synced')
  })

  it('uploads an image once with alt text and caption, and the post refers to the attachment', async () => {
    const site = await addSite(services)
    const source = join(data.dir, 'photo.png')
    writeFileSync(source, tinyPng(64, 48))
    const media = services.media.importFile(source)
    const created = services.articles.create('صورة من المرفأ')
    write(services, created.id, { body: doc(para('قبل الصورة'), image(media.id, 'دخان فوق المرفأ', 'المرفأ صباح اليوم')) })
    services.sync.assign(created.id, site.id)
    await services.sync.run()
    write(services, created.id, { title: 'صورة من المرفأ (محدث)' })
    await services.sync.run()
    const uploads = await rest<{ id: number; alt_text: string; caption: { raw: string } }[]>(wp().admin, 'GET', `wp/v2/media?search=qalam-${media.id.split('.')[0]}&context=edit`)
    expect(uploads).toHaveLength(1)
    expect(uploads[0]!.alt_text).toBe('دخان فوق المرفأ')
    const post = await getPost(remoteId(services, created.id))
    expect(post.content.raw).toContain(`wp-image-${uploads[0]!.id}`)
    expect(serverBlocks(post.id).map((b) => b.name)).toEqual(['core/paragraph', 'core/image'])
  })

  it('sends a camera photo sized for the web (2,048 px, a fraction of its bytes) and keeps the original on the desk', async () => {
    const site = await addSite(services)
    const source = join(data.dir, 'camera.jpg')
    writeFileSync(source, await cameraJpeg(3600, 2400))
    const media = services.media.importFile(source)
    const created = services.articles.create('صورة بحجم الكاميرا')
    write(services, created.id, { body: doc(para('قبل الصورة'), image(media.id, 'بديل', '')) })
    services.sync.assign(created.id, site.id)
    const progress: { done: number; total: number }[] = []
    const stop = services.onSyncProgress((p) => progress.push({ done: p.bytesDone, total: p.bytesTotal }))
    await services.sync.run()
    stop()
    const [upload] = await rest<{ media_details: { width: number; height: number; filesize?: number } }[]>(
      wp().admin,
      'GET',
      `wp/v2/media?search=qalam-${media.id.split('.')[0]}&context=edit`
    )
    expect([upload!.media_details.width, upload!.media_details.height]).toEqual([2048, 1365])
    // The desk keeps the original; the progress ends full, on the bytes that really went.
    expect((await sharp(services.media.read(media.id)!).metadata()).width).toBe(3600)
    const last = progress.at(-1)!
    expect(last.done).toBe(last.total)
    expect(last.total).toBeLessThan(media.bytes)
  })

  it('sends one picture at full size when the reporter asks for it, and the others sized for the web', async () => {
    const site = await addSite(services)
    const source = join(data.dir, 'whole.jpg')
    // 2,400 px: over Qalam's 2,048, under the 2,560 px past which WordPress makes its own smaller copy.
    writeFileSync(source, await cameraJpeg(2400, 1600, { seed: 9 }))
    const whole = services.media.importFile(source)
    writeFileSync(source, await cameraJpeg(2400, 1600, { seed: 10 }))
    const sized = services.media.importFile(source)
    expect(services.media.fullSize(whole.id, true)).toBe(true)
    const created = services.articles.create('صورة كاملة وأخرى مصغّرة')
    write(services, created.id, { body: doc(para('صورتان'), image(whole.id, 'كاملة', ''), image(sized.id, 'مصغّرة', '')) })
    services.sync.assign(created.id, site.id)
    await services.sync.run()
    const width = async (id: string) =>
      (await rest<{ media_details: { width: number } }[]>(wp().admin, 'GET', `wp/v2/media?search=qalam-${id.split('.')[0]}&context=edit`))[0]!.media_details.width
    expect(await width(whole.id)).toBe(2400)
    expect(await width(sized.id)).toBe(2048)
  })

  it('sets the featured image (uploaded once) and schedules a post for its time', async () => {
    const site = await addSite(services, 'editor')
    const source = join(data.dir, 'featured.png')
    writeFileSync(source, tinyPng(90, 60))
    const media = services.media.importFile(source)
    const id = article(services, site.id, 'خبر مجدول بصورة', ['ينشر غداً صباحاً'])
    const at = Date.UTC(2031, 0, 15, 6, 30)
    write(services, id, { meta: { featuredImage: media.id, publishAt: at } })
    services.articles.setStatus(id, 'scheduled')
    const result = await services.sync.run()
    expect(result.failures).toEqual([])
    const post = await rest<Post & { featured_media: number; date_gmt: string }>(wp().admin, 'GET', `wp/v2/posts/${remoteId(services, id)}?context=edit`)
    expect(post.status).toBe('future')
    expect(post.date_gmt).toBe('2031-01-15T06:30:00')
    const uploads = await rest<{ id: number }[]>(wp().admin, 'GET', `wp/v2/media?search=qalam-${media.id.split('.')[0]}`)
    expect(uploads.map((u) => u.id)).toEqual([post.featured_media])
    // An editor moves the time on the site: the article here follows.
    await rest(wp().editor, 'POST', `wp/v2/posts/${post.id}`, { date_gmt: '2031-01-16T08:00:00' })
    await services.sync.run()
    expect(services.articles.get(id).meta.publishAt).toBe(Date.UTC(2031, 0, 16, 8, 0))
    expect(services.articles.get(id).status).toBe('scheduled')
    expect(services.sync.state(id).state).toBe('synced')
  })

  it('keeps a featured image the site has and this machine does not', async () => {
    const site = await addSite(services, 'editor')
    const id = article(services, site.id, 'صورة بارزة من الموقع', ['نص'])
    await services.sync.run()
    const postId = remoteId(services, id)
    // An editor sets a featured image on the web, from a file this machine never had.
    const upload = await fetch(`${wp().url}/?rest_route=/wp/v2/media`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${wp().editor.login}:${wp().editor.appPassword}`).toString('base64')}`,
        'content-type': 'image/png',
        'content-disposition': 'attachment; filename="web-photo.png"'
      },
      body: new Uint8Array(tinyPng(33, 21))
    })
    const mediaOnSite = ((await upload.json()) as { id: number }).id
    await rest(wp().editor, 'POST', `wp/v2/posts/${postId}`, { featured_media: mediaOnSite })
    await services.sync.run()
    write(services, id, { title: 'صورة بارزة من الموقع — محدث' })
    await services.sync.run()
    const post = await rest<{ featured_media: number; title: { raw: string } }>(wp().admin, 'GET', `wp/v2/posts/${postId}?context=edit`)
    expect(post.title.raw).toBe('صورة بارزة من الموقع — محدث')
    expect(post.featured_media).toBe(mediaOnSite)
    expect(services.sync.state(id).state).toBe('synced')
  })

  it('refuses what the user may not do, per article, and goes on with the others', async () => {
    const site = await addSite(services, 'contributor')
    const ok = article(services, site.id, 'مسودة مساهم', ['نص'])
    const publish = article(services, site.id, 'يريد النشر', ['نص'])
    services.articles.setStatus(publish, 'published')
    const result = await services.sync.run()
    expect(services.sync.state(ok).state).toBe('synced')
    expect(result.failures.map((f) => [f.articleId, f.error.code])).toEqual([[publish, 'missing_capability']])
    expect(result.failures[0]!.error.detail).toContain('publish_posts')
    expect(services.sync.state(publish).state).toBe('error')
  })
})

describe('pull', () => {
  it("takes an editor's status change and a web edit, keeping the local version as a revision", async () => {
    const site = await addSite(services)
    const id = article(services, site.id, 'خبر للمراجعة', ['نص المراسل'])
    await services.sync.run()
    const postId = remoteId(services, id)
    const remote = await getPost(postId)
    await rest(wp().editor, 'POST', `wp/v2/posts/${postId}`, {
      status: 'pending',
      content: remote.content.raw.replace('نص المراسل', 'نص المراسل بعد تدقيق المحرر')
    })
    await services.sync.run()
    const local = services.articles.get(id)
    expect(local.status).toBe('submitted')
    expect(local.bodyText).toBe('نص المراسل بعد تدقيق المحرر')
    expect(services.revisions.list(id).map((r) => r.reason)).toContain('before-sync')
    expect(services.sync.state(id).state).toBe('synced')
    // The move made on the site is in the history, by the site, at the time it was saved there.
    const saved = Date.parse(`${(await getPost(postId)).modified_gmt}Z`)
    expect(services.review.review(id).history.map(({ from, to, by, at }) => ({ from, to, by, at }))).toEqual([{ from: 'draft', to: 'submitted', by: site.name, at: saved }])
    // The editor publishes from WordPress's admin; nothing changes in between, and nothing is recorded twice.
    await services.sync.run()
    await rest(wp().editor, 'POST', `wp/v2/posts/${postId}`, { status: 'publish' })
    await services.sync.run()
    await services.sync.run()
    expect(services.articles.get(id).status).toBe('published')
    expect(services.review.review(id).history.map((h) => `${h.from}→${h.to}`)).toEqual(['draft→submitted', 'submitted→published'])
  })

  it('merges edits to different paragraphs on both sides', async () => {
    const site = await addSite(services)
    const id = article(services, site.id, 'خبر مشترك', ['الأولى', 'الثانية', 'الثالثة'])
    await services.sync.run()
    const postId = remoteId(services, id)
    const remote = await getPost(postId)
    await rest(wp().editor, 'POST', `wp/v2/posts/${postId}`, { content: remote.content.raw.replace('الثالثة', 'الثالثة كما صححها المحرر') })
    write(services, id, { title: 'خبر مشترك — محدث', body: doc(para('الأولى كما عدلها المراسل'), para('الثانية'), para('الثالثة')) })
    await services.sync.run()
    expect(services.sync.state(id).state).toBe('synced')
    expect(bodyText(services, id)).toBe('الأولى كما عدلها المراسل\n\nالثانية\n\nالثالثة كما صححها المحرر')
    const after = await getPost(postId)
    expect(after.title.raw).toBe('خبر مشترك — محدث')
    expect(after.content.raw).toContain('الأولى كما عدلها المراسل')
    expect(after.content.raw).toContain('الثالثة كما صححها المحرر')
  })

  it('keeps both versions when both sides changed the same paragraph, and sends the choice once resolved', async () => {
    const site = await addSite(services)
    const id = article(services, site.id, 'خبر متنازع', ['الأولى', 'الثانية'])
    await services.sync.run()
    const postId = remoteId(services, id)
    const remote = await getPost(postId)
    await rest(wp().editor, 'POST', `wp/v2/posts/${postId}`, { content: remote.content.raw.replace('الثانية', 'الثانية بصيغة المحرر') })
    write(services, id, { body: doc(para('الأولى'), para('الثانية بصيغة المراسل')) })
    await services.sync.run()
    expect(services.sync.state(id).state).toBe('conflict')
    expect(bodyText(services, id)).toBe('الأولى\n\nالثانية بصيغة المراسل')
    expect((await getPost(postId)).content.raw).toContain('الثانية بصيغة المحرر')
    const conflict = services.sync.conflict(id)!
    const chunk = conflict.chunks.find((c) => c.kind === 'conflict')!
    expect(chunk.kind === 'conflict' && chunk.remote.map((b) => conflict.text[b])).toEqual(['الثانية بصيغة المحرر'])
    // A sync while in conflict sends nothing.
    await services.sync.run()
    expect((await getPost(postId)).content.raw).toContain('الثانية بصيغة المحرر')

    services.sync.resolve(id, ['remote'], {})
    expect(bodyText(services, id)).toBe('الأولى\n\nالثانية بصيغة المحرر')
    write(services, id, { body: doc(para('الأولى'), para('الثانية بصيغة المحرر'), para('سطر أضافه المراسل بعد الحل')) })
    await services.sync.run()
    expect(services.sync.state(id).state).toBe('synced')
    expect((await getPost(postId)).content.raw).toContain('سطر أضافه المراسل بعد الحل')
  })

  it('keeps an article deleted on the site, marks it, and sends it again on request', async () => {
    const site = await addSite(services)
    const id = article(services, site.id, 'خبر حذفه الموقع', ['نص'])
    await services.sync.run()
    const first = remoteId(services, id)
    await rest(wp().admin, 'DELETE', `wp/v2/posts/${first}?force=true`)
    write(services, id, { body: doc(para('نص عدله المراسل بعد الحذف')) })
    await services.sync.run()
    expect(services.sync.state(id).state).toBe('deleted_on_site')
    expect(bodyText(services, id)).toBe('نص عدله المراسل بعد الحذف')
    services.sync.recreate(id)
    await services.sync.run()
    const again = remoteId(services, id)
    expect(again).not.toBe(first)
    expect((await getPost(again)).content.raw).toContain('نص عدله المراسل بعد الحذف')

    // Moved to the site's trash (not deleted for good): the same.
    await rest(wp().editor, 'DELETE', `wp/v2/posts/${again}`)
    await services.sync.run()
    expect(services.sync.state(id).state).toBe('deleted_on_site')
    expect(services.sync.state(id).remoteStatus).toBe('trash')
    expect(bodyText(services, id)).toBe('نص عدله المراسل بعد الحذف')
  })

  it('imports posts from the site, keeping blocks it cannot edit unchanged on the way back', async () => {
    const site = await addSite(services)
    const embed =
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x","type":"video"} -->\n<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=x\n</div></figure>\n<!-- /wp:embed -->'
    const hostile = '<!-- wp:paragraph -->\n<p>نص <a href="javascript:alert(1)">خبيث</a><img src=x onerror=alert(1)></p>\n<!-- /wp:paragraph -->'
    const created = await rest<Post>(wp().editor, 'POST', 'wp/v2/posts', {
      title: 'منشور من الموقع',
      status: 'draft',
      author: wp().author.id,
      content: `<!-- wp:paragraph -->\n<p>فقرة <strong>مهمة</strong></p>\n<!-- /wp:paragraph -->\n\n${embed}\n\n${hostile}`
    })
    await services.sync.importPosts(site.id, [created.id])
    const local = services.articles.list({}).find((a) => a.title === 'منشور من الموقع')!
    const body = JSON.parse(services.articles.get(local.id).body) as { root: { children: { type: string; markup?: string }[] } }
    expect(body.root.children.map((c) => c.type)).toEqual(['paragraph', 'qalam-raw-block', 'qalam-raw-block'])
    expect(JSON.stringify(body)).not.toContain('"url":"javascript:')
    const article = services.articles.get(local.id)
    write(services, local.id, { body: article.body.replace('فقرة', 'فقرة معدلة') })
    await services.sync.run()
    const after = await getPost(created.id)
    expect(after.content.raw).toContain(embed)
    expect(after.content.raw).toContain('فقرة معدلة')
  })
})

describe('a site that fails', () => {
  it('marks the articles with the reason and loses nothing when the password is revoked', async () => {
    const login = `reporter${Date.now() % 100000}`
    const made = runPhp(
      wp().port,
      `$id = wp_insert_user(array('user_login' => '${login}', 'user_pass' => 'x-pass-123', 'user_email' => '${login}@example.test', 'role' => 'author'));
       $c = WP_Application_Passwords::create_new_application_password($id, array('name' => 'qalam')); echo json_encode(array('id' => $id, 'pw' => $c[0]));`
    )
    const user = JSON.parse(made.slice(made.indexOf('{'))) as { id: number; pw: string }
    const site = await services.sync.addSite({ url: wp().url, username: login, appPassword: user.pw })
    const id = article(services, site.id, 'خبر بعد سحب كلمة السر', ['نص لا يضيع'])
    runPhp(wp().port, `WP_Application_Passwords::delete_all_application_passwords(${user.id}); echo 'ok';`)
    const result = await services.sync.run()
    expect(result.failures.map((f) => f.error.code)).toEqual(['wrong_password'])
    expect(services.sync.state(id).state).toBe('error')
    expect(services.sync.state(id).error?.code).toBe('wrong_password')
    expect(bodyText(services, id)).toBe('نص لا يضيع')
  })
})
