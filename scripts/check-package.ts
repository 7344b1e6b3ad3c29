/**
 * Builds the Linux `dir` package against a stand-in Electron (no download: a small file that
 * carries Electron's fuse sentinel and wire) and checks what a reporter would install:
 * everything the main process loads is in the package where the code looks for it, the
 * spell worker and its word lists are outside the asar (a worker thread cannot read inside
 * one), the preload is one CommonJS file needing only `electron`, no test, source map or
 * developer file ships, and the fuses read back as configured.
 *
 * Run: npm run check:package (the test command runs it through test/package/package.test.ts).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const require_ = createRequire(join(ROOT, 'package.json'))

/** Electron's fuse sentinel (the same string @electron/fuses looks for). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's own defaults for the eight V1 fuses: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, only asar, V8 snapshot, file:// privileges. */
const DEFAULT_WIRE = '10110001'

/** The fuses electron-builder.yml asks for, in wire order ('1' on, '0' off). */
export const EXPECTED_FUSES: Record<string, '0' | '1'> = {
  RunAsNode: '0',
  EnableCookieEncryption: '1',
  EnableNodeOptionsEnvironmentVariable: '0',
  EnableNodeCliInspectArguments: '0',
  EnableEmbeddedAsarIntegrityValidation: '1',
  OnlyLoadAppFromAsar: '1',
  LoadBrowserProcessSpecificV8Snapshot: '0',
  GrantFileProtocolExtraPrivileges: '0'
}

export interface PackageReport {
  problems: string[]
  /** Files in app.asar and beside it, relative to the app root. */
  asar: string[]
  unpacked: string[]
  fuses: Record<string, string>
  appDir: string
}

function standInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: cannot run"\nexit 1\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\n')
  ])
  writeFileSync(join(dir, 'electron'), wire)
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'stand-in')
  writeFileSync(join(dir, 'version'), require_('electron/package.json').version)
  mkdirSync(join(dir, 'resources'), { recursive: true })
}

function walk(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path, base) : [relative(base, path)]
  })
}

/** Bare module names a bundled file loads with require() or import(). */
function loadedPackages(code: string): string[] {
  const names = new Set<string>()
  for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const spec = m[1]!
    if (spec.startsWith('node:') || builtinModules.includes(spec)) continue
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
  }
  return [...names]
}

/** Relative files a bundled file loads (its chunks). */
function loadedChunks(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["'](\.\/[^"']+)["']\s*\)/g)].map((m) => m[1]!)
}

export async function checkPackage(
  options: {
    keep?: boolean
    /** Changes the configuration first (the test shows the check can fail). */ alter?: (config: Record<string, unknown>) => Record<string, unknown>
    skipBuild?: boolean
  } = {}
): Promise<PackageReport> {
  const problems: string[] = []
  // Main and preload from source; the renderer is the one `npm run build:web` made (rebuilding it here would pull it from under the browser tests).
  if (options.skipBuild !== true)
    execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, QALAM_SKIP_RENDERER: '1' }
    })
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) execFileSync('npm', ['run', '-s', 'build:web'], { cwd: ROOT, stdio: 'pipe' })

  const work = mkdtempSync(join(tmpdir(), 'qalam-package-'))
  try {
    const dist = join(work, 'electron-dist')
    standInElectron(dist)
    // The native module for Electron's ABI cannot be built here (no headers to download); the Node build stands in for its place in the layout.
    const native = join(work, 'native/better_sqlite3.node')
    mkdirSync(dirname(native), { recursive: true })
    copyFileSync(join(dirname(require_.resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node'), native)

    const { build, Platform, Arch } = require_('electron-builder') as typeof import('electron-builder')
    const yaml = require_('js-yaml') as { load: (text: string) => Record<string, unknown> }
    const config = (options.alter ?? ((c) => c))(yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')))
    const extraResources = (config.extraResources as { from: string; to: string }[]).map((r) => (r.to === 'native/better_sqlite3.node' ? { ...r, from: native } : r))
    // Given as a file, the configuration replaces electron-builder.yml rather than merging with it (lists would be doubled).
    const configFile = join(work, 'electron-builder.json')
    writeFileSync(configFile, JSON.stringify({ ...config, extraResources, electronDist: dist, directories: { ...(config.directories as object), output: join(work, 'release') } }))
    await build({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never', config: configFile })

    const appDir = join(work, 'release/linux-unpacked')
    const resources = join(appDir, 'resources')
    const asarFile = join(resources, 'app.asar')
    const asarLib = require_('@electron/asar') as { listPackage: (file: string, o: { isPack: boolean }) => string[]; extractFile: (file: string, name: string) => Buffer }
    const asar = existsSync(asarFile) ? asarLib.listPackage(asarFile, { isPack: false }).map((p) => p.replace(/^[/\\]/, '').replaceAll('\\', '/')) : []
    const unpacked = walk(join(resources, 'app.asar.unpacked')).map((p) => p.replaceAll('\\', '/'))
    if (asar.length === 0) problems.push('no app.asar in resources/')
    const inAsar = new Set(asar)
    const inUnpacked = new Set(unpacked)
    const read = (path: string): string =>
      inUnpacked.has(path) ? readFileSync(join(resources, 'app.asar.unpacked', path), 'utf8') : asarLib.extractFile(asarFile, path).toString('utf8')
    const has = (path: string) => inAsar.has(path) || inUnpacked.has(path)

    // What out/main/index.js loads by path (src/main/index.ts: the renderer, the preload, the icon and the native module).
    for (const path of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json']) if (!has(path)) problems.push(`${path} is not in the package`)
    // The licence of bundled data that is not an npm package of its own (the common-word list) ships beside the app.
    for (const path of ['window-icon.png', 'native/better_sqlite3.node', 'licenses/tessdata-ara.txt'])
      if (!existsSync(join(resources, path))) problems.push(`resources/${path} is missing (process.resourcesPath)`)
    // Fonts the renderer's CSS names are in the package beside it.
    const html = has('out/renderer/index.html') ? read('out/renderer/index.html') : ''
    const css = [...html.matchAll(/href="\.\/(assets\/[^"]+\.css)"/g)].map((m) => `out/renderer/${m[1]}`)
    if (css.length === 0) problems.push('the renderer names no stylesheet')
    for (const sheet of css) {
      if (!has(sheet)) problems.push(`${sheet} is missing`)
      else for (const m of read(sheet).matchAll(/url\(\.\/([^)]+\.woff2?)\)/g)) if (!has(`out/renderer/assets/${m[1]}`)) problems.push(`font ${m[1]} is missing`)
    }

    // Every package the main bundle requires is shipped.
    const mainFiles = ['out/main/index.js', ...asar.filter((p) => p.startsWith('out/main/chunks/'))].filter(has)
    for (const file of mainFiles)
      for (const pkg of loadedPackages(read(file))) {
        if (pkg === 'electron') continue
        if (!has(`node_modules/${pkg}/package.json`)) problems.push(`${file} loads ${pkg}, which is not in the package`)
      }

    // The spell worker and the image cleaner run in worker threads, which cannot read inside an asar: they, their chunks and what they load are unpacked.
    const workerReady = (file: string, label: string): boolean => {
      if (!inUnpacked.has(file)) {
        problems.push(`${file} is inside app.asar (a worker thread cannot load it there)`)
        return false
      }
      const worker = read(file)
      for (const chunk of loadedChunks(worker)) {
        const path = join('out/main', chunk).replaceAll('\\', '/')
        if (!inUnpacked.has(path)) problems.push(`the ${label} loads ${path}, which is not unpacked`)
      }
      // What the worker loads, and what that needs in turn, is unpacked too.
      const needed = [...loadedPackages(worker)]
      for (const chunk of loadedChunks(worker)) if (has(join('out/main', chunk))) needed.push(...loadedPackages(read(join('out/main', chunk).replaceAll('\\', '/'))))
      const seen = new Set<string>()
      while (needed.length > 0) {
        const pkg = needed.pop()!
        if (seen.has(pkg)) continue
        seen.add(pkg)
        const manifest = `node_modules/${pkg}/package.json`
        if (!inUnpacked.has(manifest)) {
          problems.push(`the ${label} loads ${pkg}, which is not unpacked`)
          continue
        }
        needed.push(...Object.keys((JSON.parse(read(manifest)) as { dependencies?: Record<string, string> }).dependencies ?? {}))
      }
      return true
    }
    // sharp's native binding and libvips (photos sized for the web) are loaded from the disk, so they are unpacked.
    const sharpNative = [...inUnpacked].filter((p) => /^node_modules\/@img\/sharp-[^/]+\/lib\/[^/]+\.node$/.test(p))
    if (sharpNative.length === 0) problems.push('sharp has no native binding outside app.asar (photos cannot be sized for the web)')
    if (![...inUnpacked].some((p) => /^node_modules\/@img\/sharp-libvips-[^/]+\/lib\/libvips/.test(p))) problems.push('libvips is not unpacked for sharp')
    workerReady('out/main/clean-worker.js', 'image cleaner')
    // The HEIC converter loads libheif's WebAssembly through createRequire, which the scan above cannot see: named here.
    if (workerReady('out/main/heic-worker.js', 'HEIC converter'))
      for (const file of ['node_modules/libheif-js/package.json', 'node_modules/libheif-js/libheif-wasm/libheif.js', 'node_modules/libheif-js/libheif-wasm/libheif.wasm'])
        if (!inUnpacked.has(file)) problems.push(`the HEIC converter needs ${file}, which is not unpacked`)
    if (workerReady('out/main/spell-worker.js', 'spell worker')) {
      for (const dict of ['@cspell/dict-ar', '@cspell/dict-en_us']) {
        const ext = `node_modules/${dict}/cspell-ext.json`
        if (!inUnpacked.has(ext)) {
          problems.push(`${dict} is not unpacked for the spell worker`)
          continue
        }
        const definitions = (JSON.parse(read(ext)) as { dictionaryDefinitions: { path: string }[] }).dictionaryDefinitions
        for (const d of definitions) if (!inUnpacked.has(join(`node_modules/${dict}`, d.path).replaceAll('\\', '/'))) problems.push(`${dict}'s word list ${d.path} is not unpacked`)
      }
    }

    // A sandboxed preload can load nothing but electron: one CommonJS file.
    if (has('out/preload/index.js')) {
      const preload = read('out/preload/index.js')
      const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
      if (required.some((r) => r !== 'electron')) problems.push(`the preload requires ${required.filter((r) => r !== 'electron').join(', ')}`)
      if (/^\s*(import|export)\s/m.test(preload)) problems.push('the preload is not CommonJS')
      if (asar.some((p) => p.startsWith('out/preload/') && p !== 'out/preload/index.js')) problems.push('the preload is more than one file')
    }

    // Nothing a developer keeps: tests, sources, maps, the native build folder, dev tools.
    const devPackages = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies)
    for (const path of [...asar, ...unpacked]) {
      if (path.endsWith('.map')) problems.push(`source map ships: ${path}`)
      if (/^(test|src|scripts|docs|\.native|\.ci|\.github|release)\//.test(path)) problems.push(`developer file ships: ${path}`)
      if (/^node_modules\/better-sqlite3\/(src|deps|build)\//.test(path)) problems.push(`better-sqlite3's build tree ships: ${path}`)
      const top = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(path)
      if (top !== null && devPackages.includes(top[1]!)) problems.push(`a development package ships: ${top[1]}`)
    }
    const roots = new Set(asar.map((p) => p.split('/')[0]!))
    for (const name of roots) if (!['package.json', 'out', 'node_modules'].includes(name)) problems.push(`unexpected entry at the app's root: ${name}`)

    // Fuses, read back from the packaged executable.
    const { getCurrentFuseWire, FuseV1Options } = require_('@electron/fuses') as typeof import('@electron/fuses')
    const executable = readdirSync(appDir).find((f) => statSync(join(appDir, f)).isFile() && readFileSync(join(appDir, f)).includes(SENTINEL))
    const fuses: Record<string, string> = {}
    if (executable === undefined) problems.push('no executable with the fuse wire in the package')
    else {
      const wire = await getCurrentFuseWire(join(appDir, executable))
      for (const [name, want] of Object.entries(EXPECTED_FUSES)) {
        const index = FuseV1Options[name as keyof typeof FuseV1Options]
        const state = String.fromCharCode(Number(wire[index as unknown as keyof typeof wire]))
        fuses[name] = state
        if (state !== want) problems.push(`fuse ${name} is ${state}, expected ${want}`)
      }
    }
    return { problems, asar, unpacked, fuses, appDir }
  } finally {
    if (options.keep !== true) rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  void checkPackage({ keep: process.argv.includes('--keep') }).then((report) => {
    console.log(`app.asar: ${report.asar.length} files; unpacked: ${report.unpacked.length}; fuses: ${JSON.stringify(report.fuses)}`)
    if (process.argv.includes('--keep')) console.log(`package kept in ${report.appDir}`)
    for (const p of report.problems) console.log(`problem: ${p}`)
    process.exit(report.problems.length === 0 ? 0 : 1)
  })
}
