// Keeps two builds of better-sqlite3 apart: the one in node_modules is for Node
// (tests, benchmarks, test host); the one under .native/electron is for Electron's
// ABI and is built only by the scripts that launch or package Electron.
import { execSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const target = process.argv[2] ?? 'node'

function nodeBuildLoads() {
  try {
    execSync(`${JSON.stringify(process.execPath)} -e "new (require('better-sqlite3'))(':memory:').close()"`, { cwd: root, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

if (target === 'node') {
  if (!existsSync(join(root, 'node_modules/better-sqlite3'))) process.exit(0)
  if (!nodeBuildLoads()) {
    console.log('[native] better-sqlite3 does not load in Node: rebuilding it for Node')
    execSync('npm rebuild better-sqlite3', { cwd: root, stdio: 'inherit' })
  }
  process.exit(0)
}

if (target === 'electron') {
  const electronVersion = require('electron/package.json').version
  const out = join(root, '.native/electron')
  const marker = join(out, `electron-${electronVersion}`)
  if (existsSync(marker)) process.exit(0)
  const work = join(root, '.native/build')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  // Build in a copy so that node_modules keeps its Node build.
  cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'node_modules/better-sqlite3'), { recursive: true })
  execSync(`npx --no-install electron-rebuild --version ${electronVersion} --module-dir ${JSON.stringify(work)} --only better-sqlite3 --force`, { cwd: root, stdio: 'inherit' })
  mkdirSync(out, { recursive: true })
  copyFileSync(join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(out, 'better_sqlite3.node'))
  copyFileSync(join(out, 'better_sqlite3.node'), marker)
  rmSync(work, { recursive: true, force: true })
  console.log(`[native] better-sqlite3 built for Electron ${electronVersion} in .native/electron`)
  process.exit(0)
}

console.error(`[native] unknown target ${target}: use node or electron`)
process.exit(2)
