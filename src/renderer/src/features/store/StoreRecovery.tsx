import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoreStatus } from '@shared/domain/app'
import { api, call, ApiError } from '../../api'

/** Shown instead of the desk when the database cannot be opened: why, and the ways out. */
export function StoreRecovery({ status, onReady }: { status: Extract<StoreStatus, { state: 'failed' }>; onReady: (status: StoreStatus) => void }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const run = async (action: 'startFresh' | 'retry') => {
    try {
      const next = await call(action === 'startFresh' ? api().store.startFresh() : api().store.retry())
      if (next.state === 'failed') setError(t(`store.reason.${next.reason}`))
      else onReady(next)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <main className="store-recovery" role="alert">
      <h1>{t('store.title')}</h1>
      <p className="store-reason" data-testid="store-reason">
        {t(`store.reason.${status.reason}`)}
      </p>
      <p className="store-path" dir="ltr">
        {status.path}
      </p>
      <p>{t('store.untouched')}</p>
      {error !== null && <p className="form-error">{error}</p>}
      <div className="dialog-actions">
        {status.reason !== 'locked' && (
          <button type="button" className="btn-primary" onClick={() => void run('startFresh')} data-testid="start-fresh">
            {t('store.startFresh')}
          </button>
        )}
        <button type="button" onClick={() => void run('retry')}>
          {t('store.retry')}
        </button>
      </div>
    </main>
  )
}
