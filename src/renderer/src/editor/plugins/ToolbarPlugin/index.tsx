import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, $setSelection, CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_LOW, type BaseSelection } from 'lexical'
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link'
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text'
import { $isListNode } from '@lexical/list'
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode'
import { mergeRegister, $getNearestNodeOfType } from '@lexical/utils'
import { ListNode } from '@lexical/list'
import { shortcutLabel, type EditorAction } from '../../shortcuts'
import { OPEN_LINK_DIALOG_COMMAND, INSERT_IMAGE_COMMAND } from '../../commands'
import { runEditorAction } from '../ShortcutsPlugin'
import { $blockOf } from '../DirectionPlugin'
import { normalizeLinkInput } from '@shared/domain/links'
import type { ImagePayload } from '../../nodes/ImageNode'
import { BulletIcon, ImageIcon, LinkIcon, NumberIcon, QuoteIcon, RedoIcon, RuleIcon, UndoIcon } from '../../icons'
import type { Messages } from '../../../app/locales/ar'
import { OverflowRow, type RowGroup } from '../../../ui/OverflowRow'

type BlockType = 'paragraph' | 'h2' | 'h3' | 'h4' | 'quote' | 'bullet' | 'number'

interface ToolbarState {
  bold: boolean
  italic: boolean
  underline: boolean
  strikethrough: boolean
  link: string | null
  block: BlockType
  ltr: boolean
}

const INITIAL: ToolbarState = { bold: false, italic: false, underline: false, strikethrough: false, link: null, block: 'paragraph', ltr: false }

function $readToolbarState(): ToolbarState | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return null
  const anchor = selection.anchor.getNode()
  const parent = anchor.getParent()
  const link = $isLinkNode(parent) ? parent.getURL() : $isLinkNode(anchor) ? anchor.getURL() : null
  const block = $blockOf(anchor)
  let type: BlockType = 'paragraph'
  const list = $getNearestNodeOfType(anchor, ListNode)
  if ($isListNode(list)) type = list.getListType() === 'number' ? 'number' : 'bullet'
  else if ($isHeadingNode(block)) type = block.getTag() as BlockType
  else if ($isQuoteNode(block)) type = 'quote'
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    link,
    block: type,
    ltr: block?.getDirection() === 'ltr'
  }
}

function same(a: ToolbarState, b: ToolbarState): boolean {
  return (Object.keys(a) as (keyof ToolbarState)[]).every((k) => a[k] === b[k])
}

export interface ToolbarPluginProps {
  pickImage: () => Promise<ImagePayload | null>
  /** The article's own tools, after the formatting groups (they go into «المزيد» first). */
  extra?: RowGroup[]
}

/** The formatting toolbar: every button names its shortcut in its tooltip. */
export function ToolbarPlugin({ pickImage, extra }: ToolbarPluginProps) {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation()
  const [state, setState] = useState<ToolbarState>(INITIAL)
  const [canUndo, setCanUndo] = useState(false)
  const [canRedo, setCanRedo] = useState(false)
  const [linkDialog, setLinkDialog] = useState<{ url: string; error: boolean } | null>(null)
  const savedSelection = useRef<BaseSelection | null>(null)

  const refresh = useCallback(() => {
    const next = editor.getEditorState().read($readToolbarState)
    if (next !== null) setState((prev) => (same(prev, next) ? prev : next))
  }, [editor])

  useEffect(
    () =>
      mergeRegister(
        // Every commit, selection-only ones included, reaches the update listener.
        editor.registerUpdateListener(() => refresh()),
        editor.registerCommand(CAN_UNDO_COMMAND, (v) => (setCanUndo(v), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (v) => (setCanRedo(v), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(
          OPEN_LINK_DIALOG_COMMAND,
          () => {
            const selection = $getSelection()
            savedSelection.current = selection === null ? null : selection.clone()
            const current = $readToolbarState()
            setLinkDialog({ url: current?.link ?? '', error: false })
            return true
          },
          COMMAND_PRIORITY_LOW
        )
      ),
    [editor, refresh]
  )

  const applyLink = (raw: string | null) => {
    const url = raw === null || raw.trim() === '' ? null : normalizeLinkInput(raw)
    if (raw !== null && raw.trim() !== '' && url === null) {
      setLinkDialog({ url: raw, error: true })
      return
    }
    setLinkDialog(null)
    editor.update(() => {
      if (savedSelection.current !== null) $setSelection(savedSelection.current.clone())
    })
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, url)
    editor.focus()
  }

  const insertImage = async () => {
    const image = await pickImage()
    if (image !== null) editor.dispatchCommand(INSERT_IMAGE_COMMAND, image)
  }

  const button = (action: EditorAction & keyof Messages['toolbar'], label: ReactNode, active = false, disabled = false) => (
    <button
      type="button"
      className={active ? 'tb-btn is-active' : 'tb-btn'}
      title={`${t(`toolbar.${action}`)} (${shortcutLabel(action)})`}
      // A button that shows words (RTL/LTR) has them in its name too, as speech input and screen readers expect.
      aria-label={typeof label === 'string' ? `${t(`toolbar.${action}`)}: ${label}` : t(`toolbar.${action}`)}
      aria-pressed={active}
      disabled={disabled}
      data-action={action}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => runEditorAction(editor, action)}
    >
      {label}
    </button>
  )

  /** A button with no shortcut of its own. */
  const plain = (name: 'separator' | 'image', label: ReactNode, onClick: () => void) => (
    <button
      type="button"
      className="tb-btn"
      title={t(`toolbar.${name}`)}
      aria-label={t(`toolbar.${name}`)}
      data-action={name}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {label}
    </button>
  )

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <OverflowRow
        groups={[
          {
            key: 'history',
            node: (
              <div className="tb-group">
                {button('undo', <UndoIcon />, false, !canUndo)}
                {button('redo', <RedoIcon />, false, !canRedo)}
              </div>
            )
          },
          {
            key: 'block',
            node: (
              <div className="tb-group">
                <select
                  className="tb-select"
                  aria-label={t('toolbar.blockType')}
                  title={`${t('toolbar.blockType')} (${shortcutLabel('h2')} / ${shortcutLabel('paragraph')})`}
                  value={state.block === 'bullet' || state.block === 'number' ? 'paragraph' : state.block}
                  onChange={(e) => runEditorAction(editor, e.target.value as EditorAction)}
                >
                  <option value="paragraph">{t('toolbar.paragraph')}</option>
                  <option value="h2">{t('toolbar.h2')}</option>
                  <option value="h3">{t('toolbar.h3')}</option>
                  <option value="h4">{t('toolbar.h4')}</option>
                  <option value="quote">{t('toolbar.quote')}</option>
                </select>
              </div>
            )
          },
          {
            key: 'inline',
            node: (
              <div className="tb-group">
                {button('bold', <b>{t('toolbar.boldGlyph')}</b>, state.bold)}
                {button('italic', <i>{t('toolbar.italicGlyph')}</i>, state.italic)}
                {button('underline', <u>{t('toolbar.underlineGlyph')}</u>, state.underline)}
                {button('strikethrough', <s>{t('toolbar.strikethroughGlyph')}</s>, state.strikethrough)}
                {button('link', <LinkIcon />, state.link !== null)}
              </div>
            )
          },
          {
            key: 'insert',
            node: (
              <div className="tb-group">
                {button('bullet', <BulletIcon />, state.block === 'bullet')}
                {button('number', <NumberIcon />, state.block === 'number')}
                {button('quote', <QuoteIcon />, state.block === 'quote')}
                {plain('separator', <RuleIcon />, () => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined))}
                {plain('image', <ImageIcon />, () => void insertImage())}
              </div>
            )
          },
          { key: 'direction', node: <div className="tb-group">{button('direction', state.ltr ? 'LTR' : 'RTL', state.ltr)}</div> },
          ...(extra ?? [])
        ]}
      />
      {linkDialog !== null && (
        <form
          className="link-dialog"
          role="dialog"
          aria-label={t('link.title')}
          onSubmit={(e) => {
            e.preventDefault()
            applyLink(linkDialog.url)
          }}
        >
          <label>
            {t('link.url')}
            <input
              autoFocus
              dir="ltr"
              name="url"
              value={linkDialog.url}
              onChange={(e) => setLinkDialog({ url: e.target.value, error: false })}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  // This Escape closes the link field only, not a side panel.
                  e.preventDefault()
                  setLinkDialog(null)
                  editor.focus()
                }
              }}
              aria-invalid={linkDialog.error}
            />
          </label>
          {linkDialog.error && (
            <p className="form-error" role="alert">
              {t('link.invalid')}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="btn-primary">
              {t('link.apply')}
            </button>
            {state.link !== null && (
              <button type="button" onClick={() => applyLink(null)}>
                {t('link.remove')}
              </button>
            )}
            <button type="button" onClick={() => (setLinkDialog(null), editor.focus())}>
              {t('link.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}
