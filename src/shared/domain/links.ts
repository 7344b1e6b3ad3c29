/** Link schemes a reporter may put in copy; anything else (javascript:, data:, file:) is refused. */
export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

/** True when the URL parses and uses http, https or mailto. */
export function isAllowedLinkUrl(raw: string): boolean {
  const url = raw.trim()
  if (url === '') return false
  try {
    const parsed = new URL(url)
    if (!(ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(parsed.protocol)) return false
    if (parsed.protocol === 'mailto:') return parsed.pathname.includes('@')
    return parsed.hostname !== ''
  } catch {
    return false
  }
}

/** Turns what a reporter typed ("example.com/x", "a@b.c") into a full URL, or null. */
export function normalizeLinkInput(raw: string): string | null {
  const text = raw.trim()
  if (text === '') return null
  if (isAllowedLinkUrl(text)) return text
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/u.test(text)) return `mailto:${text}`
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/u.test(text)) {
    const candidate = `https://${text}`
    return isAllowedLinkUrl(candidate) ? candidate : null
  }
  return null
}

/** True for the links the system browser may open from the app. */
export function isExternalWebUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}
