import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_EDITOR,
  DROP_COMMAND,
  PASTE_COMMAND
} from 'lexical'
import { INSERT_IMAGE_COMMAND } from '../../commands'
import { $createImageNode, type ImagePayload } from '../../nodes/ImageNode'

/** Image files in a clipboard or a drop, at most this many at once. */
const MAX_FILES = 20

/**
 * Image files a paste or a drop carries, when they are what the person meant: a drop of
 * files, or a paste with no text beside the picture (Word and browsers put a picture of
 * copied text on the clipboard too; that paste is the text's).
 */
export function imageFilesOf(data: DataTransfer | null, kind: 'paste' | 'drop'): File[] {
  if (data === null) return []
  // An iPhone's HEIC may come with no type at all where the system does not know it: its name says it.
  const files = Array.from(data.files).filter((f) => f.type.startsWith('image/') || /\.hei[cf]$/i.test(f.name))
  if (files.length === 0) return []
  if (
    kind === 'paste' &&
    (data.getData('text/plain').trim() !== '' ||
      data
        .getData('text/html')
        .replace(/<img[^>]*>/gi, '')
        .replace(/<[^>]*>/g, '')
        .trim() !== '')
  )
    return []
  return files.slice(0, MAX_FILES)
}

/**
 * Inserts an image (already copied into the data folder) where the caret is; takes
 * images pasted or dropped in through `importImage`, which stores them cleaned of their
 * metadata like a picked one.
 */
export function ImagePlugin({ importImage }: { importImage?: (file: File) => Promise<ImagePayload | null> }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const take = (files: File[], event: Event) => {
      if (files.length === 0 || importImage === undefined) return false
      event.preventDefault()
      void (async () => {
        for (const file of files) {
          const image = await importImage(file)
          if (image !== null) editor.dispatchCommand(INSERT_IMAGE_COMMAND, image)
        }
      })()
      return true
    }
    return mergeRegister(
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
      editor.registerCommand(PASTE_COMMAND, (event) => take(imageFilesOf('clipboardData' in event ? event.clipboardData : null, 'paste'), event), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(DROP_COMMAND, (event) => take(imageFilesOf(event.dataTransfer, 'drop'), event), COMMAND_PRIORITY_CRITICAL)
    )
  }, [editor, importImage])
  return null
}
