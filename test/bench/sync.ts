import { createServices, type Services } from '@main/services'
import { countWords } from '@shared/arabic/count'
import { EMPTY_META } from '@shared/domain/article'
import { testPlatform } from '../support/fixtures'
import { testSecrets } from '../support/secrets'
import { tempDir } from '../support/temp'
import { runPhp, startWordPress, type WordPress } from '../support/wordpress'
import { startFaultProxy, randomSchedule } from '../support/fault-proxy'
import { runFaultScenario, type ScenarioResult } from '../support/fault-scenario'
import { mulberry32 } from '../support/random'
import { newsParagraphs } from '../support/arabic-text'
import { body as lexicalBody } from '../support/lexical'

/**
 * Sync benchmarks against a real WordPress on loopback: importing 1,000 posts (requests
 * and time), a sync with nothing changed (requests), pushing 100 new drafts against the
 * fewest sequential REST calls a hand-written script needs, and randomized fault schedules.
 */

function servicesFor(dir: string): Services {
  return createServices({
    dataDir: dir,
    platform: testPlatform({ secrets: testSecrets('os') }),
    mediaBaseUrl: 'http://127.0.0.1/media/',
    sync: { timeoutMs: 30_000, backoffMs: 20, retries: 2 }
  })
}

export interface ImportFigures {
  posts: number
  requests: number
  ms: number
  idleSyncRequests: number
  idleSyncMs: number
}

/** Makes `count` block posts on the site with PHP (fast), then imports them all through Qalam. */
export async function benchImport(wp: WordPress, count: number): Promise<ImportFigures> {
  runPhp(
    wp.port,
    `for ($i = 0; $i < ${count}; $i++) {
       wp_insert_post(array('post_title' => "منشور للاستيراد $i", 'post_status' => ($i % 3 ? 'draft' : 'publish'), 'post_author' => ${wp.author.id},
         'post_content' => "<!-- wp:paragraph -->\\n<p>الفقرة الأولى من المنشور $i، مع أرقام 2026 وكلمة Latin.</p>\\n<!-- /wp:paragraph -->\\n\\n<!-- wp:paragraph -->\\n<p>فقرة ثانية.</p>\\n<!-- /wp:paragraph -->"));
     }
     // An archive: last modified over the past days, as posts a reporter imports usually are.
     global $wpdb;
     $wpdb->query("UPDATE $wpdb->posts SET post_modified_gmt = DATE_SUB(UTC_TIMESTAMP(), INTERVAL (ID * 37) SECOND), post_modified = post_modified_gmt WHERE post_type = 'post'");
     echo 'ok';`
  )
  const data = tempDir('qalam-bench-import-')
  const services = servicesFor(data.dir)
  try {
    const site = await services.sync.addSite({ url: wp.url, username: wp.author.login, appPassword: wp.author.appPassword })
    const t0 = performance.now()
    const result = await services.sync.importPosts(site.id)
    const ms = performance.now() - t0
    await services.sync.run()
    const t1 = performance.now()
    await services.sync.run()
    const idleSyncMs = performance.now() - t1
    return { posts: result.imported, requests: result.requests, ms, idleSyncRequests: services.sync.engine.lastRequests, idleSyncMs }
  } finally {
    services.close()
    data.remove()
  }
}

export interface PushFigures {
  drafts: number
  qalamMs: number
  qalamRequests: number
  scriptMs: number
  scriptRequests: number
  batchScriptMs: number
  batchScriptRequests: number
}

/** 100 new drafts: Qalam's sync (outbox, batches) against a script that POSTs each one, in the same run, alternated. */
export async function benchPush(wp: WordPress, drafts: number, rounds = 3): Promise<PushFigures> {
  const texts = newsParagraphs(drafts * 3)
  let qalamMs = Infinity
  let scriptMs = Infinity
  let batchScriptMs = Infinity
  let qalamRequests = 0
  for (let round = 0; round < rounds; round++) {
    const data = tempDir('qalam-bench-push-')
    const services = servicesFor(data.dir)
    try {
      const site = await services.sync.addSite({ url: wp.url, username: wp.author.login, appPassword: wp.author.appPassword })
      for (let i = 0; i < drafts; i++) {
        const a = services.articles.create()
        const paragraphs = texts.slice(i * 3, i * 3 + 3)
        const body = lexicalBody(...paragraphs)
        const bodyText = paragraphs.join('\n\n')
        services.articles.save({ id: a.id, title: `مسودة ${round}-${i}`, standfirst: '', body, bodyText, wordCount: countWords(bodyText), meta: { ...EMPTY_META }, caret: null })
        services.sync.assign(a.id, site.id)
      }
      const t0 = performance.now()
      const result = await services.sync.run()
      qalamMs = Math.min(qalamMs, performance.now() - t0)
      qalamRequests = services.sync.engine.lastRequests
      if (result.failures.length > 0) throw new Error(`push failed: ${JSON.stringify(result.failures[0])}`)
    } finally {
      services.close()
      data.remove()
    }

    // The hand-written script: the same posts, one POST each, nothing else.
    const auth = `Basic ${Buffer.from(`${wp.author.login}:${wp.author.appPassword}`).toString('base64')}`
    const t1 = performance.now()
    for (let i = 0; i < drafts; i++) {
      const paragraphs = texts.slice(i * 3, i * 3 + 3)
      const response = await fetch(`${wp.url}/?rest_route=/wp/v2/posts`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `نص مباشر ${round}-${i}`,
          status: 'draft',
          content: paragraphs.map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`).join('\n\n')
        })
      })
      if (!response.ok) throw new Error(`script POST failed: ${response.status}`)
      await response.arrayBuffer()
    }
    scriptMs = Math.min(scriptMs, performance.now() - t1)

    // The same script using /batch/v1 (25 requests to a batch, WordPress's limit).
    const t2 = performance.now()
    for (let i = 0; i < drafts; i += 25) {
      const requests = Array.from({ length: Math.min(25, drafts - i) }, (_, k) => {
        const paragraphs = texts.slice((i + k) * 3, (i + k) * 3 + 3)
        return {
          method: 'POST',
          path: '/wp/v2/posts',
          body: { title: `دفعة ${round}-${i + k}`, status: 'draft', content: paragraphs.map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`).join('\n\n') }
        }
      })
      const response = await fetch(`${wp.url}/?rest_route=/batch/v1`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ validation: 'normal', requests })
      })
      if (!response.ok) throw new Error(`batch script failed: ${response.status}`)
      await response.arrayBuffer()
    }
    batchScriptMs = Math.min(batchScriptMs, performance.now() - t2)
  }
  return { drafts, qalamMs, qalamRequests, scriptMs, scriptRequests: drafts, batchScriptMs, batchScriptRequests: Math.ceil(drafts / 25) }
}

export interface FaultFigures {
  seed: number
  schedules: number
  faults: number
  failedSchedules: { seed: number; result: ScenarioResult }[]
  maxRunsToConverge: number
  waitedForSite: number
  removedCopies: number
  ms: number
}

/** At least 50 randomized fault schedules through the loopback proxy; the seed is printed so a failure can be replayed. */
export async function benchFaults(wp: WordPress, schedules: number, seed: number): Promise<FaultFigures> {
  const proxy = await startFaultProxy(wp.url)
  const t0 = performance.now()
  let faults = 0
  let maxRunsToConverge = 0
  let waitedForSite = 0
  let removedCopies = 0
  const failedSchedules: FaultFigures['failedSchedules'] = []
  try {
    for (let i = 0; i < schedules; i++) {
      const scheduleSeed = seed + i
      const random = mulberry32(scheduleSeed)
      const result = await runFaultScenario(wp, proxy, randomSchedule(random, 0.15 + random() * 0.35, 4 + Math.floor(random() * 12)), {
        token: `bf${seed.toString(36)}s${i}`,
        articles: 3 + Math.floor(random() * 4),
        settleMs: 1_000
      })
      waitedForSite += result.waitedForSite
      removedCopies += result.removedCopies
      faults += result.faults
      maxRunsToConverge = Math.max(maxRunsToConverge, result.runsToConverge)
      if (result.duplicatePosts + result.missingPosts + result.duplicateMedia + result.lostLocalEdits + result.staleOnSite > 0) failedSchedules.push({ seed: scheduleSeed, result })
    }
  } finally {
    await proxy.close()
  }
  return { seed, schedules, faults, failedSchedules, maxRunsToConverge, waitedForSite, removedCopies, ms: performance.now() - t0 }
}

export { startWordPress }
