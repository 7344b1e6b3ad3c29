import { useTranslation } from 'react-i18next'
import { ARTICLE_STATUSES, type ArticleStatus } from '@shared/domain/article'

/** «كل الحالات» or one workflow status: the article list's filter and the search's. */
export function StatusFilter({
  value,
  onChange,
  statuses = ARTICLE_STATUSES
}: {
  value: ArticleStatus | ''
  onChange: (status: ArticleStatus | '') => void
  /** The statuses offered (the review queue offers only its own). */
  statuses?: readonly ArticleStatus[]
}) {
  const { t } = useTranslation()
  return (
    <select aria-label={t('list.filterByStatus')} value={value} onChange={(e) => onChange(e.target.value as ArticleStatus | '')}>
      <option value="">{t('list.allStatuses')}</option>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </select>
  )
}
