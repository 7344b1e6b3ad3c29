import { $applyNodeReplacement, ElementNode, type EditorConfig, type LexicalNode, type NodeKey, type RangeSelection, type SerializedElementNode, type Spread } from 'lexical'
import { SUGGESTION_NODE_TYPE } from '@shared/domain/document'

export type SuggestionKind = 'insert' | 'delete'

export type SerializedSuggestionNode = Spread<{ suggestionId: string; kind: SuggestionKind; author: string; createdAt: number }, SerializedElementNode>

/**
 * A suggestion (track changes): text suggested for insertion (underlined) or for
 * deletion (struck through), with who suggested it and when. It is an inline
 * element around ordinary text nodes: the text keeps its own formatting, and the
 * suggestion is shown with text-decoration and colour only, which do not change
 * the font, so Arabic letters on either side of its edges stay joined.
 */
export class SuggestionNode extends ElementNode {
  __suggestionId: string
  __kind: SuggestionKind
  __author: string
  __createdAt: number

  static override getType(): string {
    return SUGGESTION_NODE_TYPE
  }

  static override clone(node: SuggestionNode): SuggestionNode {
    return new SuggestionNode(node.__suggestionId, node.__kind, node.__author, node.__createdAt, node.__key)
  }

  static override importJSON(json: SerializedSuggestionNode): SuggestionNode {
    return $createSuggestionNode(
      String(json.suggestionId ?? ''),
      json.kind === 'delete' ? 'delete' : 'insert',
      String(json.author ?? ''),
      Number(json.createdAt ?? 0)
    ).updateFromJSON(json)
  }

  constructor(suggestionId: string, kind: SuggestionKind, author: string, createdAt: number, key?: NodeKey) {
    super(key)
    this.__suggestionId = suggestionId
    this.__kind = kind
    this.__author = author
    this.__createdAt = createdAt
  }

  override exportJSON(): SerializedSuggestionNode {
    return {
      ...super.exportJSON(),
      type: SUGGESTION_NODE_TYPE,
      version: 1,
      suggestionId: this.__suggestionId,
      kind: this.__kind,
      author: this.__author,
      createdAt: this.__createdAt
    }
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const el = document.createElement(this.__kind === 'insert' ? 'ins' : 'del')
    const theme = config.theme.suggestion as Record<SuggestionKind, string> | undefined
    if (theme !== undefined) el.className = theme[this.__kind]
    el.dataset.suggestion = this.__suggestionId
    el.title = this.__author
    return el
  }

  override updateDOM(prev: SuggestionNode): boolean {
    return prev.__kind !== this.__kind || prev.__suggestionId !== this.__suggestionId
  }

  getSuggestionId(): string {
    return this.getLatest().__suggestionId
  }

  getKind(): SuggestionKind {
    return this.getLatest().__kind
  }

  getAuthor(): string {
    return this.getLatest().__author
  }

  getCreatedAt(): number {
    return this.getLatest().__createdAt
  }

  override isInline(): true {
    return true
  }

  override canBeEmpty(): false {
    return false
  }

  // Typing at either edge goes outside the suggestion; the plugin decides where suggested text goes.
  override canInsertTextBefore(): false {
    return false
  }

  override canInsertTextAfter(): false {
    return false
  }

  override insertNewAfter(_selection: RangeSelection, restoreSelection = true): null | ElementNode {
    const next = $createSuggestionNode(this.__suggestionId, this.__kind, this.__author, this.__createdAt)
    this.insertAfter(next, restoreSelection)
    return next
  }

  override extractWithChild(): boolean {
    return true
  }
}

export function $createSuggestionNode(suggestionId: string, kind: SuggestionKind, author: string, createdAt: number): SuggestionNode {
  return $applyNodeReplacement(new SuggestionNode(suggestionId, kind, author, createdAt))
}

export function $isSuggestionNode(node: LexicalNode | null | undefined): node is SuggestionNode {
  return node instanceof SuggestionNode
}
