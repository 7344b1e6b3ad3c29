import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isUpdateServerUrl } from '@shared/domain/app'
import type { InstallerResult, UpdateState } from '@shared/domain/updates'
import { api, call } from '../../api'
import { formatDateTime, formatNumber } from '../../app/i18n'
import { useLocale, useNotices } from '../../app/notices'

/**
 * Updates in the settings: the version running, where an update stands (found, downloading,
 * ready to install when Qalam closes, once the reporter says so), a check now, the newsroom's
 * own update server, and an installer from a file for a reporter without a connection.
 */
export function UpdatesSection() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { report } = useNotices()
  const [state, setState] = useState<UpdateState | null>(null)
  const [version, setVersion] = useState('')
  const [server, setServer] = useState('')
  const [serverError, setServerError] = useState(false)
  const [fromFile, setFromFile] = useState<InstallerResult | null>(null)
  useEffect(() => {
    void call(api().updates.status()).then(setState, report)
    void call(api().app.info()).then((info) => setVersion(info.version), report)
    void call(api().settings.get()).then((s) => setServer(s.updateServer ?? ''), report)
    return api().on('updates:state', setState)
  }, [report])

  const saveServer = () => {
    const value = server.trim()
    if (value !== '' && !isUpdateServerUrl(value)) return setServerError(true)
    setServerError(false)
    // The main process asks the reporter in its own dialog; the field shows what was kept.
    void call(api().updates.setServer({ url: value === '' ? null : value })).then((r) => setServer(r.server ?? ''), report)
  }
  const describe = (s: UpdateState): string => {
    switch (s.kind) {
      case 'unsupported':
        return t('updates.unsupported')
      case 'idle':
        return t('updates.idle')
      case 'checking':
        return t('updates.checking')
      case 'none':
        return t('updates.none', { when: formatDateTime(s.checkedAt, locale) })
      case 'downloading':
        return t('updates.downloading', { version: s.version, percent: formatNumber(s.percent, locale) })
      case 'ready':
        return s.onQuit ? t('updates.onQuit', { version: s.version }) : t('updates.ready', { version: s.version })
      case 'failed':
        return t(`updates.problem.${s.problem}`)
    }
  }

  return (
    <section className="settings-section" aria-labelledby="updates-title" data-testid="updates">
      <h3 id="updates-title">{t('updates.title')}</h3>
      <p>
        {t('updates.version')}: <bdi dir="ltr">{version}</bdi>
      </p>
      {state !== null && (
        <p role="status" data-testid="update-state">
          {describe(state)}
        </p>
      )}
      <div className="dialog-actions">
        {state?.kind === 'ready' && !state.onQuit && (
          <>
            <button type="button" className="btn-primary" onClick={() => void call(api().updates.install({ when: 'quit' })).then(setState, report)} data-testid="update-on-quit">
              {t('updates.installOnQuit')}
            </button>
            <button type="button" onClick={() => void call(api().updates.install({ when: 'now' })).then(setState, report)}>
              {t('updates.installNow')}
            </button>
          </>
        )}
        {state !== null && state.kind !== 'unsupported' && (
          <button
            type="button"
            disabled={state.kind === 'checking' || state.kind === 'downloading'}
            onClick={() => void call(api().updates.check()).then(setState, report)}
            data-testid="update-check"
          >
            {t('updates.check')}
          </button>
        )}
        <button type="button" onClick={() => void call(api().updates.fromFile()).then(setFromFile, report)} data-testid="update-from-file">
          {t('updates.fromFile')}
        </button>
      </div>
      {fromFile !== null && !(fromFile.ok === false && fromFile.problem === 'cancelled') && (
        <p role="alert" className={fromFile.ok ? 'hint' : 'form-error'} data-testid="update-file-result">
          {fromFile.ok ? t('updates.fileOk', { version: fromFile.version }) : t(`updates.file.${fromFile.problem}`)}
        </p>
      )}
      <label className="field">
        <span>{t('updates.server')}</span>
        <input
          dir="ltr"
          type="url"
          value={server}
          placeholder="https://"
          onChange={(e) => setServer(e.target.value)}
          onBlur={saveServer}
          aria-invalid={serverError}
          data-testid="update-server"
        />
        <small className="hint">{t('updates.serverHint')}</small>
      </label>
      {serverError && (
        <p className="form-error" role="alert">
          {t('updates.serverInvalid')}
        </p>
      )}
    </section>
  )
}
