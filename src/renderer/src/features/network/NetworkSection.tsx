import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { NETWORK_MODES, TOR_PORTS, isNetworkSetting, type NetworkSetting } from '@shared/domain/network'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'

/**
 * «الشبكة»: how every connection goes out: as the system says (the default), directly, through the
 * newsroom's HTTP proxy, or through SOCKS5 (Tor). A proxy setting takes effect when saved whole.
 */
export function NetworkSection() {
  const { t } = useTranslation()
  const { report, notify } = useNotices()
  const [draft, setDraft] = useState<NetworkSetting | null>(null)
  const [invalid, setInvalid] = useState(false)
  useEffect(() => {
    void call(api().settings.get()).then((s) => setDraft(s.network), report)
  }, [report])
  if (draft === null) return null
  const proxied = draft.mode === 'http' || draft.mode === 'socks5'
  const save = (event?: FormEvent) => {
    event?.preventDefault()
    const next = proxied ? { ...draft, host: draft.host.trim() } : { mode: draft.mode, host: '', port: 0 }
    if (!isNetworkSetting(next)) return setInvalid(true)
    setInvalid(false)
    void call(api().settings.update({ network: next })).then(() => notify(t('network.saved')), report)
  }
  const choose = (mode: NetworkSetting['mode']) => {
    const next = {
      ...draft,
      mode,
      port: mode === 'socks5' && draft.port === 0 ? TOR_PORTS.service : draft.port,
      host: mode === 'socks5' && draft.host === '' ? '127.0.0.1' : draft.host
    }
    setDraft(next)
    setInvalid(false)
  }
  return (
    <section className="settings-section" aria-labelledby="network-title">
      <h3 id="network-title">{t('network.title')}</h3>
      <form onSubmit={save} data-testid="network-form">
        <label className="field">
          <span>{t('network.mode')}</span>
          <select value={draft.mode} onChange={(e) => choose(e.target.value as NetworkSetting['mode'])} data-testid="network-mode">
            {NETWORK_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`network.modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {proxied && (
          <div className="network-proxy">
            <label className="field">
              <span>{t('network.host')}</span>
              <input dir="ltr" value={draft.host} onChange={(e) => setDraft({ ...draft, host: e.target.value })} spellCheck={false} data-testid="network-host" />
            </label>
            <label className="field">
              <span>{t('network.port')}</span>
              <input
                dir="ltr"
                inputMode="numeric"
                value={draft.port === 0 ? '' : String(draft.port)}
                onChange={(e) => setDraft({ ...draft, port: /^\d{0,5}$/.test(e.target.value) ? Number(e.target.value) : draft.port })}
                data-testid="network-port"
              />
            </label>
          </div>
        )}
        {draft.mode === 'socks5' && <p className="hint">{t('network.tor', { service: TOR_PORTS.service, browser: TOR_PORTS.browser })}</p>}
        {invalid && (
          <p className="form-error" role="alert" data-testid="network-invalid">
            {t('network.invalid')}
          </p>
        )}
        <button type="submit" data-testid="network-save">
          {t('network.save')}
        </button>
      </form>
      <p className="hint">{t('network.hint')}</p>
    </section>
  )
}
