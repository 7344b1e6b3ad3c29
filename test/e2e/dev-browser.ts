/** `npm run dev:browser`: the app in Chromium on the test host, for a developer. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startHost, ROOT } from './host'

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? join(ROOT, '.dev-data')
  mkdirSync(dataDir, { recursive: true })
  const host = await startHost({ dataDir, headless: !process.env.DISPLAY })
  console.log(`Qalam on the test host: ${host.baseUrl}  (data: ${dataDir}). Ctrl+C to quit.`)
  process.on('SIGINT', () => {
    void host.close().then(() => process.exit(0))
  })
}

void main()
