import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'

/**
 * Around the open article: if its body cannot be shown (a damaged or foreign body,
 * a bug), the window never goes blank. The reporter is told, is offered the article's
 * latest saved version, and Qalam forgets it as the article to reopen at start, so a
 * crashing article cannot take the app down again on the next launch.
 */
export function EditorBoundary(props: { articleId: string; children: ReactNode; onRestore: (revisionId: string) => void; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Boundary
      onCrash={() => void call(api().settings.update({ lastArticleId: null })).catch(() => undefined)}
      fallback={(message) => (
        <section className="editor-crashed" role="alert">
          <h2>{t('editor.crashed.title')}</h2>
          <p>{t('editor.crashed.body')}</p>
          <p className="editor-crashed-detail" dir="auto">
            {message}
          </p>
          <div className="editor-crashed-actions">
            <LatestVersionButton articleId={props.articleId} onRestore={props.onRestore} />
            <button type="button" onClick={props.onClose}>
              {t('editor.crashed.close')}
            </button>
          </div>
        </section>
      )}
    >
      {props.children}
    </Boundary>
  )
}

function LatestVersionButton({ articleId, onRestore }: { articleId: string; onRestore: (revisionId: string) => void }) {
  const { t } = useTranslation()
  const { notify, report } = useNotices()
  return (
    <button
      type="button"
      className="primary"
      onClick={() =>
        void call(api().revisions.list({ articleId })).then((versions) => (versions[0] === undefined ? notify(t('editor.crashed.noVersion')) : onRestore(versions[0].id)), report)
      }
    >
      {t('editor.crashed.restore')}
    </button>
  )
}

class Boundary extends Component<{ children: ReactNode; fallback: (message: string) => ReactNode; onCrash: () => void }, { message: string | null }> {
  override state: { message: string | null } = { message: null }

  static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) }
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    this.props.onCrash()
  }

  override render(): ReactNode {
    return this.state.message === null ? this.props.children : this.props.fallback(this.state.message)
  }
}
