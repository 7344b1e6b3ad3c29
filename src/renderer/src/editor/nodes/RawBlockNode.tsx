import type { JSX } from 'react'
import { DecoratorNode, type EditorConfig, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical'
import { useTranslation } from 'react-i18next'

export type SerializedRawBlockNode = Spread<{ markup: string; name: string; preview: string }, SerializedLexicalNode>

/**
 * A block from the site that Qalam does not edit (an embed, a gallery, a styled
 * paragraph): kept byte for byte and sent back unchanged. It shows its name and
 * plain text only; its HTML is never rendered here.
 */
export class RawBlockNode extends DecoratorNode<JSX.Element> {
  __markup: string
  __name: string
  __preview: string

  static override getType(): string {
    return 'qalam-raw-block'
  }

  static override clone(node: RawBlockNode): RawBlockNode {
    return new RawBlockNode(node.__markup, node.__name, node.__preview, node.__key)
  }

  static override importJSON(json: SerializedRawBlockNode): RawBlockNode {
    // updateFromJSON keeps the node's state (in a classic post, the whitespace the site had around it: main/document/classic.ts).
    return new RawBlockNode(String(json.markup ?? ''), String(json.name ?? 'html'), String(json.preview ?? '')).updateFromJSON(json)
  }

  constructor(markup: string, name: string, preview: string, key?: NodeKey) {
    super(key)
    this.__markup = markup
    this.__name = name
    this.__preview = preview
  }

  override exportJSON(): SerializedRawBlockNode {
    return { ...super.exportJSON(), type: 'qalam-raw-block', version: 1, markup: this.__markup, name: this.__name, preview: this.__preview }
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = document.createElement('div')
    const className = config.theme.rawBlock
    if (typeof className === 'string') div.className = className
    div.contentEditable = 'false'
    return div
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): false {
    return false
  }

  override getTextContent(): string {
    // As main's documentText counts it, so counts agree before and after a sync.
    return this.__preview === '' ? '' : `${this.__preview}\n\n`
  }

  override decorate(): JSX.Element {
    return <RawBlock name={this.__name} preview={this.__preview} />
  }
}

function RawBlock({ name, preview }: { name: string; preview: string }) {
  const { t } = useTranslation()
  return (
    <figure className="raw-block-figure" data-block={name}>
      <figcaption className="raw-block-name">
        {t('editor.rawBlock')} <code dir="ltr">{name}</code>
      </figcaption>
      {preview !== '' && (
        <p className="raw-block-preview" dir="auto">
          {preview}
        </p>
      )}
    </figure>
  )
}
