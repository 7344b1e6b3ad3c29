import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createParagraphNode, $getSelection, $isRangeSelection, COMMAND_PRIORITY_EDITOR } from 'lexical'
import { $setBlocksType } from '@lexical/selection'
import { $createHeadingNode, $createQuoteNode, HeadingNode } from '@lexical/rich-text'
import { mergeRegister } from '@lexical/utils'
import { SET_BLOCK_TYPE_COMMAND } from '../../commands'

/**
 * Paragraph, h2–h4 and quote. An article's headline is its own field, so the
 * body has no h1: pasted h1 becomes h2 and h5/h6 become h4.
 */
export function BlockTypePlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          SET_BLOCK_TYPE_COMMAND,
          (type) => {
            const selection = $getSelection()
            if (!$isRangeSelection(selection)) return false
            $setBlocksType(selection, () => (type === 'paragraph' ? $createParagraphNode() : type === 'quote' ? $createQuoteNode() : $createHeadingNode(type)))
            return true
          },
          COMMAND_PRIORITY_EDITOR
        ),
        editor.registerNodeTransform(HeadingNode, (node) => {
          const tag = node.getTag()
          if (tag === 'h1') node.replace($createHeadingNode('h2'), true)
          else if (tag === 'h5' || tag === 'h6') node.replace($createHeadingNode('h4'), true)
        })
      ),
    [editor]
  )
  return null
}
