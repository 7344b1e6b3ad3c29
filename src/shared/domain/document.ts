/**
 * The empty document every new article starts with: one empty paragraph in a
 * right-to-left root. Kept here so that main (which creates articles) and the
 * renderer (which edits them) agree on it.
 */
export const EMPTY_DOCUMENT_JSON = JSON.stringify({
  root: {
    type: 'root',
    version: 1,
    direction: 'rtl',
    format: '',
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: []
      }
    ]
  }
})
