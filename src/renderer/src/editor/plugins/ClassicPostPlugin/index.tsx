import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot, $getState, $setState, createState } from 'lexical'

/**
 * A classic post (written before the block editor) stays classic HTML on the site: the
 * main process keeps each piece's markup in the node's state with `classic: true`
 * (main/document/classic.ts). This says so above the text, and offers to convert the post
 * to blocks: the marks are taken off every block, so the next push writes blocks.
 */

const classicState = createState('classic', { parse: (v) => v === true })
const siteMarkupState = createState('siteMarkup', { parse: (v) => (typeof v === 'string' ? v : '') })

export function ClassicPostPlugin() {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation()
  const [classic, setClassic] = useState(false)

  useEffect(() => {
    const read = () =>
      editor.getEditorState().read(() =>
        $getRoot()
          .getChildren()
          .some((node) => $getState(node, classicState))
      )
    setClassic(read())
    // Only a change to the top-level blocks themselves (root marked dirty on purpose, not as the parent of an
    // edited paragraph) can change the answer: typing does not look again.
    return editor.registerUpdateListener(({ dirtyElements }) => {
      if (dirtyElements.get('root') === true) setClassic(read())
    })
  }, [editor])

  if (!classic) return null
  const convert = () =>
    editor.update(() => {
      for (const node of $getRoot().getChildren()) {
        if (!$getState(node, classicState)) continue
        $setState(node, classicState, false)
        $setState(node, siteMarkupState, '')
      }
      setClassic(false)
    })
  return (
    <div className="classic-note" role="note" data-testid="classic-note">
      <span>{t('editor.classic')}</span>
      <button type="button" className="linklike" onClick={convert} data-testid="convert-to-blocks">
        {t('editor.convertToBlocks')}
      </button>
    </div>
  )
}
