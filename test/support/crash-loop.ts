import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { openDatabase } from '@main/store/connection'
import { deskKeyOf } from './store'
import { servicesIn } from './fixtures'
import { mulberry32 } from './random'

const ROOT = join(import.meta.dirname, '../..')

export interface CrashLoopResult {
  kills: number
  acknowledged: number
  lost: number
  corrupt: number
  seed: number
}

/**
 * Kills the typist with SIGKILL at random moments, `kills` times. After each
 * kill: the database must pass integrity_check, and the article must hold at
 * least the last save the typist saw acknowledged.
 */
export async function runCrashLoop(dataDir: string, kills: number, seed = Date.now() % 1_000_000): Promise<CrashLoopResult> {
  const random = mulberry32(seed)
  const setup = servicesIn(dataDir)
  const articleId = setup.articles.create().id
  setup.close()

  let lastAck = 0
  let lost = 0
  let corrupt = 0
  for (let i = 0; i < kills; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/typist.ts'), dataDir, articleId, String(lastAck)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let buffered = ''
    let acked = lastAck
    let firstAck: () => void = () => {}
    const started = new Promise<void>((ok) => (firstAck = ok))
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const m = /^ACK (\d+)$/.exec(line)
        if (m) acked = Number(m[1])
      }
      firstAck()
    })
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
    await Promise.race([started, exited])
    await new Promise((ok) => setTimeout(ok, 20 + random() * 400))
    child.kill('SIGKILL')
    await exited
    // Whatever was still in the pipe was acknowledged before the kill too.
    for (const line of buffered.split('\n')) {
      const m = /^ACK (\d+)$/.exec(line)
      if (m) acked = Number(m[1])
    }
    const db = openDatabase(join(dataDir, 'qalam.db'), { key: deskKeyOf(dataDir) })
    try {
      const check = db.pragma('integrity_check', { simple: true })
      if (check !== 'ok') corrupt++
      const row = db.prepare('SELECT title FROM articles WHERE id = ?').get(articleId) as { title: string } | undefined
      const saved = Number(/(\d+)$/.exec(row?.title ?? '')?.[1] ?? 0)
      if (saved < acked) lost++
      lastAck = Math.max(acked, saved)
    } finally {
      db.close()
    }
  }
  return { kills, acknowledged: lastAck, lost, corrupt, seed }
}
