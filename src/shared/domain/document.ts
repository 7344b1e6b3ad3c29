/**
 * Lexical documents built from plain paragraphs: the empty document every new
 * article starts with, and the form imported plain text takes. Kept here so that
 * main (which creates articles) and the renderer (which edits them) agree on it.
 */
export function plainDocumentJson(paragraphs: string[]): string {
  const blocks = paragraphs.length === 0 ? [''] : paragraphs
  return JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      direction: 'rtl',
      format: '',
      indent: 0,
      children: blocks.map((text) => ({
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: text === '' ? [] : [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 }]
      }))
    }
  })
}

/** One empty paragraph in a right-to-left root. */
export const EMPTY_DOCUMENT_JSON = plainDocumentJson([])
