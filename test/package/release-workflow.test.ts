import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp'

/**
 * The release workflow, validated by @action-validator/cli against GitHub's workflow schema,
 * and held to what the README promises: three systems, the smoke test on each packaged app,
 * signing from named secrets, a draft release with the update feed.
 */
const ROOT = join(import.meta.dirname, '../..')
const WORKFLOW = join(ROOT, '.github/workflows/release.yml')
const validator = join(ROOT, 'node_modules/@action-validator/cli/cli.mjs')

function validate(file: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(process.execPath, [validator, file], { encoding: 'utf8', stdio: 'pipe' }) }
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) }
  }
}

describe('the release workflow', () => {
  it('passes the workflow schema, and the validator refuses a broken copy', () => {
    const good = validate(WORKFLOW)
    expect(good.output).toBe('')
    expect(good.ok).toBe(true)
    const tmp = tempDir()
    try {
      const broken = join(tmp.dir, 'release.yml')
      writeFileSync(broken, readFileSync(WORKFLOW, 'utf8').replace(/ {4}runs-on: .*\n/, ''))
      expect(validate(broken).ok).toBe(false)
    } finally {
      tmp.remove()
    }
  })

  it('builds on Linux, Windows and macOS, smoke-tests each packaged app, signs from the documented secrets and publishes a draft', () => {
    const text = readFileSync(WORKFLOW, 'utf8')
    for (const os of ['ubuntu-', 'windows-', 'macos-']) expect(text).toContain(`os: ${os}`)
    for (const target of ['AppImage deb', 'nsis', 'dmg --universal']) expect(text).toContain(target)
    expect(text.match(/--smoke-test/g)?.length).toBeGreaterThanOrEqual(3)
    expect(text).toContain('xvfb-run')
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    for (const secret of [
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
      'MAC_CSC_LINK',
      'MAC_CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'QALAM_UPDATE_SIGNING_KEY'
    ]) {
      expect(text).toContain(`secrets.${secret}`)
      expect(readme).toContain(secret)
    }
    expect(text).toContain('--publish always')
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/provider: github\n\s+releaseType: draft/)
  })
})
