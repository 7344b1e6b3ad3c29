import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServices, type Services } from '@main/services'
import { countWords } from '@shared/arabic/count'
import { EMPTY_META } from '@shared/domain/article'
import { testPlatform } from './fixtures'
import { testSecrets } from './secrets'
import { tempDir } from './temp'
import { tinyPng } from './images'
import type { FaultProxy, Schedule } from './fault-proxy'
import { passAll } from './fault-proxy'
import type { WordPressInfo, WpUser } from './wordpress'
import { body as lexicalBody, image, paragraph } from './lexical'

/**
 * One sync scenario under faults, shared by the fixed schedules in the tests and the
 * randomized ones in the benchmark: a reporter with a few articles (one with an image)
 * syncs through the misbehaving proxy, keeps writing between tries, then the faults
 * stop and a sync must converge: every article exactly once on the site, with its
 * last local words; every image uploaded once; nothing lost on this machine.
 */

export interface ScenarioResult {
  duplicatePosts: number
  missingPosts: number
  duplicateMedia: number
  lostLocalEdits: number
  staleOnSite: number
  faults: number
  runsToConverge: number
  /** Times an article waited for an earlier, cut-off send to land instead of being sent again. */
  waitedForSite: number
  /** Copies of lost attempts the site made late, moved out of the way by a later sync. */
  removedCopies: number
}

async function restAsAdmin<T>(wp: WordPressInfo, route: string): Promise<T> {
  const user: WpUser = wp.admin
  const [path, query] = route.split('?')
  const response = await fetch(`${wp.url}/?rest_route=/${path}${query === undefined ? '' : `&${query}`}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}` }
  })
  if (!response.ok) throw new Error(`${route}: ${response.status}`)
  return (await response.json()) as T
}

export async function runFaultScenario(
  wp: WordPressInfo,
  proxy: FaultProxy,
  schedule: Schedule,
  options: { token: string; articles?: number; faultyRuns?: number; settleMs?: number } = { token: 'x' }
): Promise<ScenarioResult> {
  const data = tempDir('qalam-faults-')
  const services: Services = createServices({
    dataDir: data.dir,
    platform: testPlatform({ secrets: testSecrets('os') }),
    mediaBaseUrl: 'http://127.0.0.1/media/',
    // A cut-off send is waited for 4 s here (two minutes in the app) before it is sent again.
    sync: { timeoutMs: 1_500, backoffMs: 10, retries: 2, settleMs: options.settleMs ?? 4_000 }
  })
  try {
    proxy.setSchedule(passAll)
    const site = await services.sync.addSite({ url: proxy.url, username: wp.author.login, appPassword: wp.author.appPassword })
    const count = options.articles ?? 4
    const imagePath = join(data.dir, `${options.token}.png`)
    // Each scenario's image has its own bytes, so "uploaded once" is counted per scenario.
    const seed = [...options.token].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
    writeFileSync(imagePath, tinyPng(10 + (seed % 300), 10 + ((seed >>> 9) % 300)))
    const media = services.media.importFile(imagePath)
    const latest = new Map<string, string>()
    const write = (id: string, title: string, text: string, withImage: boolean) => {
      const body = lexicalBody(paragraph(text), ...(withImage ? [image(media.id, 'صورة', 'تعليق')] : []))
      services.articles.save({ id, title, standfirst: '', body, bodyText: text, wordCount: countWords(text), meta: { ...EMPTY_META }, caret: null })
      latest.set(id, text)
    }
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const a = services.articles.create()
      write(a.id, `${options.token} خبر ${i}`, `النص الأول للخبر ${i}`, i === 0)
      services.sync.assign(a.id, site.id)
      ids.push(a.id)
    }

    proxy.setSchedule(schedule)
    const before = proxy.log.length
    let waitedForSite = 0
    let removedCopies = 0
    const sync = async () => {
      const result = await services.sync.run()
      waitedForSite += result.failures.filter((f) => f.error.code === 'awaiting_site').length
      removedCopies += result.removedCopies
      return result
    }
    for (let run = 0; run < (options.faultyRuns ?? 3); run++) {
      await sync()
      // The reporter keeps writing between tries.
      const id = ids[run % ids.length]!
      write(id, services.articles.get(id).title, `${latest.get(id)} + تحديث ${run}`, id === ids[0])
    }
    const faults = proxy.log.slice(before).filter((l) => l.fault !== 'pass').length

    proxy.setSchedule(passAll)
    let runsToConverge = 0
    for (; runsToConverge < 6; runsToConverge++) {
      const result = await sync()
      if (result.failures.length === 0 && ids.every((id) => services.sync.state(id).state === 'synced')) break
      // An article waiting for a cut-off send is tried again once the wait is over, as the reporter would.
      if (result.failures.some((f) => f.error.code === 'awaiting_site')) await new Promise((r) => setTimeout(r, options.settleMs ?? 4_000))
    }
    runsToConverge++
    // Everything sent has reached the site (the late ones too); the reporter's next sync then tidies what landed late.
    await proxy.idle()
    await sync()

    const posts = await restAsAdmin<{ id: number; title: { raw: string }; content: { raw: string } }[]>(
      wp,
      `wp/v2/posts?search=${encodeURIComponent(options.token)}&status=draft,pending,publish,future,private&context=edit&per_page=100`
    )
    let duplicatePosts = 0
    let missingPosts = 0
    let staleOnSite = 0
    let lostLocalEdits = 0
    for (const id of ids) {
      const article = services.articles.get(id)
      const mine = posts.filter((p) => p.title.raw === article.title)
      if (mine.length === 0) missingPosts++
      duplicatePosts += Math.max(0, mine.length - 1)
      if (mine.length > 0 && !mine.some((p) => p.content.raw.includes(latest.get(id)!))) staleOnSite++
      const first = (JSON.parse(article.body) as { root: { children: { children?: { text?: string }[] }[] } }).root.children[0]?.children?.[0]?.text
      if (first !== latest.get(id)) lostLocalEdits++
    }
    const uploads = await restAsAdmin<unknown[]>(wp, `wp/v2/media?search=qalam-${media.id.split('.')[0]}&per_page=100`)
    return { duplicatePosts, missingPosts, duplicateMedia: Math.max(0, uploads.length - 1), lostLocalEdits, staleOnSite, faults, runsToConverge, waitedForSite, removedCopies }
  } finally {
    services.close()
    data.remove()
  }
}
