import type { Page } from 'playwright-core'

/** What a reporter sees of the layout: how many characters a body line holds, and whether anything leaves the window. */
export interface LayoutFigures {
  /** Characters of ordinary body copy that fit on one line of the editor. */
  charsPerLine: number
  /** The body's text box, in CSS pixels. */
  bodyWidth: number
  /** Elements whose box reaches beyond the window's edges (visible ones only), by a selector-ish name. */
  overflowing: string[]
  /** The document scrolls sideways. */
  scrollsSideways: boolean
  /** The toolbar's height in rows of buttons (1 when it does not wrap). */
  toolbarRows: number
  /** The window header's height in CSS pixels (one line is under 70). */
  headerHeight: number
}

/**
 * Measures the open editor: the body's content width divided by the mean advance of a
 * sample of the article's language set in the body's own font, so the figure is "characters
 * a line", as typographers count the measure.
 */
export async function measureLayout(page: Page, sample: string): Promise<LayoutFigures> {
  return page.evaluate((sample) => {
    const body = document.querySelector('.body-content') as HTMLElement | null
    if (body === null) throw new Error('no editor open')
    const paragraph = body.querySelector('p') ?? body
    const style = getComputedStyle(paragraph)
    const probe = document.createElement('span')
    probe.textContent = sample
    probe.style.font = style.font
    probe.style.letterSpacing = style.letterSpacing
    probe.style.wordSpacing = style.wordSpacing
    probe.style.whiteSpace = 'nowrap'
    probe.style.position = 'absolute'
    probe.style.visibility = 'hidden'
    paragraph.appendChild(probe)
    const advance = probe.getBoundingClientRect().width / [...sample].length
    probe.remove()
    const box = body.getBoundingClientRect()
    const padding = parseFloat(getComputedStyle(body).paddingInlineStart) + parseFloat(getComputedStyle(body).paddingInlineEnd)
    const bodyWidth = box.width - padding
    const overflowing: string[] = []
    const width = document.documentElement.clientWidth
    const height = document.documentElement.clientHeight
    for (const el of document.querySelectorAll<HTMLElement>('.app-header, .article-list, .workspace, .toolbar, .side-column, aside, .status-bar, .article-main, .tb-group')) {
      const r = el.getBoundingClientRect()
      // What a scrolling column holds is clipped by it; the column itself is checked.
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden' || el.parentElement?.closest('.side-column') != null) continue
      if (r.left < -1 || r.right > width + 1 || r.top < -1 || r.bottom > height + 1) {
        overflowing.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} [${Math.round(r.left)},${Math.round(r.right)}]x[${Math.round(r.top)},${Math.round(r.bottom)}]`)
      }
    }
    const toolbar = document.querySelector('.toolbar') as HTMLElement | null
    const buttons = toolbar === null ? [] : [...toolbar.querySelectorAll<HTMLElement>('.tb-btn, .tb-select, .tb-more')].filter((b) => b.getBoundingClientRect().width > 0)
    const tops = buttons.map((b) => b.getBoundingClientRect().top).sort((a, b) => a - b)
    const rows = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 12).length
    return {
      charsPerLine: Math.round(bodyWidth / advance),
      bodyWidth: Math.round(bodyWidth),
      overflowing,
      scrollsSideways: document.documentElement.scrollWidth > width + 1,
      toolbarRows: rows,
      headerHeight: Math.round(document.querySelector('.app-header')!.getBoundingClientRect().height)
    }
  }, sample)
}

/** Body copy of each language, for the measure's mean advance. */
export const SAMPLE = {
  ar: 'أقرّ مجلس النواب مساء الخميس موازنة العام بأغلبية الأصوات، بعد جلسة استمرت أكثر من إحدى عشرة ساعة، وقالت مصادر إن الموازنة تتضمن زيادة في الإنفاق على التعليم والصحة.',
  en: 'Parliament passed the budget on Thursday evening by a clear majority after a session that lasted more than eleven hours, and sources said it raises spending on schools and health.'
} as const
