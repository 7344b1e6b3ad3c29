import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleMeta, ArticleStatus } from '../../../../shared/domain/article'

/** Splits "اقتصاد، سياسة, رياضة" on Arabic and Latin commas. */
export function splitList(text: string): string[] {
  return text
    .split(/[,،]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function ListField({ label, hint, value, onChange, name }: { label: string; hint: string; value: string[]; onChange: (v: string[]) => void; name: string }) {
  // The text is kept as typed; the list is what gets saved.
  const [text, setText] = useState(value.join('، '))
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        dir="rtl"
        value={text}
        title={hint}
        placeholder={hint}
        onChange={(e) => {
          setText(e.target.value)
          onChange(splitList(e.target.value))
        }}
      />
    </label>
  )
}

/** Labels newsrooms use most; any other can be typed. */
const LABELS = ['خاص', 'وكالات', 'مراسلنا']

export function MetaPanel({ meta, status, onChange }: { meta: ArticleMeta; status: ArticleStatus; onChange: (meta: ArticleMeta) => void }) {
  const { t } = useTranslation()
  const set = <K extends keyof ArticleMeta>(key: K, value: ArticleMeta[K]) => onChange({ ...meta, [key]: value })
  return (
    <aside className="meta-panel" aria-label={t('meta.heading')}>
      <h2>{t('meta.heading')}</h2>
      <p className="meta-status">
        {t('meta.status')}: <span className={`status-badge status-${status}`}>{t(`status.${status}`)}</span>
      </p>
      <label className="field">
        <span>{t('meta.byline')}</span>
        <input name="byline" dir="rtl" value={meta.byline} onChange={(e) => set('byline', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('meta.dateline')}</span>
        <input name="dateline" dir="rtl" value={meta.dateline} onChange={(e) => set('dateline', e.target.value)} />
      </label>
      <ListField name="categories" label={t('meta.categories')} hint={t('meta.listHint')} value={meta.categories} onChange={(v) => set('categories', v)} />
      <ListField name="tags" label={t('meta.tags')} hint={t('meta.listHint')} value={meta.tags} onChange={(v) => set('tags', v)} />
      <label className="field">
        <span>{t('meta.slug')}</span>
        <input name="slug" dir="ltr" value={meta.slug} onChange={(e) => set('slug', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('meta.label')}</span>
        <input name="label" dir="rtl" list="qalam-labels" value={meta.label} onChange={(e) => set('label', e.target.value)} />
        <datalist id="qalam-labels">
          {LABELS.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </label>
    </aside>
  )
}
