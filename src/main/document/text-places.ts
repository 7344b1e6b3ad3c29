import { inlineToHtml } from './inline'
import type { LexBlock, LexList } from './lexical'
import { splice, type ListItemShape, type Range, type TextSlot } from './shapes'

/**
 * Writing text back into its places (see shapes.ts): a block, or a classic post's piece,
 * opened from the site goes back as the same bytes when its text is unchanged, and with
 * only the text of each place replaced when it was edited.
 */

/** Inline nodes as HTML (block markup writes line breaks as <br>, classic HTML as newlines). */
export type InlineWriter = (children: readonly { type: string }[], plain: boolean) => string

/** The places of text a paragraph, heading, quote or list has, in block markup or in a classic post alike. */
export type TextShape =
  | { kind: 'paragraph' | 'quote'; slot: TextSlot }
  | { kind: 'heading'; level: number; slot: TextSlot }
  | { kind: 'list'; ordered: boolean; items: ListItemShape[]; inner: Range; separator: string }

/**
 * A text slot's new contents, or null where the text is as the site had it (its bytes
 * stay). With `plain`, review markup the site's text carried is taken out.
 */
function slotText(slot: TextSlot, children: readonly { type: string }[], plain: boolean, write: InlineWriter): string | null {
  const now = inlineToHtml(children, false)
  const was = inlineToHtml(slot.inline, false)
  if (now !== was) return write(children, plain)
  return plain && inlineToHtml(slot.inline, true) !== was ? write(children, true) : null
}

function edited(markup: string, slot: Range, text: string | null): string {
  return text === null ? markup : splice(markup, [{ range: slot, text }])
}

function listWithText(
  list: LexList,
  markup: string,
  shape: Extract<TextShape, { kind: 'list' }>,
  plain: boolean,
  write: InlineWriter,
  freshItem: (html: string) => string
): string | null {
  if ((list.listType === 'number') !== shape.ordered) return null
  if (list.children.some((item) => item.children.some((c) => c.type === 'list'))) return null
  const texts = list.children.map((item, i) => {
    const was = shape.items[i]
    return was === undefined ? { fresh: write(item.children, plain) } : { was, text: slotText(was.slot, item.children, plain, write) }
  })
  if (texts.length === shape.items.length && texts.every((t) => 'was' in t && t.text === null)) return markup
  const items = texts.map((t) => {
    if (!('was' in t)) return freshItem(t.fresh)
    const { range, slot } = t.was!
    return edited(markup.slice(range.start, range.end), { start: slot.start - range.start, end: slot.end - range.start }, t.text!)
  })
  const first = shape.items[0]
  const region = first === undefined ? shape.inner : { start: first.range.start, end: shape.items[shape.items.length - 1]!.range.end }
  return splice(markup, [{ range: region, text: items.join(shape.separator) }])
}

/**
 * A paragraph, heading, quote or list written back into the markup it came from: the same
 * bytes when its text is unchanged, the new text in the same places otherwise. Null when
 * the node is no longer that kind of block (a paragraph made a heading, a level changed),
 * undefined when the node is not one of these kinds.
 */
export function withText(node: LexBlock, markup: string, shape: TextShape, plain: boolean, write: InlineWriter, freshItem: (html: string) => string): string | null | undefined {
  switch (node.type) {
    case 'paragraph':
    case 'quote':
      return shape.kind === node.type ? edited(markup, shape.slot, slotText(shape.slot, node.children, plain, write)) : null
    case 'heading':
      return shape.kind === 'heading' && `h${shape.level}` === node.tag ? edited(markup, shape.slot, slotText(shape.slot, node.children, plain, write)) : null
    case 'list':
      return shape.kind === 'list' ? listWithText(node, markup, shape, plain, write, freshItem) : null
    default:
      return undefined
  }
}
