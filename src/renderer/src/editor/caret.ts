import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, type LexicalNode } from 'lexical'
import type { CaretPosition } from '@shared/domain/article'

/** Where the caret is, as child indexes from the root: stable across reloads, unlike node keys. */
export function $getCaretPosition(): CaretPosition | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return null
  const focus = selection.focus
  let node: LexicalNode | null = focus.getNode()
  const path: number[] = []
  while (node !== null && node.getParent() !== null) {
    path.unshift(node.getIndexWithinParent())
    node = node.getParent()
  }
  return { path, offset: focus.offset }
}

/** Puts the caret back where $getCaretPosition found it, or at the end if the document changed. */
export function $restoreCaret(caret: CaretPosition | null): void {
  const root = $getRoot()
  if (caret === null) {
    root.selectEnd()
    return
  }
  let node: LexicalNode = root
  for (const index of caret.path) {
    const child: LexicalNode | null | undefined = $isElementNode(node) ? node.getChildAtIndex(index) : undefined
    if (child === null || child === undefined) {
      root.selectEnd()
      return
    }
    node = child
  }
  if ($isTextNode(node)) {
    const offset = Math.min(caret.offset, node.getTextContentSize())
    node.select(offset, offset)
  } else if ($isElementNode(node)) {
    const offset = Math.min(caret.offset, node.getChildrenSize())
    node.select(offset, offset)
  } else {
    node.selectNext()
  }
}
