import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { LinkNode } from '@lexical/link'
import { isAllowedLinkUrl } from '@shared/domain/links'

/**
 * Whatever path a link took into the document (typed, pasted as HTML, pasted
 * as Lexical JSON from another page), one that is not http, https or mailto
 * is unwrapped: its text stays, the link goes.
 */
export function LinkSafetyPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerNodeTransform(LinkNode, (link) => {
        if (!isAllowedLinkUrl(link.getURL())) {
          for (const child of link.getChildren()) link.insertBefore(child)
          link.remove()
          return
        }
        if (link.getTarget() !== null) link.setTarget(null)
        if (link.getRel() !== 'noopener noreferrer') link.setRel('noopener noreferrer')
      }),
    [editor]
  )
  return null
}
