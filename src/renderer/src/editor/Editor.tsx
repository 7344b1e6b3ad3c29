import { ClassicPostPlugin } from './plugins/ClassicPostPlugin'
import { useCallback, useEffect, useRef, type ReactNode } from 'react'
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin'
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin'
import type { LexicalEditor } from 'lexical'
import { EDITOR_NODES } from './nodes'
import { editorTheme } from './theme'
import { isAllowedLinkUrl } from '@shared/domain/links'
import { ToolbarPlugin } from './plugins/ToolbarPlugin'
import { DirectionPlugin } from './plugins/DirectionPlugin'
import { BlockTypePlugin } from './plugins/BlockTypePlugin'
import { ImagePlugin } from './plugins/ImagePlugin'
import { LinkSafetyPlugin } from './plugins/LinkSafetyPlugin'
import { PastePlugin } from './plugins/PastePlugin'
import { ShortcutsPlugin } from './plugins/ShortcutsPlugin'
import { CappedHistoryPlugin } from './plugins/CappedHistoryPlugin'
import { ArabicFormatPlugin } from './plugins/ArabicFormatPlugin'
import { ExternalLinkPlugin } from './plugins/ExternalLinkPlugin'
import { SpellcheckPlugin, type SpellcheckApi } from './plugins/SpellcheckPlugin'
import type { ImagePayload } from './nodes/ImageNode'
import type { RowGroup } from '../ui/OverflowRow'

/** What the body editor asks of the app outside it. */
export interface EditorServices {
  pickImage: () => Promise<ImagePayload | null>
  /** Stores an image pasted or dropped in (cleaned of its metadata); null when it was refused (already said). */
  importImage?: (file: File) => Promise<ImagePayload | null>
  openExternal: (url: string) => void
  /** Offline spelling (main's spell worker); no underlines without it. */
  spell?: SpellcheckApi
}

export interface ArticleBodyEditorProps {
  /** Serialized Lexical state to start from. */
  initialState: string
  placeholder: string
  ariaLabel: string
  editorRef: (editor: LexicalEditor | null) => void
  services: EditorServices
  toolbarExtra?: RowGroup[]
  children?: ReactNode
}

/** The article body: Lexical with Qalam's nodes and plugins, right-to-left. */
export function ArticleBodyEditor(props: ArticleBodyEditorProps) {
  const { initialState, editorRef } = props
  // A body the editor cannot load is not shown as an empty page (typing would then autosave over it): the error
  // goes up to the article's boundary. Later errors are Lexical's to recover from without losing text.
  const loading = useRef(true)
  useEffect(() => {
    loading.current = false
  }, [])
  const initialConfig: InitialConfigType = {
    namespace: 'qalam-article',
    nodes: EDITOR_NODES,
    theme: editorTheme,
    editorState: initialState,
    onError: (error) => {
      if (loading.current) throw error
      console.error('[editor]', error)
    }
  }
  const setRef = useCallback((editor: LexicalEditor | null) => editorRef(editor), [editorRef])
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <ToolbarPlugin pickImage={props.services.pickImage} extra={props.toolbarExtra} />
      <ClassicPostPlugin />
      <div className="body-editor" dir="rtl">
        <RichTextPlugin
          contentEditable={<ContentEditable className="body-content" aria-label={props.ariaLabel} spellCheck={false} />}
          placeholder={<div className="body-placeholder">{props.placeholder}</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <CappedHistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={isAllowedLinkUrl} />
      <LinkSafetyPlugin />
      <HorizontalRulePlugin />
      <DirectionPlugin />
      <BlockTypePlugin />
      <ImagePlugin importImage={props.services.importImage} />
      <PastePlugin />
      <ShortcutsPlugin />
      <ArabicFormatPlugin />
      <ExternalLinkPlugin open={props.services.openExternal} />
      {props.services.spell !== undefined && <SpellcheckPlugin spell={props.services.spell} />}
      <EditorRefPlugin editorRef={setRef} />
      {props.children}
    </LexicalComposer>
  )
}
