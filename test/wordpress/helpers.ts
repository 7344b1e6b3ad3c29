import { inject } from 'vitest'
import { createServices, type Services } from '@main/services'
import { testPlatform } from '../support/fixtures'
import { testSecrets } from '../support/secrets'
import { countWords } from '@shared/arabic/count'
import { EMPTY_META, type ArticleMeta } from '@shared/domain/article'
import type { FetchLike } from '@main/sync/wordpress/client'
import type { WordPressInfo, WpUser } from '../support/wordpress'
import type { Page } from 'playwright-core'
import { body as lexicalBody, textOf } from '../support/lexical'

export const wp = () => inject('wordpress')
/** The site with Qalam's companion plugin active. */
export const wpBridge = () => inject('wordpressBridge')

export function syncServices(
  dataDir: string,
  options: { fetch?: FetchLike; timeoutMs?: number; storage?: 'os' | 'plain' | 'unavailable'; retries?: number; extraTrust?: string[]; settleMs?: number } = {}
): Services {
  return createServices({
    dataDir,
    extraTrust: options.extraTrust,
    platform: testPlatform({ secrets: testSecrets(options.storage ?? 'os') }),
    mediaBaseUrl: 'http://127.0.0.1/media/',
    sync: { fetch: options.fetch, timeoutMs: options.timeoutMs ?? 15_000, backoffMs: 20, retries: options.retries ?? 3, settleMs: options.settleMs }
  })
}

type Role = 'admin' | 'editor' | 'author' | 'contributor' | 'subscriber'

/** Signs in to the test site as a user, through the service the app uses. */
export async function addSite(services: Services, role: Role = 'author', url = wp().url) {
  const user = (url === wpBridge().url ? wpBridge() : wp())[role]
  return services.sync.addSite({ url, username: user.login, appPassword: user.appPassword })
}

/** Writes an article as the editor's autosave would. */
export function write(services: Services, id: string, fields: { title?: string; standfirst?: string; body?: string; meta?: Partial<ArticleMeta> }): void {
  const current = services.articles.get(id)
  const body = fields.body ?? current.body
  const bodyText = JSON.stringify(JSON.parse(body)).length > 0 ? textOf(body) : ''
  services.articles.save({
    id,
    title: fields.title ?? current.title,
    standfirst: fields.standfirst ?? current.standfirst,
    body,
    bodyText,
    wordCount: countWords(bodyText),
    meta: { ...current.meta, ...fields.meta },
    caret: null
  })
}

/** A new article with paragraphs, linked to the site. */
export function article(services: Services, siteId: string, title: string, paragraphs: string[], meta: Partial<ArticleMeta> = {}): string {
  const created = services.articles.create(title)
  write(services, created.id, { title, body: lexicalBody(...paragraphs), meta: { ...EMPTY_META, ...meta } })
  services.sync.assign(created.id, siteId)
  return created.id
}

/** Calls the site's REST API directly as a user (the editor on the web, or the test checking). */
export async function rest<T>(user: WpUser, method: string, route: string, body?: unknown): Promise<T> {
  return restOn<T>(wp().url, user, method, route, body)
}

/** The same, on the site at `url` (the one with the companion plugin). */
export async function restOn<T>(url: string, user: WpUser, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const [path, query] = route.replace(/^\//, '').split('?')
  const response = await fetch(`${url}/?rest_route=/${path}${query === undefined ? '' : `&${query}`}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}`,
      'content-type': 'application/json',
      ...headers
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const json = (await response.json()) as T
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

export const remoteId = (services: Services, articleId: string) => services.sync.state(articleId).remoteId!

/** Signs in from the desk's sync panel, as a person does (the panel stays open). */
export async function signInFromDesk(page: Page, site: WordPressInfo, role: 'author' | 'editor'): Promise<void> {
  await page.getByTestId('toggle-sync').click()
  await page.getByLabel('عنوان الموقع').fill(site.url)
  await page.getByLabel('اسم المستخدم').fill(site[role].login)
  await page.getByLabel('كلمة مرور التطبيق').fill(site[role].appPassword)
  await page.getByTestId('add-site').click()
  await page.getByTestId('site').getByText('صحيفة الاختبار').waitFor()
}
