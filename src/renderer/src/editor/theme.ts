import type { EditorThemeClasses } from 'lexical'

/** Class names Lexical puts on the body's elements; styled in app/theme.css. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'q-p',
  heading: { h2: 'q-h2', h3: 'q-h3', h4: 'q-h4' },
  quote: 'q-quote',
  list: {
    ul: 'q-ul',
    ol: 'q-ol',
    listitem: 'q-li',
    nested: { listitem: 'q-li-nested' }
  },
  link: 'q-link',
  hr: 'q-hr',
  image: 'q-image',
  rawBlock: 'q-raw-block',
  mark: 'q-comment',
  markOverlap: 'q-comment-overlap',
  suggestion: { insert: 'q-sug-insert', delete: 'q-sug-delete' },
  text: {
    bold: 'q-bold',
    italic: 'q-italic',
    underline: 'q-underline',
    strikethrough: 'q-strike',
    underlineStrikethrough: 'q-underline-strike'
  }
}
