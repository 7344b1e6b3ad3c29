// Imports nothing: the renderer's build config reads it too, before any alias exists.

/**
 * The Content-Security-Policy of every app page: scripts only from the app
 * itself (no eval, no remote script), no plugins, frames or form posts, images
 * and fonts from the app and data:/blob: only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
