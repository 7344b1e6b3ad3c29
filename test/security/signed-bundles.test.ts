import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { fakeClock, servicesIn } from '../support/fixtures'
import { desksPerTest, refusal, writeBody } from '../support/desks'
import { body, paragraph } from '../support/lexical'
import { forgeBundle } from '../support/zip'
import { tempDir } from '../support/temp'

/**
 * Bundles say who made them (Ed25519 over the manifest, which names every file by its
 * hash): a changed bundle is refused, a key not seen before is shown by its fingerprint,
 * a known colleague by name, and a stranger using a colleague's name is called out.
 */

const clock = fakeClock()
const desks = desksPerTest(clock)
let extra: { services: Services; tmp: ReturnType<typeof tempDir> } | null = null
afterEach(() => {
  extra?.services.close()
  extra?.tmp.remove()
  extra = null
})

function written(): { id: string; bundle: Uint8Array } {
  const a = desks.reporter.articles.create('حريق في السوق')
  writeBody(desks.reporter, a.id, body(paragraph('اندلع حريق في السوق القديم.')))
  return { id: a.id, bundle: desks.reporter.bundles.exportBundle(a.id) }
}

/** The bundle with its title changed and its manifest made to match, signed as `signature` says (forgeBundle). */
const retitled = (bundle: Uint8Array, title: string, options: Parameters<typeof forgeBundle>[3]) =>
  forgeBundle(
    bundle,
    (files) => {
      ;(files['article.json'] as { title: string }).title = title
    },
    {},
    options
  )

/** A bundle from a stranger's desk under the reporter's name, after the editor recognised the reporter's key as «ليلى». */
function impostorBundle(bundle: Uint8Array): Uint8Array {
  desks.editor.signing.trust(manifestOf(bundle), unzipSync(bundle)['signature.json']!, 'ليلى')
  const tmp = tempDir()
  const mallory = servicesIn(tmp.dir)
  extra = { services: mallory, tmp }
  mallory.settings.update({ userName: 'ليلى', role: 'reporter' })
  return mallory.bundles.exportBundle(mallory.articles.create('بيان مزوّر').id)
}

describe('signed bundles', () => {
  it('a new colleague is shown by the fingerprint to compare; once remembered, by name', () => {
    const { id, bundle } = written()
    expect(Object.keys(unzipSync(bundle))).toContain('signature.json')
    const first = desks.editor.bundles.preview(bundle)
    expect(first.signer).toEqual({ state: 'unknown', name: 'ليلى', fingerprint: desks.reporter.signing.fingerprint(), claimsKnownName: false })
    expect(first.signer.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){4}$/)
    desks.editor.bundles.importBundle(bundle)
    desks.editor.signing.trust(manifestOf(bundle), unzipSync(bundle)['signature.json']!, 'ليلى المراسلة')
    writeBody(desks.reporter, id, body(paragraph('اندلع حريق كبير في السوق القديم.')))
    const again = desks.editor.bundles.preview(desks.reporter.bundles.exportBundle(id))
    expect(again.signer).toMatchObject({ state: 'known', name: 'ليلى المراسلة' })
    // Its own bundle, back on the machine that made it.
    expect(desks.reporter.bundles.preview(bundle).signer.state).toBe('self')
  })

  it('a bundle changed after it was signed is refused whole, even with its manifest rewritten to match', () => {
    const { bundle } = written()
    const forged = retitled(bundle, 'عنوان مزوّر', { signature: 'keep' })
    expect(refusal(() => desks.editor.bundles.importBundle(forged))).toBe('bad-signature')
    expect(refusal(() => desks.editor.bundles.preview(forged))).toBe('bad-signature')
    expect(desks.editor.articles.list({})).toEqual([])
  })

  it('a signature taken from another bundle, or one that is not Qalam’s, is refused', () => {
    const { bundle } = written()
    const other = desks.reporter.articles.create('خبر آخر')
    const otherSignature = unzipSync(desks.reporter.bundles.exportBundle(other.id))['signature.json']!
    const files = unzipSync(bundle)
    for (const signature of [otherSignature, strToU8('not json'), strToU8('{"algorithm":"ed25519","publicKey":"AAAA","signer":"x","signature":"AAAA"}')]) {
      expect(refusal(() => desks.editor.bundles.importBundle(zipSync({ ...files, 'signature.json': signature })))).toBe('bad-signature')
    }
    expect(desks.editor.articles.list({})).toEqual([])
  })

  it('a stranger who signs with their own key under a known colleague’s name is called out', () => {
    const signer = desks.editor.bundles.preview(impostorBundle(written().bundle)).signer
    expect(signer).toMatchObject({ state: 'unknown', name: 'ليلى', claimsKnownName: true })
    expect(signer.fingerprint).not.toBe(desks.reporter.signing.fingerprint())
  })

  it('an unsigned bundle is refused by default, so a colleague’s bundle with its signature taken out and its text changed does not come in', () => {
    const { id, bundle } = written()
    desks.editor.signing.trust(manifestOf(bundle), unzipSync(bundle)['signature.json']!, 'ليلى')
    const stripped = retitled(bundle, 'عنوان مزوّر', { signature: 'drop' })
    expect(refusal(() => desks.editor.bundles.preview(stripped))).toBe('unsigned')
    expect(refusal(() => desks.editor.bundles.importBundle(stripped))).toBe('unsigned')
    expect(desks.editor.articles.list({})).toEqual([])
    // Taken in only when asked for in so many words (the service's option; the app does not offer it).
    expect(desks.editor.bundles.importBundle(stripped, { allowUnsigned: true }).articleId).toBe(id)
  })

  it('the signer’s name is signed: a name changed in signature.json, or an older Qalam’s signature that did not cover it, is refused', () => {
    const { bundle } = written()
    const files = unzipSync(bundle)
    const signature = JSON.parse(strFromU8(files['signature.json']!)) as Record<string, unknown>
    expect(signature.version).toBe(2)
    const renamed = strToU8(JSON.stringify({ ...signature, signer: 'رئيس التحرير' }))
    expect(refusal(() => desks.editor.bundles.preview(zipSync({ ...files, 'signature.json': renamed })))).toBe('bad-signature')
    const older = strToU8(JSON.stringify({ ...signature, version: undefined }))
    expect(refusal(() => desks.editor.bundles.preview(zipSync({ ...files, 'signature.json': older })))).toBe('bad-signature')
  })

  it('an impostor’s key (a known colleague’s name on another key) cannot be remembered under that name', () => {
    const bytes = impostorBundle(written().bundle)
    const waiting = desks.editor.bundles as unknown as { wait(bytes: Uint8Array, sealed: boolean): { token: string; signer: { claimsKnownName: boolean } } }
    const preview = waiting.wait(bytes, false)
    expect(preview.signer.claimsKnownName).toBe(true)
    expect(() => desks.editor.bundles.apply(preview.token, true)).toThrow(/cannot be remembered/)
    expect(desks.editor.signing.colleagues().map((c) => c.fingerprint)).toEqual([desks.reporter.signing.fingerprint()])
    expect(desks.editor.articles.list({})).toEqual([])
  })

  it('an article that came from one key and now arrives from another is called out before it is imported', () => {
    const { id, bundle } = written()
    desks.editor.bundles.importBundle(bundle)
    expect(desks.editor.bundles.preview(desks.reporter.bundles.exportBundle(id)).signerChanged).toBeNull()
    // Someone else sends the same article, edited, under the reporter's name.
    const other = retitled(bundle, 'حريق مفتعل في السوق', { signer: 'ليلى' })
    const preview = desks.editor.bundles.preview(other)
    expect(preview.signerChanged).toEqual({ name: 'ليلى', fingerprint: desks.reporter.signing.fingerprint() })
  })
})

const manifestOf = (bundle: Uint8Array) => strToU8(strFromU8(unzipSync(bundle)['manifest.json']!))
