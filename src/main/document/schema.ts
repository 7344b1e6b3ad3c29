import { NODE_TYPES } from '@shared/domain/document'
import { isMediaId } from '@shared/domain/media'
import { isAllowedLinkUrl } from '@shared/domain/links'
import type { LexDocument } from './lexical'

/**
 * The editor's schema, checked in the main process on every body that comes from
 * outside (a bundle, a restored version): only the node types the editor registers
 * (src/renderer/src/editor/nodes), each where it may appear, with its fields of the
 * right types, within bounds. A body that does not pass is refused whole; extra
 * fields a newer Lexical may write are left alone.
 */

export class InvalidDocument extends Error {
  constructor(
    readonly path: string,
    problem: string
  ) {
    super(`${path}: ${problem}`)
    this.name = 'InvalidDocument'
  }
}

const MAX_DEPTH = 32
const MAX_NODES = 1_000_000
const MAX_TEXT = 1_000_000
const MAX_FIELD = 10_000

type Place = 'block' | 'inline' | 'listitem' | 'list'

const INLINE = new Set(['text', 'tab', 'linebreak', 'link', 'mark', NODE_TYPES.suggestion])
const BLOCK = new Set(['paragraph', 'heading', 'quote', 'list', 'horizontalrule', NODE_TYPES.image, NODE_TYPES.rawBlock])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const DIRECTIONS = new Set(['ltr', 'rtl', null])

type Json = Record<string, unknown>

/** Checks a parsed body; throws InvalidDocument naming the first fault. */
export function checkDocument(doc: unknown): asserts doc is LexDocument {
  let nodes = 0
  const fail = (path: string, problem: string): never => {
    throw new InvalidDocument(path, problem)
  }
  const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
  const string = (n: Json, key: string, path: string, max = MAX_FIELD) => {
    const v = n[key]
    if (typeof v !== 'string') fail(path, `${key} is not text`)
    if ((v as string).length > max) fail(path, `${key} is too long`)
  }
  const optionalString = (n: Json, key: string, path: string) => {
    if (n[key] !== undefined && n[key] !== null) string(n, key, path)
  }
  const integer = (n: Json, key: string, path: string) => {
    if (!Number.isSafeInteger(n[key])) fail(path, `${key} is not a whole number`)
  }
  const element = (n: Json, path: string) => {
    if (n.direction !== undefined && !DIRECTIONS.has(n.direction as string | null)) fail(path, 'direction is not ltr, rtl or null')
    if (n.indent !== undefined && !(Number.isSafeInteger(n.indent) && (n.indent as number) >= 0 && (n.indent as number) <= 20)) fail(path, 'indent is out of range')
    if (n.format !== undefined && typeof n.format !== 'string' && typeof n.format !== 'number') fail(path, 'format is not a format')
  }
  const children = (n: Json, path: string, place: Place, depth: number) => {
    if (!Array.isArray(n.children)) fail(path, 'children is not a list')
    ;(n.children as unknown[]).forEach((c, i) => visit(c, `${path}.${i}`, place, depth + 1))
  }

  function visit(node: unknown, path: string, place: Place, depth: number): void {
    if (++nodes > MAX_NODES) fail(path, 'too many nodes')
    if (depth > MAX_DEPTH) fail(path, 'nested too deep')
    if (!isObject(node)) fail(path, 'not a node')
    const n = node as Json
    // Lexical's node state: the site's markup a block keeps (document/shapes.ts) is text, bounded.
    if (n.$ !== undefined) {
      if (!isObject(n.$)) fail(path, '$ is not node state')
      if ((n.$ as Json).siteMarkup !== undefined) string(n.$ as Json, 'siteMarkup', `${path}.$`, MAX_TEXT)
      // A classic post's whitespace between pieces (classic.ts): whitespace only, short.
      for (const key of ['classicGap', 'classicTail']) {
        const gap = (n.$ as Json)[key]
        if (gap !== undefined && (typeof gap !== 'string' || gap.length > 200 || gap.trim() !== '')) fail(`${path}.$`, `${key} is not whitespace`)
      }
      // The site's note on this block (WordPress's Notes), set by the sync: a note's id.
      const noteId = (n.$ as Json).noteId
      if (noteId !== undefined && !(Number.isSafeInteger(noteId) && (noteId as number) > 0)) fail(`${path}.$`, 'noteId is not a note')
    }
    const type = n.type
    if (typeof type !== 'string') fail(path, 'a node without a type')
    const t = type as string
    const allowed = place === 'inline' ? INLINE.has(t) : place === 'block' ? BLOCK.has(t) : place === 'list' ? t === 'listitem' : INLINE.has(t) || t === 'list' // listitem children
    if (!allowed) fail(path, BLOCK.has(t) || INLINE.has(t) || t === 'listitem' ? `${t} cannot stand here` : `unknown node type ${JSON.stringify(t.slice(0, 40))}`)
    switch (t) {
      case 'text':
      case 'tab':
        string(n, 'text', path, MAX_TEXT)
        integer(n, 'format', path)
        if (n.style !== undefined) string(n, 'style', path)
        if (n.detail !== undefined) integer(n, 'detail', path)
        return
      case 'linebreak':
      case 'horizontalrule':
        return
      case 'link': {
        string(n, 'url', path)
        // The rule the editor keeps its links to (LinkPlugin, LinkSafetyPlugin) and the codec reads them by.
        if (!isAllowedLinkUrl(n.url as string)) fail(path, 'a link that is not http, https or mailto')
        for (const key of ['rel', 'target', 'title']) optionalString(n, key, path)
        element(n, path)
        return children(n, path, 'inline', depth)
      }
      case 'mark':
        if (!Array.isArray(n.ids) || (n.ids as unknown[]).some((id) => typeof id !== 'string' || id.length > 64)) fail(path, 'ids is not a list of comment ids')
        element(n, path)
        return children(n, path, 'inline', depth)
      case NODE_TYPES.suggestion:
        string(n, 'suggestionId', path, 64)
        if (n.kind !== 'insert' && n.kind !== 'delete') fail(path, 'kind is not insert or delete')
        string(n, 'author', path, 200)
        integer(n, 'createdAt', path)
        element(n, path)
        return children(n, path, 'inline', depth)
      case 'paragraph':
      case 'quote':
        element(n, path)
        return children(n, path, 'inline', depth)
      case 'heading':
        if (!HEADINGS.has(n.tag as string)) fail(path, 'tag is not h1–h6')
        element(n, path)
        return children(n, path, 'inline', depth)
      case 'list':
        if (n.listType !== 'bullet' && n.listType !== 'number' && n.listType !== 'check') fail(path, 'listType is not a list type')
        if (n.start !== undefined) integer(n, 'start', path)
        element(n, path)
        return children(n, path, 'list', depth)
      case 'listitem':
        if (n.value !== undefined) integer(n, 'value', path)
        if (n.checked !== undefined && typeof n.checked !== 'boolean') fail(path, 'checked is not true or false')
        element(n, path)
        return children(n, path, 'listitem', depth)
      case NODE_TYPES.image:
        string(n, 'mediaId', path, 200)
        if (!isMediaId(n.mediaId as string)) fail(path, 'mediaId is not an image of the data folder')
        string(n, 'alt', path)
        string(n, 'caption', path)
        return
      case NODE_TYPES.rawBlock:
        string(n, 'markup', path, MAX_TEXT)
        string(n, 'name', path, 200)
        string(n, 'preview', path, MAX_TEXT)
        return
    }
  }

  if (!isObject(doc) || !isObject(doc.root) || doc.root.type !== 'root') fail('root', 'not a document')
  const root = (doc as { root: Json }).root
  element(root, 'root')
  children(root, 'root', 'block', 0)
}

/** Parses and checks a serialized body from outside. */
export function parseCheckedDocument(json: string): LexDocument {
  let doc: unknown
  try {
    doc = JSON.parse(json)
  } catch {
    throw new InvalidDocument('root', 'not JSON')
  }
  checkDocument(doc)
  return doc
}
