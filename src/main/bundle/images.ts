import { cleanImage, type CleanImage } from '../media/clean'
import { isMediaId } from '@shared/domain/media'
import { Refused } from './format'

/**
 * A bundle's images are cleaned as they come in, like any image (media/clean.ts): a file
 * from an older Qalam, or forged, may carry a location. An image whose cleaned copy has
 * another id is renamed in the article's and the versions' bodies and featured images.
 */
export function cleanBundleImages(files: Map<string, Uint8Array>, article: { body: string; meta: unknown }, revisions: { body: string; meta: unknown }[]): Map<string, CleanImage> {
  const images = new Map<string, CleanImage>()
  for (const [path, data] of files) {
    if (!path.startsWith('media/') || !isMediaId(path.slice(6))) continue
    try {
      images.set(path.slice(6), cleanImage(data, path))
    } catch (error) {
      throw new Refused('invalid-content', `${path} is not an image Qalam can take in (${(error as Error).message})`)
    }
  }
  const renamed = [...images].filter(([id, image]) => image.id !== id)
  if (renamed.length === 0) return images
  // Ids are 32 hex digits of a hash: a textual replace touches nothing else.
  const rename = (text: string) => renamed.reduce((t, [id, image]) => t.split(id).join(image.id), text)
  for (const v of [article, ...revisions]) {
    v.body = rename(v.body)
    v.meta = JSON.parse(rename(JSON.stringify(v.meta))) as unknown
  }
  return images
}
