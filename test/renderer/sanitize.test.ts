import { describe, expect, it } from 'vitest'
import { sanitizePastedHtml } from '@renderer/editor/plugins/PastePlugin/sanitize'

const clean = (html: string) => sanitizePastedHtml(html).innerHTML

describe('pasted HTML', () => {
  it('removes scripts, handlers, iframes, forms and unsafe links but keeps the text', () => {
    const out = sanitizePastedHtml(`
      <p onclick="steal()">نص <b onmouseover="x()">مهم</b></p>
      <script>window.pwned = 1</script>
      <img src="x" onerror="window.pwned = 2">
      <iframe src="https://evil.example"></iframe>
      <a href="javascript:alert(1)">رابط خبيث</a>
      <a href="https://example.com/story" target="_blank" onclick="x()">رابط سليم</a>
      <form action="https://evil.example"><input name="password"></form>
      <svg><script>alert(1)</script></svg>
      <style>body { display: none }</style>
      <object data="x.swf"></object>`)
    const html = out.innerHTML
    for (const bad of ['<script', 'onclick', 'onerror', 'onmouseover', '<iframe', 'javascript:', '<form', '<input', '<svg', '<style', '<object', 'target=']) {
      expect(html, bad).not.toContain(bad)
    }
    expect(out.textContent).toContain('مهم')
    expect(out.textContent).toContain('رابط خبيث')
    expect(out.querySelector('a[href="https://example.com/story"]')?.textContent).toBe('رابط سليم')
  })

  it('drops remote and tracking images, keeps Qalam media references', () => {
    const out = sanitizePastedHtml(
      '<p>قبل<img src="https://tracker.example/p.gif" width="1" height="1">بعد</p>' +
        '<figure><img data-qalam-media="0123456789abcdef0123456789abcdef.png" alt="صورة"><figcaption>تعليق</figcaption></figure>'
    )
    expect(out.querySelectorAll('img')).toHaveLength(1)
    expect(out.querySelector('img')?.getAttribute('data-qalam-media')).toBe('0123456789abcdef0123456789abcdef.png')
    expect(out.querySelector('img')?.hasAttribute('src')).toBe(false)
  })

  it('turns Google Docs styling into elements and ignores its bold wrapper', () => {
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="rtl" style="line-height:1.38"><span style="font-weight:700;">عاجل</span><span style="font-weight:400;"> نص عادي </span><span style="font-style:italic;">مائل</span><span style="text-decoration:underline;">مسطر</span></p></b>'
    const out = sanitizePastedHtml(docs)
    expect(out.querySelector('strong')?.textContent).toBe('عاجل')
    expect(out.querySelector('em')?.textContent).toBe('مائل')
    expect(out.querySelector('u')?.textContent).toBe('مسطر')
    expect(out.querySelector('b')).toBeNull()
    expect(out.querySelector('p')?.getAttribute('dir')).toBe('rtl')
    expect(out.innerHTML).not.toContain('style=')
  })

  it("turns Word's list paragraphs into real lists", () => {
    const word = `
      <p class="MsoNormal">مقدمة</p>
      <p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.<span>&nbsp;&nbsp;</span></span>البند الأول</p>
      <p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.<span>&nbsp;</span></span>البند الثاني</p>
      <p class="MsoListParagraph" style="mso-list:l1 level1 lfo2"><span style="mso-list:Ignore">·<span> </span></span>نقطة</p>
      <p class="MsoNormal">خاتمة</p>`
    const out = sanitizePastedHtml(word)
    const ol = out.querySelector('ol')
    expect(ol).not.toBeNull()
    expect(Array.from(ol!.querySelectorAll('li')).map((li) => li.textContent?.trim())).toEqual(['البند الأول', 'البند الثاني'])
    expect(out.textContent).not.toContain('1.')
    expect(out.querySelectorAll('p')).toHaveLength(2)
    expect(out.innerHTML).not.toMatch(/class=|mso-/)
  })

  it('keeps headings in the h2–h4 range, quotes, lists and links from web pages', () => {
    const html = clean('<h1>عنوان</h1><h3>فرعي</h3><h6>صغير</h6><blockquote>قول</blockquote><ul><li>أ</li></ul><p><a href="mailto:desk@example.com">راسلنا</a></p>')
    expect(html).toContain('<h2>عنوان</h2>')
    expect(html).toContain('<h3>فرعي</h3>')
    expect(html).toContain('<h4>صغير</h4>')
    expect(html).toContain('<blockquote>قول</blockquote>')
    expect(html).toContain('<ul><li>أ</li></ul>')
    expect(html).toContain('href="mailto:desk@example.com"')
  })

  it('takes copy from the WordPress editor without its block comments or remote images', () => {
    const wp =
      '<!-- wp:heading --><h2 class="wp-block-heading">مؤتمر صحفي</h2><!-- /wp:heading -->' +
      '<!-- wp:paragraph {"direction":"rtl"} --><p dir="rtl" class="has-text-align-right">قال <strong>المتحدث</strong> إن…</p><!-- /wp:paragraph -->' +
      '<!-- wp:image --><figure class="wp-block-image"><img src="https://site.example/wp-content/uploads/a.jpg" alt="x"/><figcaption>تعليق</figcaption></figure><!-- /wp:image -->'
    const out = sanitizePastedHtml(wp)
    expect(out.innerHTML).not.toMatch(/wp:|<!--|class=|<img/)
    expect(out.querySelector('h2')?.textContent).toBe('مؤتمر صحفي')
    expect(out.querySelector('p[dir="rtl"] strong')?.textContent).toBe('المتحدث')
    expect(out.textContent).toContain('تعليق')
  })

  it('reduces tables to one paragraph per row', () => {
    const out = sanitizePastedHtml('<table><tr><td>المدينة</td><td>الحرارة</td></tr><tr><td>عمّان</td><td>21</td></tr></table>')
    expect(Array.from(out.querySelectorAll('p')).map((p) => p.textContent)).toEqual(['المدينة — الحرارة', 'عمّان — 21'])
    expect(out.querySelector('table, td, tr')).toBeNull()
  })
})
