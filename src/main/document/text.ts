import { NODE_TYPES } from '@shared/domain/document'
import { isMediaId } from '@shared/domain/media'
import { plainText } from './inline'
import type { LexDocument, LexImage, LexInline } from './lexical'

/**
 * The plain text of a document, for counts and search, exactly as the editor's
 * `getTextContent()` gives it: element blocks separated by a blank line, an image by
 * its caption, a kept block by its text.
 */
export function documentText(doc: LexDocument): string {
  const children = doc.root.children
  let out = ''
  children.forEach((b, i) => {
    const last = i === children.length - 1
    switch (b.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        out += plainText(b.children) + (last ? '' : '\n\n')
        break
      case 'list':
        out += b.children.map((item) => plainText(item.children.filter((c) => c.type !== 'list') as LexInline[])).join('\n') + (last ? '' : '\n\n')
        break
      case NODE_TYPES.image:
        out += b.caption === '' ? '' : `${b.caption}\n\n`
        break
      case NODE_TYPES.rawBlock:
        out += b.preview === '' ? '' : `${b.preview}\n\n`
        break
      default:
        break
    }
  })
  return out
}

/** The images a document shows, in order, without repeats. */
export function documentImages(doc: LexDocument): string[] {
  const ids = doc.root.children.filter((b): b is LexImage => b.type === NODE_TYPES.image && isMediaId(b.mediaId)).map((b) => b.mediaId)
  return [...new Set(ids)]
}
