import DOMPurify from 'dompurify'
import { isAllowedLinkUrl } from '@shared/domain/links'
import { isMediaId } from '@shared/domain/media'

/**
 * Clipboard HTML from Word, Google Docs, web pages and WordPress, made safe and
 * plain before Lexical sees it: DOMPurify removes scripts, event handlers,
 * iframes, forms and unsafe URLs; then the styles that carry meaning (bold,
 * italic, underline, strikethrough, Word's list paragraphs) become elements,
 * and every style, class and id is dropped. Images go too, unless they are
 * Qalam's own (copied from another article): a remote image in pasted copy is
 * at best hot-linking and at worst a tracking pixel.
 */
const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'span',
  'div',
  'sub',
  'sup',
  'figure',
  'figcaption',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'font'
]
const ALLOWED_ATTR = ['href', 'dir', 'style', 'class', 'data-qalam-media', 'alt', 'start']

let hooked = false
function installHooks(purify: typeof DOMPurify): void {
  if (hooked) return
  hooked = true
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href')
      if (href !== null && !isAllowedLinkUrl(href)) node.removeAttribute('href')
    }
  })
}

/** Sanitizes clipboard HTML and normalizes it into plain semantic markup. */
export function sanitizePastedHtml(html: string, doc: Document = document): HTMLElement {
  installHooks(DOMPurify)
  const clean = DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
    RETURN_DOM: true
  }) as HTMLElement
  // Move into the editor's document so Lexical's importers see ordinary elements.
  const root = doc.createElement('div')
  root.append(...Array.from(clean.childNodes).map((n) => doc.importNode(n, true)))
  normalize(root, doc)
  return root
}

const MEANINGFUL_STYLES: [RegExp, string][] = [
  [/font-weight\s*:\s*(bold|[6-9]00)/i, 'strong'],
  [/font-style\s*:\s*italic/i, 'em'],
  [/text-decoration[^;]*underline/i, 'u'],
  [/text-decoration[^;]*line-through/i, 's']
]

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes))
}

function rename(el: Element, tag: string, doc: Document): HTMLElement {
  const next = doc.createElement(tag)
  for (const attr of ['dir', 'href', 'data-qalam-media', 'alt', 'start']) {
    const value = el.getAttribute(attr)
    if (value !== null) next.setAttribute(attr, value)
  }
  next.append(...Array.from(el.childNodes))
  el.replaceWith(next)
  return next
}

function normalize(root: HTMLElement, doc: Document): void {
  // Images: only Qalam's own media references survive.
  for (const img of Array.from(root.querySelectorAll('img'))) {
    if (!isMediaId(img.getAttribute('data-qalam-media') ?? '')) img.remove()
  }
  for (const fig of Array.from(root.querySelectorAll('figure'))) {
    if (fig.querySelector('img') === null) unwrap(fig)
  }

  // Google Docs wraps the whole clipboard in <b style="font-weight:normal">: not bold.
  for (const b of Array.from(root.querySelectorAll('b'))) {
    if (/font-weight\s*:\s*(normal|400)/i.test(b.getAttribute('style') ?? '')) unwrap(b)
  }

  convertWordLists(root, doc)

  // Styles that carry meaning become elements.
  for (const el of Array.from(root.querySelectorAll('span, font'))) {
    const style = el.getAttribute('style') ?? ''
    let inner: Element = el
    for (const [pattern, tag] of MEANINGFUL_STYLES) {
      if (pattern.test(style)) {
        const wrapper = doc.createElement(tag)
        wrapper.append(...Array.from(inner.childNodes))
        inner.append(wrapper)
        inner = wrapper
      }
    }
    unwrap(el)
  }

  // Body headings run h2–h4 (the headline is its own field).
  for (const h of Array.from(root.querySelectorAll('h1'))) rename(h, 'h2', doc)
  for (const h of Array.from(root.querySelectorAll('h5, h6'))) rename(h, 'h4', doc)
  for (const el of Array.from(root.querySelectorAll('strike, del'))) rename(el, 's', doc)
  for (const el of Array.from(root.querySelectorAll('ins'))) rename(el, 'u', doc)

  // Tables arrive as their cells' text, one paragraph per row.
  for (const row of Array.from(root.querySelectorAll('tr'))) {
    const p = doc.createElement('p')
    p.textContent = Array.from(row.children)
      .map((c) => c.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' — ')
    row.replaceWith(p)
  }
  for (const el of Array.from(root.querySelectorAll('table, thead, tbody'))) unwrap(el)

  for (const el of Array.from(root.querySelectorAll('*'))) {
    el.removeAttribute('style')
    el.removeAttribute('class')
    const dir = el.getAttribute('dir')
    if (dir !== null && dir !== 'rtl' && dir !== 'ltr') el.removeAttribute('dir')
  }
}

/**
 * Word puts list items in paragraphs styled `mso-list: l0 level1`, each with a
 * hidden bullet or number in a span styled `mso-list: Ignore`. Runs of such
 * paragraphs become real lists, numbered when the marker is a number.
 */
function convertWordLists(root: HTMLElement, doc: Document): void {
  const listId = (el: Element | null): string | null => (el !== null && el.tagName === 'P' ? (/mso-list\s*:\s*(l\d+)/i.exec(el.getAttribute('style') ?? '')?.[1] ?? null) : null)
  for (const p of Array.from(root.querySelectorAll('p'))) {
    const id = listId(p)
    if (p.parentNode === null || id === null) continue
    if (listId(p.previousElementSibling) === id) continue
    const run: HTMLElement[] = []
    for (let el: Element | null = p; listId(el) === id; el = el!.nextElementSibling) run.push(el as HTMLElement)
    const marker = run[0]!.querySelector('span[style*="mso-list"]')?.textContent?.trim() ?? ''
    const ordered = /^[\d٠-٩]+[.)]?$|^[a-zA-Zأ-ي][.)]$/.test(marker)
    const list = doc.createElement(ordered ? 'ol' : 'ul')
    run[0]!.before(list)
    for (const item of run) {
      for (const ignore of Array.from(item.querySelectorAll('span'))) {
        if (/mso-list\s*:\s*ignore/i.test(ignore.getAttribute('style') ?? '')) ignore.remove()
      }
      const li = doc.createElement('li')
      const dir = item.getAttribute('dir')
      if (dir !== null) li.setAttribute('dir', dir)
      li.append(...Array.from(item.childNodes))
      list.append(li)
      item.remove()
    }
  }
}
