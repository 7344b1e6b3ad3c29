import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A newsroom's own certificate authority, made with openssl for a test, and a site certificate it signed for some names. */
export interface Authority {
  /** The authority's certificate (PEM): what a newsroom puts in its laptops' system store. */
  ca: string
  caFile: string
  /** A site's key and certificate for `names`, signed by the authority. */
  key: string
  cert: string
}

export function makeAuthority(dir: string, names: string[], commonName = 'Qalam Test Newsroom CA'): Authority {
  const file = (name: string) => join(dir, name)
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  run(['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', `/CN=${commonName}`])
  run(['req', ...ec, '-keyout', file('site.key'), '-out', file('site.csr'), '-subj', `/CN=${names[0]}`])
  writeFileSync(file('site.ext'), `subjectAltName=${names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}\n`)
  run([
    'x509',
    '-req',
    '-in',
    file('site.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('site.pem'),
    '-days',
    '2',
    '-extfile',
    file('site.ext')
  ])
  return { ca: readFileSync(file('ca.pem'), 'utf8'), caFile: file('ca.pem'), key: readFileSync(file('site.key'), 'utf8'), cert: readFileSync(file('site.pem'), 'utf8') }
}
