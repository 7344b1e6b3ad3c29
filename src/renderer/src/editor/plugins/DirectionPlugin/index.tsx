import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { RootNode, $getSelection, $isElementNode, $isRangeSelection, COMMAND_PRIORITY_EDITOR, type ElementNode, type LexicalNode } from 'lexical'
import { $isListItemNode } from '@lexical/list'
import { mergeRegister } from '@lexical/utils'
import { TOGGLE_BLOCK_DIRECTION_COMMAND } from '../../commands'

/** The block a paragraph-level setting applies to: a list item, or a top-level block. */
export function $blockOf(node: LexicalNode): ElementNode | null {
  let current: LexicalNode | null = node
  while (current !== null) {
    if ($isListItemNode(current)) return current
    const parent: ElementNode | null = current.getParent()
    if (parent !== null && parent.getType() === 'root') return $isElementNode(current) ? current : null
    current = parent
  }
  return null
}

export function $selectedBlocks(): ElementNode[] {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return []
  const blocks = new Map<string, ElementNode>()
  for (const node of [selection.anchor.getNode(), ...selection.getNodes(), selection.focus.getNode()]) {
    const block = $blockOf(node)
    if (block !== null) blocks.set(block.getKey(), block)
  }
  return [...blocks.values()]
}

/**
 * The document is right-to-left: the root carries dir="rtl" and blocks inherit
 * it. A block switched to LTR carries its own direction; switching it back
 * clears that, so it follows the document again.
 */
export function DirectionPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          TOGGLE_BLOCK_DIRECTION_COMMAND,
          () => {
            const blocks = $selectedBlocks()
            if (blocks.length === 0) return false
            const makeLtr = blocks.some((b) => b.getDirection() !== 'ltr')
            for (const block of blocks) block.setDirection(makeLtr ? 'ltr' : null)
            return true
          },
          COMMAND_PRIORITY_EDITOR
        ),
        // Whatever was pasted or loaded, the document itself stays right-to-left.
        editor.registerNodeTransform(RootNode, (root) => {
          if (root.getDirection() !== 'rtl') root.setDirection('rtl')
        })
      ),
    [editor]
  )
  return null
}
