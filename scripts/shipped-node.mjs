// The Node that ships: Electron embeds its own Node, and Qalam's main process runs on it in
// the packaged app, so every test and benchmark of main-process code runs on the same major.
// Which major that is comes from the Electron in package-lock.json and the table in
// scripts/electron-node.json. When the machine's Node is of another major, the pinned Node
// of the right major is installed from the npm registry (the official builds npm publishes as
// node-<platform>-<arch>, headers included) into .tools/, and better-sqlite3 in node_modules
// is built for it.
//
//   node scripts/shipped-node.mjs <node arguments…>   runs them on the Node that ships
//   node scripts/shipped-node.mjs --path               prints that Node's executable
import { execFileSync, execSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The Electron version the lock file installs, its major, and the Node major it embeds. */
export function shippedRuntime() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  const electron = lock.packages?.['node_modules/electron']?.version
  if (!electron) throw new Error('package-lock.json names no electron version')
  const table = JSON.parse(readFileSync(join(root, 'scripts/electron-node.json'), 'utf8'))
  const electronMajor = electron.split('.')[0]
  const nodeMajor = table.electronToNode[electronMajor]
  if (!nodeMajor) throw new Error(`scripts/electron-node.json does not say which Node Electron ${electronMajor} embeds: add its row`)
  const pinned = table.testNode[nodeMajor]
  if (!pinned) throw new Error(`scripts/electron-node.json pins no Node ${nodeMajor} for the tests: add it to testNode`)
  return { electron, electronMajor, nodeMajor, pinned }
}

function packageName() {
  const platform = process.platform === 'win32' ? 'win' : process.platform
  return `node-${platform}-${process.arch}`
}

/** The Node executable to run main-process code on, installed when missing; and its folder (headers for node-gyp). */
export function shippedNode() {
  const { nodeMajor, pinned } = shippedRuntime()
  if (process.versions.node.split('.')[0] === nodeMajor) return { bin: process.execPath, dir: null, version: process.versions.node }
  const prefix = join(root, '.tools', `node-v${pinned}`)
  const dir = join(prefix, 'node_modules', packageName())
  const bin = process.platform === 'win32' ? join(dir, 'node.exe') : join(dir, 'bin', 'node')
  if (!existsSync(bin)) {
    console.error(`[node] this machine's Node is ${process.versions.node}; Electron embeds Node ${nodeMajor}: installing ${packageName()}@${pinned} into .tools/`)
    rmSync(prefix, { recursive: true, force: true })
    mkdirSync(prefix, { recursive: true })
    execSync(`npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --prefix ${JSON.stringify(prefix)} ${packageName()}@${pinned}`, {
      cwd: prefix,
      stdio: ['ignore', 'ignore', 'inherit']
    })
    if (!existsSync(bin)) throw new Error(`${packageName()}@${pinned} installed no ${bin}`)
  }
  return { bin, dir, version: pinned }
}

/** Whether better-sqlite3 in node_modules loads on that Node. */
function sqliteLoads(bin) {
  try {
    execFileSync(bin, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** better-sqlite3 built for the Node that ships (npm's own rebuild, run on that Node, against its headers). */
export function ensureNativeFor(node) {
  if (!existsSync(join(root, 'node_modules/better-sqlite3'))) return
  if (sqliteLoads(node.bin)) return
  console.error(`[node] better-sqlite3 does not load on Node ${node.version}: rebuilding it for that Node`)
  const env = { ...process.env, PATH: `${dirname(node.bin)}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}` }
  delete env.NPM_CONFIG_NODEDIR
  if (node.dir) env.npm_config_nodedir = node.dir
  else delete env.npm_config_nodedir
  execSync('npm rebuild better-sqlite3', { cwd: root, env, stdio: 'inherit' })
  if (!sqliteLoads(node.bin)) throw new Error(`better-sqlite3 still does not load on Node ${node.version}`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const node = shippedNode()
  if (args[0] === '--path') {
    console.log(node.bin)
    process.exit(0)
  }
  ensureNativeFor(node)
  const result = spawnSync(node.bin, args, { cwd: process.cwd(), stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
