import { describe, expect, it } from 'vitest'
import { diffStats, diffTokens, diffWords, sideBySide } from '@shared/review/diff'

describe('word-level diff for Arabic', () => {
  it('keeps Arabic words whole, with their prefixes and harakat, and gives the text back when joined', () => {
    const text = 'قالَ الوزيرُ، في بيانٍ: «إنّ 2026 عامُ الإصلاح» وبالتالي'
    const tokens = diffTokens(text)
    expect(tokens.join('')).toBe(text)
    expect(tokens).toContain('الوزيرُ')
    expect(tokens).toContain('وبالتالي')
    expect(tokens).toContain('2026')
    expect(diffTokens('بلغ النمو 3.5% عام ٢٠٢٦')).toEqual(['بلغ', ' ', 'النمو', ' ', '3.5', '%', ' ', 'عام', ' ', '٢٠٢٦'])
  })

  it('shows a changed word as removed and added, the rest the same', () => {
    const parts = diffWords('قال الوزير إن الاقتصاد ينمو بسرعة', 'قال وزير المالية إن الاقتصاد ينمو ببطء')
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['الوزير', 'بسرعة'])
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['وزير', 'المالية', 'ببطء'])
    expect(diffStats(parts)).toEqual({ added: 3, removed: 2 })
    const { before, after } = sideBySide(parts)
    expect(before.map((p) => p.text).join('')).toBe('قال الوزير إن الاقتصاد ينمو بسرعة')
    expect(after.map((p) => p.text).join('')).toBe('قال وزير المالية إن الاقتصاد ينمو ببطء')
  })

  it('ignores tashkeel and tatweel only when asked, and nothing else', () => {
    const ignoring = diffWords('كَتَبَ الولدُ الدرس', 'كتب الولـــد الدرس', { ignoreMarks: true })
    expect(ignoring).toEqual([{ kind: 'same', text: 'كتب الولـــد الدرس', old: 'كَتَبَ الولدُ الدرس' }])
    // Side by side, each side shows its own spelling.
    expect(
      sideBySide(ignoring)
        .before.map((p) => p.text)
        .join('')
    ).toBe('كَتَبَ الولدُ الدرس')
    expect(
      sideBySide(ignoring)
        .after.map((p) => p.text)
        .join('')
    ).toBe('كتب الولـــد الدرس')
    expect(diffWords('كَتَبَ الولد', 'كتب الولد').some((p) => p.kind !== 'same')).toBe(true)
    // Hamza is a letter, not a mark: أحمد and احمد stay different.
    expect(diffWords('أحمد', 'احمد', { ignoreMarks: true }).some((p) => p.kind !== 'same')).toBe(true)
  })

  it('finds a moved paragraph break and digits of either script as changes', () => {
    expect(diffWords('أولى\n\nثانية', 'أولى ثانية').some((p) => p.kind === 'removed' && p.text.includes('\n'))).toBe(true)
    expect(diffWords('عام 2026', 'عام ٢٠٢٦').some((p) => p.kind === 'added')).toBe(true)
  })
})
