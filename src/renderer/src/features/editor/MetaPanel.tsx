import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleMeta, ArticleStatus } from '@shared/domain/article'
import { mediaUrl } from '../../editor/media-url'
import { DateTimeField } from '../../ui/DateField'

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

interface MetaPanelProps {
  meta: ArticleMeta
  status: ArticleStatus
  onChange: (meta: ArticleMeta) => void
  /** Asks for an image file; resolves to its media id. */
  pickImage?: () => Promise<{ mediaId: string } | null>
  /** The linked site's categories (with their parents), offered for picking. */
  siteCategories?: { id: number; name: string; parent: number }[]
}

export function MetaPanel({ meta, status, onChange, pickImage, siteCategories = [] }: MetaPanelProps) {
  const { t } = useTranslation()
  const set = <K extends keyof ArticleMeta>(key: K, value: ArticleMeta[K]) => onChange({ ...meta, [key]: value })
  const parentName = (c: { parent: number }) => siteCategories.find((p) => p.id === c.parent)?.name
  const toggleCategory = (name: string) => set('categories', meta.categories.includes(name) ? meta.categories.filter((c) => c !== name) : [...meta.categories, name])
  const featuredUrl = mediaUrl(meta.featuredImage)
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
      {siteCategories.length > 0 && (
        <div className="site-categories" role="group" aria-label={t('meta.siteCategories')}>
          <span className="field-caption">{t('meta.siteCategories')}</span>
          {siteCategories
            .filter((c) => c.name !== 'Uncategorized')
            .map((c) => (
              <button key={c.id} type="button" className="chip" aria-pressed={meta.categories.includes(c.name)} onClick={() => toggleCategory(c.name)}>
                {parentName(c) !== undefined ? `${parentName(c)} › ${c.name}` : c.name}
              </button>
            ))}
        </div>
      )}
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
      <div className="field featured-field">
        <span>{t('meta.featured')}</span>
        {featuredUrl !== null && <img className="featured-thumb" src={featuredUrl} alt={t('meta.featured')} data-testid="featured-thumb" />}
        <span className="featured-actions">
          {pickImage !== undefined && (
            <button type="button" onClick={() => void pickImage().then((picked) => picked !== null && set('featuredImage', picked.mediaId))} data-testid="pick-featured">
              {featuredUrl === null ? t('meta.featuredPick') : t('meta.featuredChange')}
            </button>
          )}
          {featuredUrl !== null && (
            <button type="button" onClick={() => set('featuredImage', '')}>
              {t('meta.featuredRemove')}
            </button>
          )}
        </span>
      </div>
      <div className="field">
        <span>{t('meta.publishAt')}</span>
        <DateTimeField label={t('meta.publishAt')} value={meta.publishAt} onChange={(at) => set('publishAt', at)} testId="publish-at" />
        <small className="hint">{t('meta.publishAtHint')}</small>
      </div>
    </aside>
  )
}
