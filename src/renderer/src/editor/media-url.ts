/** Where media files are served from; set once from `app:info`. Documents store ids only. */
let mediaBaseUrl = ''

export function setMediaBaseUrl(url: string): void {
  mediaBaseUrl = url
}

export const MEDIA_ID_PATTERN = /^[0-9a-f]{32}\.(png|jpg|gif|webp|avif)$/

/** The URL of a media id, or null for anything that is not one. */
export function mediaUrl(mediaId: string): string | null {
  return MEDIA_ID_PATTERN.test(mediaId) ? `${mediaBaseUrl}${mediaId}` : null
}
