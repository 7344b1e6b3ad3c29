import {
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  type EditorState,
  type LexicalNode,
  type RangeSelection,
  type TextNode
} from 'lexical'
import { $createSuggestionNode, $isSuggestionNode, type SuggestionKind, type SuggestionNode } from '../../nodes/SuggestionNode'

/**
 * Track changes on the Lexical document: the edits suggestion mode makes instead of
 * changing the text, and accepting or rejecting them. All `$` functions run inside
 * editor.update.
 */

export interface SuggestionInfo {
  id: string
  kind: SuggestionKind
  author: string
  createdAt: number
  text: string
}

const newId = () => crypto.randomUUID()

/** The suggestion a node is inside, if any. */
export function $suggestionOf(node: LexicalNode | null): SuggestionNode | null {
  for (let n: LexicalNode | null = node; n !== null; n = n.getParent()) if ($isSuggestionNode(n)) return n
  return null
}

function $mergeWithNeighbours(node: SuggestionNode): SuggestionNode {
  let current = node
  const prev = current.getPreviousSibling()
  if ($isSuggestionNode(prev) && prev.getKind() === current.getKind() && prev.getAuthor() === current.getAuthor()) {
    for (const child of current.getChildren()) prev.append(child)
    current.remove()
    current = prev
  }
  const next = current.getNextSibling()
  if ($isSuggestionNode(next) && next.getKind() === current.getKind() && next.getAuthor() === current.getAuthor()) {
    for (const child of next.getChildren()) current.append(child)
    next.remove()
  }
  return current
}

/** Typed text as a suggested insertion by `author` at the caret (after marking a selection, if any, as deleted). */
export function $suggestInsert(text: string, author: string): boolean {
  let selection = $getSelection()
  if (!$isRangeSelection(selection) || text === '') return false
  if (!selection.isCollapsed()) {
    $suggestDeleteSelection(selection, author, false)
    selection = $getSelection()
    if (!$isRangeSelection(selection)) return true
  }
  const anchor = selection.anchor
  const node = anchor.getNode()
  // Inside (or right at the end of) one's own insertion: the text simply grows.
  if ($isTextNode(node)) {
    const own = $suggestionOf(node)
    if (own !== null && own.getKind() === 'insert' && own.getAuthor() === author) {
      node.spliceText(anchor.offset, 0, text, true)
      return true
    }
    const prev = anchor.offset === 0 ? node.getPreviousSibling() : null
    if ($isSuggestionNode(prev) && prev.getKind() === 'insert' && prev.getAuthor() === author) {
      const last = prev.getLastDescendant()
      if ($isTextNode(last)) {
        last.spliceText(last.getTextContentSize(), 0, text, true)
        return true
      }
    }
    // Inside a deletion the caret moves past it: new text goes after what is struck out.
    const del = $suggestionOf(node)
    if (del !== null && del.getKind() === 'delete') {
      const after = $createTextNode('')
      del.insertAfter(after)
      after.select(0, 0)
      return $suggestInsert(text, author)
    }
  }
  const current = $getSelection()
  if (!$isRangeSelection(current)) return false
  const textNode = $createTextNode(text)
  textNode.setFormat(current.format)
  textNode.setStyle(current.style)
  const suggestion = $createSuggestionNode(newId(), 'insert', author, Date.now())
  suggestion.append(textNode)
  current.insertNodes([suggestion])
  textNode.select(text.length, text.length)
  return true
}

/**
 * Marks the selected text as a suggested deletion by `author`. One's own suggested
 * insertions are simply taken out again; text already marked stays as it is. Only
 * text is marked: paragraph breaks and images are left alone.
 */
export function $suggestDeleteSelection(selection: RangeSelection, author: string, isBackward: boolean): void {
  if (selection.isCollapsed()) return
  const nodes = selection.extract()
  const wrapped: SuggestionNode[] = []
  for (const node of nodes) {
    if (!$isTextNode(node) || node.getTextContentSize() === 0) continue
    const inside = $suggestionOf(node)
    if (inside !== null && inside.getKind() === 'delete') {
      wrapped.push(inside)
      continue
    }
    if (inside !== null && inside.getKind() === 'insert') {
      // Suggested text that was never in the article: removing it changes nothing there.
      const parent = inside
      node.remove()
      if (parent.getChildrenSize() === 0) parent.remove()
      continue
    }
    wrapped.push($wrap(node, author))
  }
  const merged = wrapped.filter((w) => w.isAttached()).map((w) => (w.isAttached() ? $mergeWithNeighbours(w) : w))
  const live = merged.filter((w) => w.isAttached())
  if (live.length === 0) return
  // The caret goes to the edge the deletion moved towards, outside the struck-out text.
  const edge = isBackward ? live[0]! : live[live.length - 1]!
  if (isBackward) edge.selectPrevious()
  else edge.selectNext(0, 0)
}

function $wrap(node: TextNode, author: string): SuggestionNode {
  const suggestion = $createSuggestionNode(newId(), 'delete', author, Date.now())
  node.insertBefore(suggestion)
  suggestion.append(node)
  return suggestion
}

/** A collapsed caret's delete key in suggestion mode: the character, word or line before (or after) it is marked, not removed. */
export function $suggestDelete(author: string, isBackward: boolean, granularity: 'character' | 'word' | 'lineboundary'): boolean {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return false
  if (selection.isCollapsed()) {
    const block = selection.anchor.getNode().getTopLevelElement()
    selection.modify('extend', isBackward, granularity)
    // Joining two paragraphs is not a suggestion Qalam records: the caret just moves.
    const after = $getSelection()
    if (!$isRangeSelection(after) || after.isCollapsed()) return true
    if (after.focus.getNode().getTopLevelElement() !== block) {
      after.modify('move', isBackward, granularity)
      return true
    }
    $suggestDeleteSelection(after, author, isBackward)
    return true
  }
  $suggestDeleteSelection(selection, author, isBackward)
  return true
}

function $suggestionNodes(id?: string): SuggestionNode[] {
  const out: SuggestionNode[] = []
  const walk = (node: LexicalNode) => {
    if ($isSuggestionNode(node) && (id === undefined || node.getSuggestionId() === id)) out.push(node)
    if ($isElementNode(node)) for (const child of node.getChildren()) walk(child)
  }
  walk($getRoot())
  return out
}

function $unwrap(node: SuggestionNode): void {
  for (const child of node.getChildren()) node.insertBefore(child)
  node.remove()
}

/** Accepts a suggestion: an insertion becomes text, a deletion goes. */
export function $acceptSuggestion(id?: string): number {
  const nodes = $suggestionNodes(id)
  for (const n of nodes) {
    if (n.getKind() === 'insert') $unwrap(n)
    else n.remove()
  }
  return nodes.length
}

/** Rejects a suggestion: an insertion goes, a deletion's text stays. */
export function $rejectSuggestion(id?: string): number {
  const nodes = $suggestionNodes(id)
  for (const n of nodes) {
    if (n.getKind() === 'insert') n.remove()
    else $unwrap(n)
  }
  return nodes.length
}

/** The document's open suggestions in reading order, one entry per suggestion id. */
export function listSuggestions(state: EditorState): SuggestionInfo[] {
  return state.read(() => {
    const byId = new Map<string, SuggestionInfo>()
    for (const n of $suggestionNodes()) {
      const seen = byId.get(n.getSuggestionId())
      if (seen !== undefined) seen.text += n.getTextContent()
      else byId.set(n.getSuggestionId(), { id: n.getSuggestionId(), kind: n.getKind(), author: n.getAuthor(), createdAt: n.getCreatedAt(), text: n.getTextContent() })
    }
    return [...byId.values()]
  })
}
