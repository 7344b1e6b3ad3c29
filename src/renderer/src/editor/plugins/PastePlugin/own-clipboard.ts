import { NODE_TYPES, plainParagraphNode, plainTextNode } from '@shared/domain/document'

/**
 * Lexical's own clipboard format (`application/x-lexical-editor`) carries nodes as they
 * are: suggestions with their author, comment anchors, raw site markup. Qalam trusts it
 * only from a copy in this window in this run (stamped with a nonce nobody else knows),
 * and even then a paste brings text and formatting, never review markup or site blocks:
 * a paste cannot create a suggestion or a comment anchor in someone's name, or markup
 * the site never had. Anything else in that format is ignored (the HTML path takes over).
 */

export const LEXICAL_MIME = 'application/x-lexical-editor'

/** A new value every run: a clipboard written by anything but this window cannot carry it. */
const NONCE = crypto.randomUUID()

type SerializedNode = { type?: unknown; children?: unknown; text?: unknown; preview?: unknown; [key: string]: unknown }

/** Lexical's clipboard JSON with this run's stamp. */
export function stampClipboardJson(json: string): string | null {
  try {
    const payload = JSON.parse(json) as Record<string, unknown>
    return JSON.stringify({ ...payload, qalamNonce: NONCE })
  } catch {
    return null
  }
}

/** The nodes of a clipboard JSON stamped by this run, review markup and site blocks taken out; null for anything else. */
export function ownClipboardNodes(json: string): SerializedNode[] | null {
  let payload: { qalamNonce?: unknown; nodes?: unknown }
  try {
    payload = JSON.parse(json) as typeof payload
  } catch {
    return null
  }
  if (payload.qalamNonce !== NONCE || !Array.isArray(payload.nodes)) return null
  return plain(payload.nodes as SerializedNode[], true)
}

function plain(nodes: SerializedNode[], topLevel: boolean): SerializedNode[] {
  return nodes.flatMap((node): SerializedNode[] => {
    if (typeof node !== 'object' || node === null) return []
    const children = Array.isArray(node.children) ? plain(node.children as SerializedNode[], false) : undefined
    // A suggestion or a comment anchor leaves its text; a site block leaves its plain text, as paragraphs.
    if (node.type === NODE_TYPES.suggestion || node.type === 'mark') return children ?? []
    if (node.type === NODE_TYPES.rawBlock) {
      const lines = String(node.preview ?? '')
        .split('\n')
        .filter((l) => l.trim() !== '')
      return topLevel ? lines.map(plainParagraphNode) : lines.map(plainTextNode)
    }
    // A pasted block is new here: it does not carry the site's markup of the block it was copied from (main/document/shapes.ts).
    const { $: state, ...rest } = node as SerializedNode & { $?: Record<string, unknown> }
    const kept = state === undefined ? undefined : Object.fromEntries(Object.entries(state).filter(([key]) => key !== 'siteMarkup'))
    const copy = kept === undefined || Object.keys(kept).length === 0 ? rest : { ...rest, $: kept }
    return [children === undefined ? copy : { ...copy, children }]
  })
}
