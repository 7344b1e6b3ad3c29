import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveInside, serveAppRequest } from '@main/protocol'
import { CONTENT_SECURITY_POLICY } from '@main/security'
import { tempDir } from '../support/temp'

let tmp: ReturnType<typeof tempDir>
let roots: Parameters<typeof serveAppRequest>[1]
beforeEach(() => {
  tmp = tempDir()
  mkdirSync(join(tmp.dir, 'renderer/assets'), { recursive: true })
  writeFileSync(join(tmp.dir, 'renderer/index.html'), '<!doctype html><title>قلم</title>')
  writeFileSync(join(tmp.dir, 'renderer/assets/app.js'), 'console.log(1)')
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve')
  mkdirSync(join(tmp.dir, 'media'))
  writeFileSync(join(tmp.dir, 'media/0123456789abcdef0123456789abcdef.png'), 'png')
  roots = {
    rendererDir: join(tmp.dir, 'renderer'),
    media: (id: string) => (/^[0-9a-f]{32}\.png$/.test(id) ? readFileSync(join(tmp.dir, 'media', id)) : null)
  }
})
afterEach(() => tmp.remove())

describe('the app protocol', () => {
  it('serves the app with the CSP and the right types', async () => {
    const index = await serveAppRequest('/', roots)
    expect(index.status).toBe(200)
    expect(index.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(index.headers['Content-Type']).toContain('text/html')
    expect((await serveAppRequest('/assets/app.js', roots)).headers['Content-Type']).toContain('javascript')
    expect((await serveAppRequest('/media/0123456789abcdef0123456789abcdef.png', roots)).status).toBe(200)
  })

  it('never serves anything outside the app and media folders', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/media/../secret.txt', '/media/%2e%2e%2fsecret.txt', '/%00', '/%E0%A4%A']) {
      expect((await serveAppRequest(path, roots)).status, path).toBe(404)
    }
    expect(resolveInside('/a/b', '/../c')).toBeNull()
  })

  it('has a strict Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
  })
})
