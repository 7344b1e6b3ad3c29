import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { isExternalWebUrl } from '@shared/domain/links'

/**
 * A link in the copy opens in the system browser on Ctrl/Cmd+click, through
 * the main process; a plain click only places the caret, as in any editor.
 */
export function ExternalLinkPlugin({ open }: { open: (url: string) => void }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as HTMLElement | null)?.closest('a')
      if (anchor === null || anchor === undefined) return
      event.preventDefault()
      if (!(event.ctrlKey || event.metaKey)) return
      const href = anchor.getAttribute('href') ?? ''
      if (isExternalWebUrl(href)) open(href)
    }
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick)
      root?.addEventListener('click', onClick)
    })
  }, [editor, open])
  return null
}
