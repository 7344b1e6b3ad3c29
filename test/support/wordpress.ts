import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
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

const WP_ROOT = '/usr/share/wordpress'
/** Debian's wp-config.php takes a config name from WORDPRESS_CONFIG; one per instance, so several sites can run at once. */
const configName = (port: number) => `qalam-test-${port}`
const configFile = (port: number) => `/etc/wordpress/config-${configName(port)}.php`
const SOCKET = '/run/mysqld/mysqld.sock'

export function wordpressInstalled(): boolean {
  return existsSync(join(WP_ROOT, 'wp-load.php')) && existsSync('/usr/sbin/mariadbd') && spawnSync('php', ['-v']).status === 0
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
// The site answers on whatever loopback address asked (WordPress itself, or the fault proxy in front of it).
define('WP_HOME', 'http://' . $_SERVER['HTTP_HOST']);
define('WP_SITEURL', 'http://' . $_SERVER['HTTP_HOST']);
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
require '${WP_ROOT}/wp-load.php';
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
  cpSync(BRIDGE_PLUGIN_DIR, '/var/lib/wordpress/wp-content/plugins/qalam-bridge', { recursive: true })
  const out = runPhp(
    port,
    "require_once ABSPATH . 'wp-admin/includes/plugin.php'; $r = activate_plugin('qalam-bridge/qalam-bridge.php'); echo is_wp_error($r) ? 'ERR ' . $r->get_error_message() : 'OK';"
  )
  if (!out.includes('OK')) throw new Error(`activating qalam-bridge: ${out}`)
}

export function uninstallBridge(port: number): void {
  runPhp(port, "require_once ABSPATH . 'wp-admin/includes/plugin.php'; deactivate_plugins('qalam-bridge/qalam-bridge.php'); echo 'OK';")
}

export async function startWordPress(options: { pretty?: boolean; bridge?: boolean } = {}): Promise<WordPress> {
  await ensureMariaDb()
  const database = `qalam_wp_${process.pid}_${Date.now() % 100000}`
  const dbPassword = 'qalam-test-db'
  sql(`DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database} CHARACTER SET utf8mb4;
       CREATE USER IF NOT EXISTS 'qalam_test'@'localhost' IDENTIFIED BY '${dbPassword}';
       GRANT ALL ON \`qalam_wp_%\`.* TO 'qalam_test'@'localhost'; FLUSH PRIVILEGES;`)
  const port = await freePort()
  writeConfig(port, database, dbPassword)
  mkdirSync('/var/lib/wordpress/wp-content/uploads', { recursive: true })

  const url = `http://127.0.0.1:${port}`
  // php -S keeps environment variables out of $_SERVER, where Debian's wp-config.php looks: a prepended line puts it there.
  const prepend = join(tmpdir(), 'qalam-wp-prepend.php')
  writeFileSync(prepend, `<?php if (getenv('WORDPRESS_CONFIG') !== false) { $_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG'); }\n`)
  const php: ChildProcess = spawn('php', ['-d', `auto_prepend_file=${prepend}`, '-S', `127.0.0.1:${port}`, '-t', WP_ROOT], {
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

  return {
    url,
    port,
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
      rmSync(configFile(port), { force: true })
      try {
        sql(`DROP DATABASE IF EXISTS ${database}`)
      } catch {
        // The database server may already be gone with the machine.
      }
    }
  }
}
