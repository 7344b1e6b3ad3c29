import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, unzipSync } from 'fflate'
import { forgeBundle } from '../support/zip'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '@main/services'
import { AppError } from '@main/errors'
import type { BundlePreview } from '@shared/domain/bundle'
import { fakeClock, servicesIn, testPlatform } from '../support/fixtures'
import { writeBody } from '../support/desks'
import { body, paragraph } from '../support/lexical'
import { tempDir } from '../support/temp'

/**
 * Sealed bundles (age): what a messenger, a mail server or a lost USB stick holds is
 * unreadable; a passphrase or the colleague's own key opens it; private notes travel
 * only this way.
 */

const clock = fakeClock()
const SECRET = 'مخزن الأسلحة خلف المدرسة'
const NOTE = 'المصدر: أبو خليل 0799123456'

interface Desk {
  services: Services
  /** Files this desk saved, and the one its open dialog answers with. */
  saved: string[]
  open: { path: string | null }
}
let dirs: ReturnType<typeof tempDir>[] = []
let desks: Desk[] = []
afterEach(() => {
  for (const d of desks) d.services.close()
  for (const d of dirs) d.remove()
  desks = []
  dirs = []
})

function desk(name: string): Desk {
  const dir = tempDir()
  dirs.push(dir)
  const saved: string[] = []
  const open = { path: null as string | null }
  const services = servicesIn(
    dir.dir,
    testPlatform({
      clock,
      dialogs: {
        pickImageFile: async () => null,
        saveTextFile: async () => false,
        saveBundleFile: async (fileName, bytes) => {
          const path = join(dir.dir, `${saved.length}-${fileName}`)
          writeFileSync(path, bytes)
          saved.push(path)
          return true
        },
        openBundleFile: async () => open.path,
        confirmUpdateServer: async () => false
      }
    })
  )
  services.settings.update({ userName: name, role: 'reporter' })
  const d = { services, saved, open }
  desks.push(d)
  return d
}

async function refusalOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work
  } catch (error) {
    if (error instanceof AppError) return error.reason
    throw error
  }
  return undefined
}

/** `to` recognises `from`'s key, as after comparing fingerprints by phone: from a plain signed bundle, remembered. */
async function recognise(to: Desk, from: Desk): Promise<void> {
  const first = from.services.articles.create('تعارف')
  await from.services.bundles.exportToFile(first.id)
  to.open.path = from.saved.at(-1)!
  const signed = (await to.services.bundles.inspectFromFile()) as BundlePreview
  to.services.bundles.apply(signed.token, true)
}

function articleWithNote(d: Desk): string {
  const a = d.services.articles.create('تحقيق')
  writeBody(d.services, a.id, body(paragraph(SECRET)))
  d.services.notes.save(a.id, NOTE)
  return a.id
}

describe('sealed bundles', () => {
  it('sealed with a passphrase: nothing readable in the file; the right passphrase opens it, notes included', async () => {
    const reporter = desk('ليلى')
    const editor = desk('سلمى')
    await recognise(editor, reporter)
    const id = articleWithNote(reporter)
    await reporter.services.bundles.exportToFile(id, { kind: 'passphrase', passphrase: 'قمر فوق الجسر القديم' }, true)
    const file = readFileSync(reporter.saved.at(-1)!)
    expect(file.subarray(0, 21).toString()).toBe('age-encryption.org/v1')
    for (const text of [SECRET, NOTE, 'article.json', 'تحقيق']) expect(file.includes(Buffer.from(text)), text).toBe(false)
    editor.open.path = reporter.saved.at(-1)!
    const asked = await editor.services.bundles.inspectFromFile()
    expect(asked).toMatchObject({ needsPassphrase: true })
    const token = (asked as { token: string }).token
    expect(await refusalOf(editor.services.bundles.unsealWaiting(token, 'عبارة خاطئة تماماً'))).toBe('sealed')
    const preview = (await editor.services.bundles.unsealWaiting(token, 'قمر فوق الجسر القديم')) as BundlePreview
    expect(preview.signer).toMatchObject({ state: 'known', name: 'ليلى' })
    editor.services.bundles.apply(preview.token)
    expect(editor.services.articles.get(id).bodyText).toContain(SECRET)
    expect(editor.services.notes.get(id)?.body).toBe(NOTE)
  })

  it('sealed for a colleague: their own key opens it, no one else’s does', async () => {
    const reporter = desk('ليلى')
    const editor = desk('سلمى')
    const stranger = desk('غريب')
    // The editor recognises the reporter's key from a signed bundle (the fingerprints compared by phone).
    const first = reporter.services.articles.create('أول')
    await reporter.services.bundles.exportToFile(first.id)
    editor.open.path = reporter.saved[0]!
    const signed = (await editor.services.bundles.inspectFromFile()) as BundlePreview
    editor.services.bundles.apply(signed.token, true)
    expect(editor.services.signing.colleagues()).toEqual([{ name: 'ليلى', fingerprint: reporter.services.signing.fingerprint() }])
    // The editor seals the article back for the reporter alone.
    await recognise(reporter, editor)
    const id = articleWithNote(editor)
    await editor.services.bundles.exportToFile(id, { kind: 'colleague', fingerprint: reporter.services.signing.fingerprint() }, true)
    const sealedFile = editor.saved.at(-1)!
    expect(readFileSync(sealedFile).includes(Buffer.from(SECRET))).toBe(false)
    reporter.open.path = sealedFile
    const opened = (await reporter.services.bundles.inspectFromFile()) as BundlePreview
    expect(opened.signer).toMatchObject({ state: 'known', name: 'سلمى' })
    reporter.services.bundles.apply(opened.token)
    expect(reporter.services.notes.get(id)?.body).toBe(NOTE)
    stranger.open.path = sealedFile
    expect(await refusalOf(stranger.services.bundles.inspectFromFile())).toBe('sealed')
    // Sealing for a key this desk does not know is refused.
    await expect(editor.services.bundles.exportToFile(id, { kind: 'colleague', fingerprint: stranger.services.signing.fingerprint() })).rejects.toThrow(/no recognised colleague/)
  })

  it('private notes never go in a plain bundle, and a plain bundle that carries some does not bring them in', async () => {
    const reporter = desk('ليلى')
    const editor = desk('سلمى')
    const id = articleWithNote(reporter)
    await expect(reporter.services.bundles.exportToFile(id, { kind: 'none' }, true)).rejects.toThrow(/sealed/)
    const plain = reporter.services.bundles.exportBundle(id)
    expect(Object.keys(unzipSync(plain))).not.toContain('notes.json')
    // A plain file someone put notes into, its manifest rewritten (signed with their own key: they could not sign it as the reporter).
    const withNotes = forgeBundle(plain, () => {}, { 'notes.json': strToU8(JSON.stringify({ body: 'ملاحظة مزروعة' })) })
    editor.open.path = join(dirs[1]!.dir, 'planted.qalam')
    writeFileSync(editor.open.path, withNotes)
    const preview = (await editor.services.bundles.inspectFromFile()) as BundlePreview
    expect(preview.signer.state).toBe('unknown')
    editor.services.bundles.apply(preview.token)
    expect(editor.services.articles.get(id).bodyText).toContain(SECRET)
    expect(editor.services.notes.get(id)).toBeNull()
  })

  it('a bundle sealed for this desk by someone it never recognised brings no private notes (this desk’s recipient is in every bundle it signs)', async () => {
    const editor = desk('سلمى')
    const someone = desk('غريب')
    // Any bundle the editor ever signed gave away the recipient to seal for the editor.
    await recognise(someone, editor)
    const id = articleWithNote(someone)
    await someone.services.bundles.exportToFile(id, { kind: 'colleague', fingerprint: editor.services.signing.fingerprint() }, true)
    editor.open.path = someone.saved.at(-1)!
    const sealed = (await editor.services.bundles.inspectFromFile()) as BundlePreview
    expect(sealed.signer.state).toBe('unknown')
    editor.services.bundles.apply(sealed.token)
    expect(editor.services.articles.get(id).bodyText).toContain(SECRET)
    expect(editor.services.notes.get(id)).toBeNull()
  })

  it('refuses a sealed file that asks for more scrypt work than Qalam seals with, before any is done', async () => {
    const reporter = desk('ليلى')
    const editor = desk('سلمى')
    const id = articleWithNote(reporter)
    await reporter.services.bundles.exportToFile(id, { kind: 'passphrase', passphrase: 'قمر فوق الجسر القديم' })
    const file = readFileSync(reporter.saved.at(-1)!)
    const header = file.subarray(0, 200).toString('latin1')
    expect(header).toMatch(/-> scrypt \S+ 18\n/)
    // 2^20 and more would hold the main thread for seconds and take a GiB: the header asks, Qalam says no.
    for (const logN of ['20', '22']) {
      const greedy = Buffer.from(file.toString('latin1').replace(/(-> scrypt \S+ )18\n/, `$1${logN}\n`), 'latin1')
      editor.open.path = join(dirs[1]!.dir, `greedy-${logN}.qalam`)
      writeFileSync(editor.open.path, greedy)
      const asked = (await editor.services.bundles.inspectFromFile()) as { token: string }
      const t0 = performance.now()
      expect(await refusalOf(editor.services.bundles.unsealWaiting(asked.token, 'قمر فوق الجسر القديم'))).toBe('sealed')
      expect(performance.now() - t0).toBeLessThan(500)
    }
  })

  it('names the file neutrally (the headline would stay in the system’s recent files), and forgets a decrypted bundle waiting for an answer when the desk locks', async () => {
    const reporter = desk('ليلى')
    const editor = desk('سلمى')
    await recognise(editor, reporter)
    const id = articleWithNote(reporter)
    await reporter.services.bundles.exportToFile(id, { kind: 'passphrase', passphrase: 'قمر فوق الجسر القديم' }, true)
    const saved = reporter.saved.at(-1)!
    expect(saved).not.toContain('تحقيق')
    expect(saved).toMatch(/qalam-\d{4}-\d{2}-\d{2}-[0-9a-f-]{6}\.qalam$/)
    editor.open.path = saved
    const asked = (await editor.services.bundles.inspectFromFile()) as { token: string }
    const preview = (await editor.services.bundles.unsealWaiting(asked.token, 'قمر فوق الجسر القديم')) as BundlePreview
    editor.services.lock()
    expect(editor.services.store.unlock(null).state).toBe('ready')
    expect(() => editor.services.bundles.apply(preview.token)).toThrow(/no longer waiting/)
    expect(editor.services.articles.list({}).map((a) => a.id)).not.toContain(id)
  })
})
