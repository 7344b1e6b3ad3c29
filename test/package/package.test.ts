import { describe, expect, it } from 'vitest'
import { checkPackage, EXPECTED_FUSES } from '../../scripts/check-package'
import { outsideAsar } from '../../src/main/services'

/**
 * What a reporter installs, checked here without Electron's binary: electron-builder packs
 * the real app (Linux `dir` target) against a stand-in Electron that carries the fuse wire.
 */
describe('the packaged app', () => {
  it('holds everything the main process loads, the spell worker outside the asar, a one-file preload, no developer files, and the fuses as configured', async () => {
    const report = await checkPackage()
    expect(report.problems).toEqual([])
    // The check saw the real layout, not an empty one.
    expect(report.asar).toContain('out/main/index.js')
    expect(report.asar.some((p) => p.startsWith('node_modules/zod/'))).toBe(true)
    expect(report.unpacked).toContain('out/main/spell-worker.js')
    expect(report.unpacked).toContain('out/main/clean-worker.js')
    expect(report.unpacked.some((p) => /^node_modules\/@img\/sharp-linux-x64\/lib\/sharp-linux-x64-[0-9.]+\.node$/.test(p))).toBe(true)
    expect(report.unpacked).toContain('node_modules/@cspell/dict-ar/ar.trie.gz')
    expect(report.fuses).toEqual(EXPECTED_FUSES)
  }, 600_000)

  it('fails on a package that would break: the worker inside the asar, RunAsNode left on, source maps shipped', async () => {
    const report = await checkPackage({
      skipBuild: true,
      alter: (config) => ({
        ...config,
        asarUnpack: [],
        files: (config.files as string[]).filter((f) => f !== '!**/*.map'),
        electronFuses: { ...(config.electronFuses as object), runAsNode: true }
      })
    })
    expect(report.problems).toContain('out/main/spell-worker.js is inside app.asar (a worker thread cannot load it there)')
    expect(report.problems).toContain('fuse RunAsNode is 1, expected 0')
    expect(report.problems.some((p) => p.startsWith('source map ships: out/'))).toBe(true)
  }, 600_000)

  it('starts the spell worker from app.asar.unpacked in a packaged app, and from where it is otherwise', () => {
    expect(outsideAsar('/opt/Qalam/resources/app.asar/out/main/spell-worker.js')).toBe('/opt/Qalam/resources/app.asar.unpacked/out/main/spell-worker.js')
    expect(outsideAsar('C:\\Program Files\\Qalam\\resources\\app.asar\\out\\main\\spell-worker.js')).toBe(
      'C:\\Program Files\\Qalam\\resources\\app.asar.unpacked\\out\\main\\spell-worker.js'
    )
    expect(outsideAsar('/home/r/qalam/out/main/spell-worker.js')).toBe('/home/r/qalam/out/main/spell-worker.js')
  })
})
