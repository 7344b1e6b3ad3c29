import { useTranslation } from 'react-i18next'
import type { Locale } from '@shared/domain/app'
import { shortcutLabel } from '../editor/shortcuts'
import { ToggleButton } from '../ui/ToggleButton'
import { useLocale, useNotices } from './notices'
import type { DeskModel } from './useDesk'
import type { AppearanceModel } from '../features/appearance/useAppearance'

/** The app's name, the notice line, and what is always at hand: search, the review queue, bundles, sync, the language. */
export function DeskHeader({ desk, appearance }: { desk: DeskModel; appearance: AppearanceModel }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { notice, notify } = useNotices()
  const { panels } = desk
  return (
    <header className="app-header">
      <h1 className="app-name">{t('app.name')}</h1>
      <span className="app-tagline">{t('app.tagline')}</span>
      {notice !== null && (
        <p className="notice" role="status" onClick={() => notify(null)}>
          {notice}
        </p>
      )}
      <button
        type="button"
        className="tb-btn tb-text header-search"
        title={`${t('search.open')} (${shortcutLabel('search')})`}
        onClick={() => panels.open('search')}
        data-testid="open-search"
      >
        {t('search.open')}
      </button>
      <ToggleButton pressed={panels.shown.queue} onToggle={() => panels.toggle('queue')} testId="toggle-queue">
        {t('review.queue.open')}
      </ToggleButton>
      <button type="button" className="tb-btn tb-text header-import" onClick={() => void desk.bundles.import()} data-testid="import-bundle">
        {t('bundle.import')}
      </button>
      <ToggleButton pressed={panels.shown.sync} onToggle={() => panels.toggle('sync')} testId="toggle-sync">
        {t('sync.open')}
      </ToggleButton>
      <button type="button" className="tb-btn tb-text" onClick={() => panels.open('security')} data-testid="open-security">
        {t('security.open')}
      </button>
      <button type="button" className="tb-btn tb-text" onClick={() => panels.open('settings')} data-testid="open-settings">
        {t('dates.settings')}
      </button>
      <label className="locale-switch">
        <span>{t('settings.theme')}</span>
        <select value={appearance.theme} onChange={(e) => appearance.setTheme(e.target.value as AppearanceModel['theme'])} data-testid="theme">
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
      </label>
      <label className="locale-switch">
        <span>{t('settings.language')}</span>
        <select value={locale} onChange={(e) => void desk.changeLocale(e.target.value as Locale)} data-testid="locale">
          <option value="ar">{t('settings.arabic')}</option>
          <option value="en">{t('settings.english')}</option>
        </select>
      </label>
    </header>
  )
}
