/**
 * The adversary: a site (or whoever can write a post on it) whose content is built to
 * freeze or swamp the main process when Qalam reads it.
 */
import { describe, expect, it } from 'vitest'
import { markupToDocument } from '@main/document/codec'
import { markupText, MarkupTooLarge, MAX_MARKUP_LENGTH, splitBlocks } from '@main/document/gutenberg'
import { fromLocalFormCtx } from '@main/document/local-form'
import { failureOf } from '@main/sync/context'

const TWO_MB = 2 * 2 ** 20

function timed(work: () => unknown): number {
  const t0 = performance.now()
  work()
  return performance.now() - t0
}

describe('post content from a site', () => {
  it('parses 2 MB of unclosed block openers and comments in well under a second (linear, not once per opener)', () => {
    const openers = '<!-- wp:paragraph '.repeat(TWO_MB / 18)
    const comments = '<!--'.repeat(TWO_MB / 4)
    const attrs = `<!-- wp:paragraph {"a":"${'}'.repeat(TWO_MB)}`
    for (const markup of [openers, comments, attrs]) {
      expect(timed(() => splitBlocks(markup))).toBeLessThan(1000)
      expect(timed(() => markupText(markup))).toBeLessThan(1000)
      expect(timed(() => markupToDocument(markup, fromLocalFormCtx))).toBeLessThan(1500)
    }
    // Well-formed content still splits as WordPress's parser does.
    expect(splitBlocks('<!-- wp:paragraph --><p>أ</p><!-- /wp:paragraph -->\n\n<!-- wp:separator /-->')).toEqual([
      '<!-- wp:paragraph --><p>أ</p><!-- /wp:paragraph -->',
      '<!-- wp:separator /-->'
    ])
  })

  it("reads 2 MB of unclosed openers with attributes («<!-- wp:a {», the second review's soup) without WordPress's parser going quadratic", () => {
    const soups = [
      '<!-- wp:a {'.repeat(TWO_MB / 11),
      '<!-- wp:paragraph {"a":1'.repeat(TWO_MB / 24),
      // Well-formed blocks first, then the soup: the piece it lands in is kept as the site's markup.
      `${'<!-- wp:paragraph --><p>نص</p><!-- /wp:paragraph -->\n\n'.repeat(1000)}${'<!-- wp:a {'.repeat(TWO_MB / 11)}`,
      `<!-- wp:group -->${'<!-- wp:a {"x":"}'.repeat(TWO_MB / 18)}<!-- /wp:group -->`
    ]
    for (const markup of soups) {
      const ms = timed(() => markupToDocument(markup, fromLocalFormCtx))
      expect(ms, `${markup.slice(0, 30)}…: ${ms.toFixed(0)} ms`).toBeLessThan(1500)
    }
    // The well-formed blocks before the soup still open as text.
    const doc = markupToDocument(soups[2]!, fromLocalFormCtx)
    expect(JSON.stringify(doc.root.children[0])).toContain('نص')
  })

  it('refuses a post over the size cap with a message for that article, without parsing it', () => {
    const huge = `<!-- wp:paragraph --><p>${'ا'.repeat(MAX_MARKUP_LENGTH)}</p><!-- /wp:paragraph -->`
    let error: unknown
    const ms = timed(() => {
      try {
        markupToDocument(huge, fromLocalFormCtx)
      } catch (e) {
        error = e
      }
    })
    expect(error).toBeInstanceOf(MarkupTooLarge)
    expect(ms).toBeLessThan(100)
    expect(failureOf(error)).toMatchObject({ code: 'too_large' })
  })
})
