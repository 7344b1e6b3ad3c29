import { describe, expect, it } from 'vitest'
import { isAllowedLinkUrl, isExternalWebUrl, normalizeLinkInput } from '@shared/domain/links'

describe('links', () => {
  it('accepts http, https and mailto only', () => {
    expect(isAllowedLinkUrl('https://example.com/a?b=c')).toBe(true)
    expect(isAllowedLinkUrl('http://example.com')).toBe(true)
    expect(isAllowedLinkUrl('mailto:desk@example.com')).toBe(true)
    for (const bad of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,<script>',
      'file:///etc/passwd',
      'vbscript:x',
      'qalam://app/',
      'ftp://x.y',
      '',
      'not a url',
      'mailto:nobody'
    ]) {
      expect(isAllowedLinkUrl(bad), bad).toBe(false)
    }
  })

  it('completes what a reporter types', () => {
    expect(normalizeLinkInput('example.com/news')).toBe('https://example.com/news')
    expect(normalizeLinkInput('desk@example.com')).toBe('mailto:desk@example.com')
    expect(normalizeLinkInput('https://aljazeera.net')).toBe('https://aljazeera.net')
    expect(normalizeLinkInput('javascript:alert(1)')).toBeNull()
    expect(normalizeLinkInput('   ')).toBeNull()
  })

  it('opens only web links outside the app', () => {
    expect(isExternalWebUrl('https://example.com')).toBe(true)
    expect(isExternalWebUrl('mailto:a@b.c')).toBe(false)
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false)
  })
})
