import { useTranslation } from 'react-i18next'
import { shortcutLabel } from '../editor/shortcuts'
import { ToggleButton } from '../ui/ToggleButton'
import type { DeskModel } from './useDesk'

/** The open article's tools at the end of the toolbar: keep a version, proofing, versions, review, private notes, export. */
export function ArticleTools({ desk }: { desk: DeskModel }) {
  const { t } = useTranslation()
  const { panels } = desk
  return (
    <div className="tb-group tb-end">
      <button type="button" className="tb-btn tb-text" title={`${t('toolbar.snapshot')} (${shortcutLabel('snapshot')})`} onClick={desk.snapshot} data-action="snapshot">
        {t('toolbar.snapshot')}
      </button>
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
      <button type="button" className="tb-btn tb-text" onClick={desk.bundles.openExport} data-testid="export-bundle">
        {t('bundle.export')}
      </button>
    </div>
  )
}
