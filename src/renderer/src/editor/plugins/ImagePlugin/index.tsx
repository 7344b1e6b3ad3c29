import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createParagraphNode, $getRoot, $getSelection, $insertNodes, $isRangeSelection, COMMAND_PRIORITY_EDITOR } from 'lexical'
import { INSERT_IMAGE_COMMAND } from '../../commands'
import { $createImageNode } from '../../nodes/ImageNode'

/** Inserts an image (already copied into the data folder) where the caret is. */
export function ImagePlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        INSERT_IMAGE_COMMAND,
        (payload) => {
          if (!$isRangeSelection($getSelection())) $getRoot().selectEnd()
          const image = $createImageNode(payload)
          $insertNodes([image])
          // A block image is followed by a paragraph so the reporter can keep typing.
          if (image.getNextSibling() === null) image.insertAfter($createParagraphNode())
          image.getNextSibling()?.selectStart()
          return true
        },
        COMMAND_PRIORITY_EDITOR
      ),
    [editor]
  )
  return null
}
