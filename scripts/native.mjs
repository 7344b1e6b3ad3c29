// Keeps two builds of better-sqlite3 apart: the one in node_modules is for the Node
// that Electron embeds (tests, benchmarks, test host: scripts/shipped-node.mjs); the one under .native/electron is for Electron's
// ABI and is built only by the scripts that launch or package Electron.
import { execSync } from 'node:child_process'
import { ensureNativeFor, shippedNode } from './shipped-node.mjs'
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const target = process.argv[2] ?? 'node'

if (target === 'node') {
  if (!existsSync(join(root, 'node_modules/better-sqlite3'))) process.exit(0)
  // Built for the Node that Electron embeds, which runs the tests (scripts/shipped-node.mjs).
  ensureNativeFor(shippedNode())
  process.exit(0)
}

if (target === 'electron') {
  const electronVersion = require('electron/package.json').version
  const out = join(root, '.native/electron')
  const marker = join(out, `electron-${electronVersion}-${process.arch}`)
  if (existsSync(marker)) process.exit(0)
  const work = join(root, '.native/build')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  // Build in a copy so that node_modules keeps its Node build.
  const copy = join(work, 'better-sqlite3')
  cpSync(join(root, 'node_modules/better-sqlite3'), copy, { recursive: true })
  rmSync(join(copy, 'build'), { recursive: true, force: true })
  // Electron's documented recipe for native modules: npm's own build settings
  // pointed at Electron's runtime and headers. prebuild-install fetches a
  // prebuilt binary for this Electron when one exists; node-gyp builds otherwise.
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_arch: process.arch,
    npm_config_target_arch: process.arch,
    npm_config_disturl: 'https://electronjs.org/headers'
  }
  // A machine set up to build against its own Node's headers (npm's nodedir)
  // would otherwise build for Node's ABI instead of Electron's.
  delete env.npm_config_nodedir
  delete env.NPM_CONFIG_NODEDIR
  const prebuild = require.resolve('prebuild-install/bin.js', { paths: [copy, join(root, 'node_modules/better-sqlite3')] })
  const nodeGyp = process.env.npm_config_node_gyp ? JSON.stringify(process.env.npm_config_node_gyp) : 'npx --yes node-gyp'
  try {
    execSync(`${JSON.stringify(process.execPath)} ${JSON.stringify(prebuild)} --runtime electron --target ${electronVersion} --arch ${process.arch}`, {
      cwd: copy,
      env,
      stdio: 'inherit'
    })
  } catch {
    console.log('[native] no prebuilt better-sqlite3 for this Electron: building it from source')
    execSync(
      `${process.env.npm_config_node_gyp ? JSON.stringify(process.execPath) + ' ' : ''}${nodeGyp} rebuild --release --runtime=electron --target=${electronVersion} --arch=${process.arch} --dist-url=https://electronjs.org/headers`,
      { cwd: copy, env, stdio: 'inherit' }
    )
  }
  mkdirSync(out, { recursive: true })
  copyFileSync(join(copy, 'build/Release/better_sqlite3.node'), join(out, 'better_sqlite3.node'))
  copyFileSync(join(out, 'better_sqlite3.node'), marker)
  rmSync(work, { recursive: true, force: true })
  console.log(`[native] better-sqlite3 built for Electron ${electronVersion} in .native/electron`)
  process.exit(0)
}

console.error(`[native] unknown target ${target}: use node or electron`)
process.exit(2)
