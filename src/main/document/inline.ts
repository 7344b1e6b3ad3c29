import type { ChildNode, Element } from 'domhandler'
import { isAllowedLinkUrl } from '@shared/domain/links'
import { NODE_TYPES } from '@shared/domain/document'
import { text, type LexInline, type LexLink, type LexMark, type LexSuggestion, type LexText } from './lexical'

/**
 * Inline content (text with formats, links, line breaks, comment anchors and
 * suggestions) to HTML as Gutenberg stores it, and back. Going back is an
 * allow-list: anything Qalam does not represent exactly throws `Unsupported`, and
 * the block it is in is kept as the site's markup instead.
 */

/** The markup uses something Qalam cannot represent exactly: the block is kept raw. */
export class Unsupported extends Error {
  /** Why, in a few words (the fixture report lists it for every block that stays raw). */
  constructor(reason = 'not a form Qalam edits') {
    super(reason)
    this.name = 'Unsupported'
  }
}

export const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
export const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;')

export const FORMAT = { bold: 1, italic: 2, strike: 4, underline: 8, code: 16, sub: 32, sup: 64 } as const
/** Outermost first, so the same formats always nest the same way. */
const FORMAT_TAGS: [number, string, string][] = [
  [FORMAT.bold, '<strong>', '</strong>'],
  [FORMAT.italic, '<em>', '</em>'],
  [FORMAT.strike, '<s>', '</s>'],
  [FORMAT.underline, '<span style="text-decoration: underline;">', '</span>'],
  [FORMAT.code, '<code>', '</code>'],
  [FORMAT.sub, '<sub>', '</sub>'],
  [FORMAT.sup, '<sup>', '</sup>']
]

const ID_LIST = /^[A-Za-z0-9-]{1,64}( [A-Za-z0-9-]{1,64})*$/

export function inlineToHtml(nodes: readonly { type: string }[], plain = false): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'mark') {
      const m = node as LexMark
      const ids = m.ids.filter((i) => /^[A-Za-z0-9-]{1,64}$/.test(i))
      out +=
        plain || ids.length === 0 ? inlineToHtml(m.children, plain) : `<mark class="qalam-comment" data-qalam-threads="${ids.join(' ')}">${inlineToHtml(m.children, plain)}</mark>`
      continue
    }
    if (node.type === NODE_TYPES.suggestion) {
      const s = node as LexSuggestion
      if (plain) {
        // Not yet accepted: the text stays as it was (a deletion's text in, an insertion's out).
        if (s.kind === 'delete') out += inlineToHtml(s.children, plain)
        continue
      }
      const tag = s.kind === 'insert' ? 'ins' : 'del'
      out += `<${tag} class="qalam-suggestion" data-qalam-id="${escapeAttr(s.suggestionId)}" data-qalam-author="${escapeAttr(s.author)}" datetime="${new Date(s.createdAt).toISOString()}">${inlineToHtml(s.children, plain)}</${tag}>`
      continue
    }
    if (node.type === 'text') {
      const t = node as LexText
      let html = escapeText(t.text)
      for (let i = FORMAT_TAGS.length - 1; i >= 0; i--) {
        const [bit, open, close] = FORMAT_TAGS[i]!
        if ((t.format & bit) !== 0) html = open + html + close
      }
      out += html
    } else if (node.type === 'linebreak') {
      out += '<br>'
    } else if (node.type === 'link' || node.type === 'autolink') {
      const l = node as LexLink
      if (!isAllowedLinkUrl(l.url)) {
        out += inlineToHtml(l.children, plain)
        continue
      }
      let attrs = ` href="${escapeAttr(l.url)}"`
      if (l.target) attrs += ` target="${escapeAttr(l.target)}"`
      if (l.rel) attrs += ` rel="${escapeAttr(l.rel)}"`
      out += `<a${attrs}>${inlineToHtml(l.children, plain)}</a>`
    } else if ('children' in node) {
      out += inlineToHtml((node as { children: { type: string }[] }).children, plain)
    } else if ('text' in node) {
      out += escapeText(String((node as { text: unknown }).text))
    }
  }
  return out
}

export function plainText(nodes: readonly { type: string }[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? (n as LexText).text : n.type === 'linebreak' ? '\n' : 'children' in n ? plainText((n as { children: { type: string }[] }).children) : ''))
    .join('')
}

const ALLOWED_LINK_ATTRS = new Set(['href', 'target', 'rel'])
const UNDERLINE_STYLE = /^\s*text-decoration:\s*underline;?\s*$/

export function inlineFromHtml(nodes: ChildNode[], format = 0, inLink = false): LexInline[] {
  const out: LexInline[] = []
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.data !== '') out.push(text(node.data, format))
      continue
    }
    if (node.type === 'comment') throw new Unsupported('an HTML comment inside the text')
    if (node.type !== 'tag') throw new Unsupported(`a ${node.type} node inside the text`)
    const el = node as Element
    const attrs = Object.keys(el.attribs)
    const plain = attrs.length === 0
    switch (el.name) {
      case 'strong':
      case 'b':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.bold, inLink))
        break
      case 'em':
      case 'i':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.italic, inLink))
        break
      case 's':
      case 'strike':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.strike, inLink))
        break
      case 'u':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.underline, inLink))
        break
      case 'span':
        if (attrs.length !== 1 || !UNDERLINE_STYLE.test(el.attribs.style ?? '')) throw new Unsupported(`<span> with ${attrs.join(', ') || 'no attributes'}`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.underline, inLink))
        break
      case 'code':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.code, inLink))
        break
      case 'sub':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.sub, inLink))
        break
      case 'sup':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push(...inlineFromHtml(el.children, format | FORMAT.sup, inLink))
        break
      case 'br':
        if (!plain) throw new Unsupported(`<${el.name}> with attributes (${attrs.join(', ')})`)
        out.push({ type: 'linebreak', version: 1 })
        break
      case 'mark': {
        const threads = el.attribs['data-qalam-threads']
        if (attrs.length !== 2 || el.attribs.class !== 'qalam-comment' || threads === undefined || !ID_LIST.test(threads))
          throw new Unsupported('a <mark> that is not a Qalam comment anchor')
        out.push({ type: 'mark', ids: threads.split(' '), children: inlineFromHtml(el.children, format, inLink), direction: null, format: '', indent: 0, version: 1 })
        break
      }
      case 'ins':
      case 'del': {
        const { class: cls, 'data-qalam-id': sid, 'data-qalam-author': author, datetime } = el.attribs
        const at = Date.parse(datetime ?? '')
        if (attrs.length !== 4 || cls !== 'qalam-suggestion' || sid === undefined || !/^[A-Za-z0-9-]{1,64}$/.test(sid) || author === undefined || !Number.isFinite(at)) {
          if (el.name === 'del' && plain) {
            out.push(...inlineFromHtml(el.children, format | FORMAT.strike, inLink))
            break
          }
          throw new Unsupported(`an <${el.name}> that is not a Qalam suggestion`)
        }
        out.push({
          type: NODE_TYPES.suggestion,
          suggestionId: sid,
          kind: el.name === 'ins' ? 'insert' : 'delete',
          author,
          createdAt: at,
          children: inlineFromHtml(el.children, format, inLink),
          direction: null,
          format: '',
          indent: 0,
          version: 1
        })
        break
      }
      case 'a': {
        const href = el.attribs.href
        if (inLink || href === undefined || !isAllowedLinkUrl(href) || attrs.some((a) => !ALLOWED_LINK_ATTRS.has(a)))
          throw new Unsupported(
            inLink ? 'a link inside a link' : href === undefined || !isAllowedLinkUrl(href) ? 'a link that is not http, https or mailto' : `a link with ${attrs.join(', ')}`
          )
        out.push({
          type: 'link',
          url: href,
          rel: el.attribs.rel ?? null,
          target: el.attribs.target ?? null,
          title: null,
          children: inlineFromHtml(el.children, format, true),
          direction: null,
          format: '',
          indent: 0,
          version: 1
        })
        break
      }
      default:
        throw new Unsupported(`<${el.name}> inside the text`)
    }
  }
  return mergeTexts(out)
}

function mergeTexts(nodes: LexInline[]): LexInline[] {
  const out: LexInline[] = []
  for (const n of nodes) {
    const prev = out[out.length - 1]
    if (n.type === 'text' && prev?.type === 'text' && prev.format === n.format) out[out.length - 1] = text(prev.text + n.text, n.format)
    else out.push(n)
  }
  return out
}
