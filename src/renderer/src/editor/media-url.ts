import { isMediaId } from '@shared/domain/media'

/** Where media files are served from; set once from `app:info`. Documents store ids only. */
let mediaBaseUrl = ''

export function setMediaBaseUrl(url: string): void {
  mediaBaseUrl = url
}

/** The URL of a media id, or null for anything that is not one. */
export function mediaUrl(mediaId: string): string | null {
  return isMediaId(mediaId) ? `${mediaBaseUrl}${mediaId}` : null
}
