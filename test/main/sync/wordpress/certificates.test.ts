import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WpClient, WpError } from '@main/sync/wordpress/client'
import { withClockCheck } from '@main/sync/context'
import { tempDir } from '../../../support/temp'

/**
 * A certificate that does not verify is what an intercepted connection looks like (a proxy that
 * presents its own certificate): Qalam stops, never retries it, never sends the password on it, and
 * says so; a dead clock battery that makes a good certificate look out of date is said as the clock.
 */
let tmp: ReturnType<typeof tempDir>
let url = ''
let requests = 0
let handshakes = 0
let server: ReturnType<typeof createServer>
beforeAll(async () => {
  tmp = tempDir()
  const key = join(tmp.dir, 'key.pem')
  const cert = join(tmp.dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1'
    ],
    {
      stdio: 'ignore'
    }
  )
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    requests++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('[]')
  })
  // Each attempt is a new connection: counted as they come.
  server.on('connection', () => handshakes++)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `https://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  await new Promise((ok) => server.close(ok))
  tmp.remove()
})

describe('a certificate that does not verify', () => {
  it('stops with its own reason, after one handshake, without retrying and without the password ever sent', async () => {
    const client = new WpClient({ restRoot: `${url}/`, username: 'reporter', password: 'abcd efgh ijkl mnop qrst uvwx', retries: 3, backoffMs: 1 })
    let error: unknown
    try {
      await client.request('GET', 'wp/v2/posts')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(WpError)
    expect((error as WpError).code).toBe('certificate')
    expect((error as WpError).wpCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect((error as WpError).maybeApplied).toBe(false)
    expect(handshakes).toBe(1)
    expect(requests).toBe(0)
  })

  it('a certificate out of its dates on a computer whose clock went back is the clock, not the site', () => {
    const day = 24 * 60 * 60 * 1000
    const lastSync = Date.UTC(2026, 11, 1)
    const expired = new WpError('certificate', 'x', null, 'CERT_NOT_YET_VALID')
    expect((withClockCheck(expired, Date.UTC(2000, 0, 1), [lastSync, null]) as WpError).code).toBe('clock_wrong')
    // The clock agrees with the last good times: the certificate itself is the problem.
    expect((withClockCheck(expired, lastSync + day, [lastSync]) as WpError).code).toBe('certificate')
    // A certificate from an untrusted issuer is never put down to the clock.
    const untrusted = new WpError('certificate', 'x', null, 'SELF_SIGNED_CERT_IN_CHAIN')
    expect((withClockCheck(untrusted, Date.UTC(2000, 0, 1), [lastSync]) as WpError).code).toBe('certificate')
    expect((withClockCheck(expired, Date.UTC(2000, 0, 1), [null]) as WpError).code).toBe('certificate')
  })
})
