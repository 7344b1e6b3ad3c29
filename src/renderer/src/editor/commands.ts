import { createCommand, type LexicalCommand } from 'lexical'
import type { ImagePayload } from './nodes/ImageNode'

/** Switches the selected paragraphs between the document's RTL and explicit LTR. */
export const TOGGLE_BLOCK_DIRECTION_COMMAND: LexicalCommand<void> = createCommand('TOGGLE_BLOCK_DIRECTION_COMMAND')
/** Sets the selected blocks to a paragraph or a heading level. */
export const SET_BLOCK_TYPE_COMMAND: LexicalCommand<'paragraph' | 'h2' | 'h3' | 'h4' | 'quote'> = createCommand('SET_BLOCK_TYPE_COMMAND')
/** Opens the link dialog for the selection. */
export const OPEN_LINK_DIALOG_COMMAND: LexicalCommand<void> = createCommand('OPEN_LINK_DIALOG_COMMAND')
/** Inserts an image already copied into the data folder. */
export const INSERT_IMAGE_COMMAND: LexicalCommand<ImagePayload> = createCommand('INSERT_IMAGE_COMMAND')
