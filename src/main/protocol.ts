import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './security'

/** The app is served from qalam://app/, never from file:// */
export const APP_SCHEME = 'qalam'
export const APP_ORIGIN = `${APP_SCHEME}://app`
export const MEDIA_PREFIX = '/media/'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf'
}

/** Resolves a request path inside `root`, or null if it would leave it. */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(requestPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const full = normalize(join(root, decoded))
  const base = normalize(root.endsWith(sep) ? root : root + sep)
  return full.startsWith(base) ? full : null
}

export interface AppResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array | string
}

/**
 * Answers a request for the app's own files or its media folder. Shared by
 * Electron's protocol handler and the test host's HTTP server, so both serve
 * the same bytes with the same headers.
 */
export async function serveAppRequest(pathname: string, roots: { rendererDir: string; media: (id: string) => Uint8Array | null }): Promise<AppResponse> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' }
  if (pathname.startsWith(MEDIA_PREFIX)) {
    // Images are sealed at rest (media/sealed.ts): they are opened here, for the window only.
    const id = pathname.slice(MEDIA_PREFIX.length)
    const body = roots.media(id)
    if (body === null) return { status: 404, headers, body: 'not found' }
    return { status: 200, headers: { ...headers, 'Content-Type': TYPES[extname(id).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }, body }
  }
  const file = resolveInside(roots.rendererDir, pathname === '/' ? '/index.html' : pathname)
  if (file === null) return { status: 404, headers, body: 'not found' }
  try {
    const body = await readFile(file)
    return { status: 200, headers: { ...headers, 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' }, body }
  } catch {
    return { status: 404, headers, body: 'not found' }
  }
}
