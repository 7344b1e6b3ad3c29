import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'

/**
 * A real WordPress on loopback for the sync tests and benchmarks: Debian's `wordpress`
 * package served by `php -S`, backed by Debian's MariaDB on its unix socket (no TCP).
 * Each start gets a fresh database, so every run begins with an empty site.
 */

export interface WpUser {
  login: string
  password: string
  appPassword: string
  id: number
}

export interface WordPressInfo {
  url: string
  port: number
  /** WordPress's own version string (get_bloginfo('version')). */
  version: string
  admin: WpUser
  editor: WpUser
  author: WpUser
  contributor: WpUser
  subscriber: WpUser
}

export interface WordPress extends WordPressInfo {
  /** Runs PHP with WordPress loaded; prints what the code echoes. */
  php(code: string): string
  stop(): Promise<void>
}

/** Debian's WordPress (6.1: the oldest version Qalam supports). */
const DEBIAN_ROOT = '/usr/share/wordpress'
/** WordPress 7.0.4 as released (the version newsrooms run), read from ../shared/ and served from a copy of its own in the temporary folder (WordPress writes its uploads beside itself). */
export const CORE_SOURCE = resolve(__dirname, '../../../shared/wordpress-core')
export type WordPressCore = '6.1' | '7.0'
/** Which WordPress the suites run against: 7.0 unless QALAM_WP says 6.1 (the vitest project of the oldest supported version sets it). */
export const defaultCore = (): WordPressCore => (process.env.QALAM_WP === '6.1' ? '6.1' : '7.0')
/** Each running site's WordPress folder, written beside its config so that runPhp in any process loads the right one. */
const rootFile = (port: number) => `/etc/wordpress/root-${configName(port)}`
const rootOf = (port: number) => (existsSync(rootFile(port)) ? readFileSync(rootFile(port), 'utf8') : DEBIAN_ROOT)

/**
 * WordPress 7.0's files in the temporary folder, copied once per version (88 MB), with a
 * wp-config.php that reads the same per-site config files Debian's does, so both cores are set up alike.
 */
function coreRoot(): string {
  const root = join(tmpdir(), 'qalam-wordpress-7.0.4')
  if (!existsSync(join(root, 'wp-config.php'))) {
    rmSync(root, { recursive: true, force: true })
    cpSync(CORE_SOURCE, root, { recursive: true })
    spawnSync('chmod', ['-R', 'u+w', root])
    writeFileSync(
      join(root, 'wp-config.php'),
      `<?php
if (!isset($_SERVER['WORDPRESS_CONFIG']) || !preg_match('/^[a-zA-Z0-9-]+$/', $_SERVER['WORDPRESS_CONFIG'])) { header('HTTP/1.0 404 Not Found'); exit(1); }
require_once '/etc/wordpress/config-' . $_SERVER['WORDPRESS_CONFIG'] . '.php';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
`
    )
  }
  return root
}

export function wordpressCoreAvailable(): boolean {
  return existsSync(join(CORE_SOURCE, 'wp-load.php'))
}
/** Debian's wp-config.php takes a config name from WORDPRESS_CONFIG; one per instance, so several sites can run at once. */
const configName = (port: number) => `qalam-test-${port}`
const configFile = (port: number) => `/etc/wordpress/config-${configName(port)}.php`
const SOCKET = '/run/mysqld/mysqld.sock'

export function wordpressInstalled(): boolean {
  return existsSync(join(DEBIAN_ROOT, 'wp-load.php')) && existsSync('/usr/sbin/mariadbd') && spawnSync('php', ['-v']).status === 0
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function sql(statement: string): void {
  const run = spawnSync('mariadb', ['--protocol=socket', `--socket=${SOCKET}`, '-uroot', '-e', statement], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`mariadb: ${run.stderr}`)
}

async function ensureMariaDb(): Promise<void> {
  const ping = () => spawnSync('mariadb-admin', ['--protocol=socket', `--socket=${SOCKET}`, '-uroot', 'ping'], { encoding: 'utf8' }).status === 0
  if (ping()) return
  mkdirSync('/run/mysqld', { recursive: true })
  spawnSync('chown', ['mysql:mysql', '/run/mysqld'])
  // No TCP at all: PHP reaches it through the socket.
  const server = spawn('mariadbd', ['--user=mysql', '--skip-networking', `--socket=${SOCKET}`], { detached: true, stdio: 'ignore' })
  server.unref()
  for (let i = 0; i < 100; i++) {
    if (ping()) return
    await sleep(200)
  }
  throw new Error('MariaDB did not start')
}

function writeConfig(port: number, database: string, password: string): void {
  mkdirSync('/etc/wordpress', { recursive: true })
  writeFileSync(
    configFile(port),
    `<?php
define('DB_NAME', '${database}');
define('DB_USER', 'qalam_test');
define('DB_PASSWORD', '${password}');
define('DB_HOST', 'localhost:${SOCKET}');
define('DB_CHARSET', 'utf8mb4');
// Application passwords work over plain HTTP only on a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
// The site answers on whatever loopback address asked (WordPress itself, or the fault proxy in front of it),
// and as https://newsroom.invalid behind the tests' TLS front (which says so in X-Forwarded-Proto).
if (isset($_SERVER['HTTP_X_FORWARDED_PROTO']) && $_SERVER['HTTP_X_FORWARDED_PROTO'] === 'https') { $_SERVER['HTTPS'] = 'on'; }
define('WP_HOME', (empty($_SERVER['HTTPS']) ? 'http://' : 'https://') . $_SERVER['HTTP_HOST']);
define('WP_SITEURL', (empty($_SERVER['HTTPS']) ? 'http://' : 'https://') . $_SERVER['HTTP_HOST']);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
`
  )
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, { redirect: 'manual' })
      return
    } catch {
      await sleep(100)
    }
  }
  throw new Error(`${url} did not answer`)
}

/** Runs PHP with the WordPress at this port loaded; prints what the code echoes. */
export function runPhp(port: number, code: string): string {
  const script = `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';
$_SERVER['WORDPRESS_CONFIG'] = '${configName(port)}';
$_SERVER['REQUEST_URI'] = '/';
define('WP_USE_THEMES', false);
require '${rootOf(port)}/wp-load.php';
${code}`
  const run = spawnSync('php', ['-d', 'display_errors=stderr'], { input: script, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`php failed: ${run.stderr}${run.stdout}`)
  return run.stdout
}

/** Starts MariaDB (if needed) and a fresh WordPress on a free loopback port. */
/** Qalam's companion plugin, as this repository has it. */
export const BRIDGE_PLUGIN_DIR = resolve(__dirname, '../../wordpress-plugin/qalam-bridge')

/** Copies the companion plugin into the site's plugins folder (Debian keeps wp-content under /var/lib) and activates it. */
export function installBridge(port: number): void {
  const plugins = rootOf(port) === DEBIAN_ROOT ? '/var/lib/wordpress/wp-content/plugins' : join(rootOf(port), 'wp-content/plugins')
  cpSync(BRIDGE_PLUGIN_DIR, join(plugins, 'qalam-bridge'), { recursive: true })
  const out = runPhp(
    port,
    "require_once ABSPATH . 'wp-admin/includes/plugin.php'; $r = activate_plugin('qalam-bridge/qalam-bridge.php'); echo is_wp_error($r) ? 'ERR ' . $r->get_error_message() : 'OK';"
  )
  if (!out.includes('OK')) throw new Error(`activating qalam-bridge: ${out}`)
}

export function uninstallBridge(port: number): void {
  runPhp(port, "require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins('qalam-bridge/qalam-bridge.php'); echo 'OK';")
}

export async function startWordPress(options: { pretty?: boolean; bridge?: boolean; core?: WordPressCore } = {}): Promise<WordPress> {
  const core = options.core ?? defaultCore()
  if (core === '7.0' && !wordpressCoreAvailable()) throw new Error(`WordPress 7.0 is read from ${CORE_SOURCE}, which is absent`)
  const root = core === '7.0' ? coreRoot() : DEBIAN_ROOT
  await ensureMariaDb()
  const database = `qalam_wp_${process.pid}_${Date.now() % 100000}`
  const dbPassword = 'qalam-test-db'
  sql(`DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database} CHARACTER SET utf8mb4;
       CREATE USER IF NOT EXISTS 'qalam_test'@'localhost' IDENTIFIED BY '${dbPassword}';
       GRANT ALL ON \`qalam_wp_%\`.* TO 'qalam_test'@'localhost'; FLUSH PRIVILEGES;`)
  const port = await freePort()
  writeConfig(port, database, dbPassword)
  mkdirSync(root === DEBIAN_ROOT ? '/var/lib/wordpress/wp-content/uploads' : join(root, 'wp-content/uploads'), { recursive: true })

  const url = `http://127.0.0.1:${port}`
  // php -S keeps environment variables out of $_SERVER, where Debian's wp-config.php looks: a prepended line puts it there.
  const prepend = join(tmpdir(), 'qalam-wp-prepend.php')
  writeFileSync(prepend, `<?php if (getenv('WORDPRESS_CONFIG') !== false) { $_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG'); }\n`)
  writeFileSync(rootFile(port), root)
  const php: ChildProcess = spawn('php', ['-d', `auto_prepend_file=${prepend}`, '-S', `127.0.0.1:${port}`, '-t', root], {
    // Several workers, so a slow request (an upload) does not hold up the rest.
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4', WORDPRESS_CONFIG: configName(port) },
    stdio: 'ignore',
    // Its own process group, so stopping it stops the forked workers too.
    detached: true
  })
  await waitForHttp(`${url}/wp-login.php`)

  const install = await fetch(`${url}/wp-admin/install.php?step=2`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      weblog_title: 'صحيفة الاختبار',
      user_name: 'admin',
      admin_password: 'admin-pass-123',
      admin_password2: 'admin-pass-123',
      pw_weak: '1',
      admin_email: 'admin@example.test',
      blog_public: '0',
      language: ''
    })
  })
  if (!install.ok) throw new Error(`WordPress install answered ${install.status}`)

  const out = runPhp(
    port,
    `
${options.pretty ? "update_option('permalink_structure', '/%postname%/'); flush_rewrite_rules();" : ''}
$out = array();
foreach (array('admin' => 'administrator', 'editor' => 'editor', 'author' => 'author', 'contributor' => 'contributor', 'subscriber' => 'subscriber') as $login => $role) {
  $user = get_user_by('login', $login);
  $id = $user ? $user->ID : wp_insert_user(array('user_login' => $login, 'user_pass' => $login . '-pass-123', 'user_email' => $login . '@example.test', 'role' => $role));
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
  $created = WP_Application_Passwords::create_new_application_password($id, array('name' => 'qalam-tests'));
  $out[$login] = array('login' => $login, 'password' => $login . '-pass-123', 'appPassword' => $created[0], 'id' => $id);
}
echo json_encode($out);`
  )
  const users = JSON.parse(out.slice(out.indexOf('{'))) as Record<string, WpUser>
  users.admin!.password = 'admin-pass-123'
  if (options.bridge === true) installBridge(port)

  const version = runPhp(port, "echo get_bloginfo('version');").trim()
  return {
    url,
    port,
    version,
    admin: users.admin!,
    editor: users.editor!,
    author: users.author!,
    contributor: users.contributor!,
    subscriber: users.subscriber!,
    php: (code) => runPhp(port, code),
    stop: async () => {
      try {
        process.kill(-php.pid!, 'SIGTERM')
      } catch {
        php.kill('SIGTERM')
      }
      await new Promise((r) => setTimeout(r, 100))
      rmSync(rootFile(port), { force: true })
      rmSync(configFile(port), { force: true })
      try {
        sql(`DROP DATABASE IF EXISTS ${database}`)
      } catch {
        // The database server may already be gone with the machine.
      }
    }
  }
}
