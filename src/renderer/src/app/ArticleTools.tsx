import { useTranslation } from 'react-i18next'
import { shortcutLabel } from '../editor/shortcuts'
import { ToggleButton } from '../ui/ToggleButton'
import type { DeskModel } from './useDesk'
import type { RowGroup } from '../ui/OverflowRow'

/** The open article's tools at the end of the toolbar: its panels, then keep a version and export (the first to go into «المزيد»). */
export function articleTools(desk: DeskModel): RowGroup[] {
  return [
    { key: 'panels', node: <PanelTools desk={desk} /> },
    { key: 'article', node: <ArticleActions desk={desk} /> }
  ]
}

/** Proofing, versions, review, private notes. */
function PanelTools({ desk }: { desk: DeskModel }) {
  const { t } = useTranslation()
  const { panels } = desk
  return (
    <div className="tb-group">
      <ToggleButton
        pressed={panels.shown.proofing}
        onToggle={() => panels.toggle('proofing')}
        title={`${t('proofing.open')} (${shortcutLabel('proofing')})`}
        testId="toggle-proofing"
      >
        {t('proofing.open')}
      </ToggleButton>
      <ToggleButton pressed={panels.shown.revisions} onToggle={() => panels.toggle('revisions')} testId="toggle-revisions">
        {t('revisions.open')}
      </ToggleButton>
      <ToggleButton pressed={panels.shown.review} onToggle={() => panels.toggle('review')} title={`${t('review.open')} (${shortcutLabel('review')})`} testId="toggle-review">
        {t('review.open')}
      </ToggleButton>
      <ToggleButton pressed={panels.shown.notes} onToggle={() => panels.toggle('notes')} title={t('notes.hint')} testId="toggle-notes">
        {t('notes.open')}
      </ToggleButton>
    </div>
  )
}

/** Keep a version, export for review. */
function ArticleActions({ desk }: { desk: DeskModel }) {
  const { t } = useTranslation()
  return (
    <div className="tb-group">
      <button type="button" className="tb-btn tb-text" title={`${t('toolbar.snapshot')} (${shortcutLabel('snapshot')})`} onClick={desk.snapshot} data-action="snapshot">
        {t('toolbar.snapshot')}
      </button>
      <button type="button" className="tb-btn tb-text" onClick={desk.bundles.openExport} data-testid="export-bundle">
        {t('bundle.export')}
      </button>
    </div>
  )
}
