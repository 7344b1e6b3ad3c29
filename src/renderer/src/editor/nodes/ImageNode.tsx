import { useEffect, useState, type JSX } from 'react'
import {
  $applyNodeReplacement,
  $getNodeByKey,
  DecoratorNode,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread
} from 'lexical'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useTranslation } from 'react-i18next'
import { mediaUrl } from '../media-url'
import { api, call } from '../../api'
import { isMediaId } from '@shared/domain/media'

export type SerializedImageNode = Spread<{ mediaId: string; alt: string; caption: string }, SerializedLexicalNode>

export interface ImagePayload {
  mediaId: string
  alt?: string
  caption?: string
}

/**
 * An image kept in the data folder: the document holds its media id, never the
 * bytes (no base64), with alt text and a caption edited in place.
 */
export class ImageNode extends DecoratorNode<JSX.Element> {
  __mediaId: string
  __alt: string
  __caption: string

  static override getType(): string {
    return 'qalam-image'
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__mediaId, node.__alt, node.__caption, node.__key)
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    // updateFromJSON keeps the node's state (the site's markup of the block it came from: main/document/shapes.ts).
    return $createImageNode({ mediaId: json.mediaId, alt: json.alt, caption: json.caption }).updateFromJSON(json)
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      img: (dom: HTMLElement) => (dom.hasAttribute('data-qalam-media') ? { conversion: convertImageElement, priority: 1 } : null)
    }
  }

  constructor(mediaId: string, alt = '', caption = '', key?: NodeKey) {
    super(key)
    this.__mediaId = isMediaId(mediaId) ? mediaId : ''
    this.__alt = alt
    this.__caption = caption
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), type: 'qalam-image', version: 1, mediaId: this.__mediaId, alt: this.__alt, caption: this.__caption }
  }

  override exportDOM(): DOMExportOutput {
    const figure = document.createElement('figure')
    const img = document.createElement('img')
    img.setAttribute('data-qalam-media', this.__mediaId)
    img.setAttribute('src', mediaUrl(this.__mediaId) ?? '')
    img.setAttribute('alt', this.__alt)
    figure.append(img)
    if (this.__caption !== '') {
      const caption = document.createElement('figcaption')
      caption.textContent = this.__caption
      figure.append(caption)
    }
    return { element: figure }
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = document.createElement('div')
    const className = config.theme.image
    if (typeof className === 'string') div.className = className
    return div
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): false {
    return false
  }

  override getTextContent(): string {
    // The caption is part of the copy a reader sees; counted and searched with it.
    return this.__caption === '' ? '' : `${this.__caption}\n\n`
  }

  getMediaId(): string {
    return this.getLatest().__mediaId
  }

  getAlt(): string {
    return this.getLatest().__alt
  }

  getCaption(): string {
    return this.getLatest().__caption
  }

  setAlt(alt: string): this {
    const self = this.getWritable()
    self.__alt = alt
    return self
  }

  setCaption(caption: string): this {
    const self = this.getWritable()
    self.__caption = caption
    return self
  }

  override decorate(): JSX.Element {
    return <ImageFigure nodeKey={this.getKey()} mediaId={this.__mediaId} alt={this.__alt} caption={this.__caption} />
  }
}

function convertImageElement(dom: HTMLElement): DOMConversionOutput {
  const mediaId = dom.getAttribute('data-qalam-media') ?? ''
  if (!isMediaId(mediaId)) return { node: null }
  const figcaption = dom.closest('figure')?.querySelector('figcaption')?.textContent ?? ''
  return { node: $createImageNode({ mediaId, alt: dom.getAttribute('alt') ?? '', caption: figcaption }) }
}

export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(payload.mediaId, payload.alt ?? '', payload.caption ?? ''))
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode
}

function ImageFigure({ nodeKey, mediaId, alt, caption }: { nodeKey: NodeKey; mediaId: string; alt: string; caption: string }) {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation()
  const src = mediaUrl(mediaId)
  const edit = (change: (node: ImageNode) => void) =>
    editor.update(() => {
      const node = $getNodeByKey(nodeKey)
      if ($isImageNode(node)) change(node)
    })
  return (
    <figure className="qalam-figure" contentEditable={false}>
      {src === null ? <div className="qalam-figure-missing">{t('image.missing')}</div> : <img src={src} alt={alt} draggable={false} />}
      <input
        className="qalam-figure-caption"
        dir="auto"
        value={caption}
        placeholder={t('image.caption')}
        aria-label={t('image.caption')}
        onChange={(e) => edit((node) => node.setCaption(e.target.value))}
      />
      <input
        className="qalam-figure-alt"
        dir="auto"
        value={alt}
        placeholder={t('image.alt')}
        aria-label={t('image.alt')}
        onChange={(e) => edit((node) => node.setAlt(e.target.value))}
      />
      <FullSizeToggle mediaId={mediaId} />
    </figure>
  )
}

/**
 * «أرسلها بحجمها الكامل»: this picture goes to the site as taken, not sized for the web (the desk
 * needs it whole). It belongs to the image, on this desk; a picture already on the site stays as sent.
 */
function FullSizeToggle({ mediaId }: { mediaId: string }) {
  const { t } = useTranslation()
  const [on, setOn] = useState<boolean | null>(null)
  useEffect(() => {
    let live = true
    // Where there is no main process to ask (a preview), the toggle does not show.
    if (typeof window.api?.media?.fullSize !== 'function') return
    void call(api().media.fullSize({ id: mediaId })).then(
      (value) => live && setOn(value),
      () => undefined
    )
    return () => {
      live = false
    }
  }, [mediaId])
  if (on === null) return null
  return (
    <label className="qalam-figure-full-size">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          const next = e.target.checked
          setOn(next)
          void call(api().media.fullSize({ id: mediaId, fullSize: next })).then(setOn, () => setOn(!next))
        }}
        data-testid="image-full-size"
      />
      <span>{t('image.fullSize')}</span>
    </label>
  )
}
