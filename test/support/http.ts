import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterEach } from 'vitest'

/**
 * Small HTTP servers on loopback for one test file, each closed after every test:
 * `serve(handler)` starts one and answers its base URL (http://127.0.0.1:port).
 */
export function loopbackServers(): (handler: (req: IncomingMessage, res: ServerResponse) => void) => Promise<string> {
  let servers: Server[] = []
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
    servers = []
  })
  return async (handler) => {
    const server = createServer(handler)
    servers.push(server)
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`
  }
}
