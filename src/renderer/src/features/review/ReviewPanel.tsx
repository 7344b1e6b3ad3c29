import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReviewThread } from '@shared/domain/review'
import { threadsOf } from '@shared/domain/review'
import { noteAnchor, noteIdOfThread } from '@shared/domain/notes'
import { nextStatuses } from '@shared/domain/workflow'
import { formatDateTime } from '../../app/i18n'
import { useLocale } from '../../app/notices'
import { shortcutLabel } from '../../editor/shortcuts'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { SidePanel } from '../../ui/SidePanel'
import { ToggleButton } from '../../ui/ToggleButton'
import type { ReviewModel } from './useReview'

/** The open article's review, in the side column: workflow and history, suggestions, comment threads. */
export function ReviewPanel({ model: props, onClose }: { model: ReviewModel; onClose: () => void }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { identity, review } = props
  const [note, setNote] = useState('')
  const [draft, setDraft] = useState('')
  const [showResolved, setShowResolved] = useState(false)
  const [purging, setPurging] = useState(false)
  const role = identity?.role ?? 'reporter'
  const moves = nextStatuses(props.status, role)
  const threads = review === null ? [] : threadsOf(review)
  // A thread taken from a site's note is anchored by the block that carries the note.
  const anchorOf = (th: ReviewThread) => {
    const note = noteIdOfThread(th.id)
    return note === null ? th.id : noteAnchor(note)
  }
  const anchored = props.anchors.map((id) => threads.find((th) => anchorOf(th) === id)).filter((th): th is ReviewThread => th !== undefined)
  const detached = threads.filter((th) => !props.anchors.includes(anchorOf(th)))
  const open = anchored.filter((th) => !th.resolved)
  const resolved = [...anchored.filter((th) => th.resolved), ...detached.filter((th) => th.resolved)]
  const detachedOpen = detached.filter((th) => !th.resolved)

  return (
    <SidePanel className="review-panel" title={t('review.heading')} dir="rtl" testId="review-panel" onClose={onClose}>
      {identity !== null && (
        <section className="review-identity">
          <p data-testid="review-identity">
            {t('review.you', { name: identity.name || t('review.anonymous'), role: t(`review.roles.${identity.role}`) })}
            <span className="review-source"> — {identity.source === 'site' ? t('review.fromSite') : t('review.fromSettings')}</span>
          </p>
          {identity.source === 'local' && (
            <div className="review-settings">
              <label className="field">
                <span>{t('review.yourName')}</span>
                <input defaultValue={identity.name} onBlur={(e) => props.setIdentity({ userName: e.target.value })} data-testid="review-name" />
              </label>
              <label className="field">
                <span>{t('review.yourRole')}</span>
                <select value={identity.role} onChange={(e) => props.setIdentity({ role: e.target.value as 'reporter' | 'editor' })} data-testid="review-role">
                  <option value="reporter">{t('review.roles.reporter')}</option>
                  <option value="editor">{t('review.roles.editor')}</option>
                </select>
              </label>
            </div>
          )}
          {identity.bridge === false && (
            <p className="review-nobridge" role="note" data-testid="review-nobridge">
              {t(identity.notes === true ? 'review.noBridgeNotes' : 'review.noBridge')}
            </p>
          )}
        </section>
      )}

      <section className="review-section" aria-label={t('review.workflow')}>
        <h3>{t('review.workflow')}</h3>
        <p>
          <span className={`status-badge status-${props.status}`} data-testid="review-status">
            {t(`status.${props.status}`)}
          </span>
        </p>
        {moves.length > 0 && (
          <>
            <textarea className="review-note" rows={2} value={note} placeholder={t('review.note')} aria-label={t('review.note')} onChange={(e) => setNote(e.target.value)} />
            <div className="review-moves">
              {moves.map((to) => (
                <button
                  key={to}
                  type="button"
                  className={to === 'approved' || to === 'published' || to === 'submitted' ? 'btn-primary' : ''}
                  data-testid={`move-${to}`}
                  onClick={() => {
                    props.transition(to, note)
                    setNote('')
                  }}
                >
                  {t('review.move', { status: t(`status.${to}`) })}
                </button>
              ))}
            </div>
          </>
        )}
        <h4>{t('review.history')}</h4>
        {review === null || review.history.length === 0 ? (
          <p className="review-empty">{t('review.noHistory')}</p>
        ) : (
          <ol className="review-history" data-testid="review-history">
            {[...review.history].reverse().map((h) => (
              <li key={h.id}>
                <span>{t('review.historyEntry', { by: h.by || t('review.anonymous'), from: t(`status.${h.from}`), to: t(`status.${h.to}`) })}</span>
                {h.relayedBy !== undefined && <Relayed name={h.relayedBy} />}
                {h.unvouched === true && (
                  <span className="review-unvouched" title={t('review.unvouchedHint')}>
                    {' '}
                    ({t('review.unvouched')})
                  </span>
                )}
                <time className="review-time">{formatDateTime(h.at, locale)}</time>
                {h.note !== '' && <p className="review-history-note">{h.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="review-section" aria-label={t('review.suggestions')}>
        <h3>{t('review.suggestions')}</h3>
        <ToggleButton pressed={props.suggesting} onToggle={props.toggleSuggesting} title={`${t('review.suggestMode')} (${shortcutLabel('suggest')})`} testId="toggle-suggesting">
          {t('review.suggestMode')}
        </ToggleButton>
        {props.suggestions.length === 0 ? (
          <p className="review-empty">{t('review.noSuggestions')}</p>
        ) : (
          <>
            <ul className="review-suggestions" data-testid="suggestion-list">
              {props.suggestions.map((s) => (
                <li key={s.id} className={`suggestion suggestion-${s.kind}`} data-suggestion={s.id}>
                  <span className="suggestion-kind">{t(`review.${s.kind}`)}</span>
                  <span className={s.kind === 'insert' ? 'q-sug-insert' : 'q-sug-delete'}>{s.text}</span>
                  <span className="review-meta">
                    {s.author || t('review.anonymous')} · {formatDateTime(s.createdAt, locale)}
                  </span>
                  <span className="suggestion-actions">
                    <button type="button" onClick={() => props.accept(s.id)} data-testid="accept-suggestion">
                      {t('review.accept')}
                    </button>
                    <button type="button" onClick={() => props.reject(s.id)} data-testid="reject-suggestion">
                      {t('review.reject')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
            <div className="review-moves">
              <button type="button" onClick={() => props.accept()} data-testid="accept-all">
                {t('review.acceptAll')}
              </button>
              <button type="button" onClick={() => props.reject()} data-testid="reject-all">
                {t('review.rejectAll')}
              </button>
            </div>
          </>
        )}
      </section>

      <section className="review-section" aria-label={t('review.comments')}>
        <h3>{t('review.comments')}</h3>
        {props.pendingThread === null ? (
          <button
            type="button"
            className="tb-btn tb-text"
            title={`${t('review.commentOnSelection')} (${shortcutLabel('comment')})`}
            // Keeps the editor's selection: the button does not take the focus.
            onMouseDown={(e) => e.preventDefault()}
            onClick={props.startComment}
            data-testid="start-comment"
          >
            {t('review.commentOnSelection')}
          </button>
        ) : (
          <form
            className="comment-new"
            onSubmit={(e) => {
              e.preventDefault()
              if (draft.trim() === '') return
              props.comment(draft)
              setDraft('')
            }}
          >
            <textarea
              autoFocus
              rows={3}
              value={draft}
              aria-label={t('review.newComment')}
              placeholder={t('review.newComment')}
              onChange={(e) => setDraft(e.target.value)}
              data-testid="comment-body"
            />
            <div className="review-moves">
              <button type="submit" className="btn-primary" data-testid="add-comment">
                {t('review.add')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setDraft('')
                  props.cancelComment()
                }}
              >
                {t('review.cancel')}
              </button>
            </div>
          </form>
        )}
        {open.length === 0 && detachedOpen.length === 0 && props.pendingThread === null && <p className="review-empty">{t('review.noComments')}</p>}
        <ul className="review-threads" data-testid="threads">
          {open.map((th) => (
            <Thread key={th.id} model={props} thread={th} current={props.active.includes(th.id)} detached={false} />
          ))}
          {detachedOpen.map((th) => (
            <Thread key={th.id} model={props} thread={th} current={false} detached />
          ))}
        </ul>
        {resolved.length > 0 && (
          <>
            <button type="button" className="linklike" aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)} data-testid="show-resolved">
              {t('review.showResolved', { count: resolved.length })}
            </button>
            {showResolved && (
              <ul className="review-threads is-resolved">
                {resolved.map((th) => (
                  <Thread key={th.id} model={props} thread={th} current={false} detached={!props.anchors.includes(anchorOf(th))} />
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <section className="review-purge">
        <button type="button" className="linklike" onClick={() => setPurging(true)} data-testid="purge-review">
          {t('review.purge')}
        </button>
        {purging && (
          <ConfirmDialog
            title={t('review.purgeTitle')}
            body={t('review.purgeBody')}
            confirm={t('review.purgeConfirm')}
            cancel={t('review.purgeCancel')}
            onConfirm={() => {
              setPurging(false)
              props.purge()
            }}
            onCancel={() => setPurging(false)}
          />
        )}
      </section>
    </SidePanel>
  )
}

function Thread({ model, thread, current, detached }: { model: ReviewModel; thread: ReviewThread; current: boolean; detached: boolean }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { identity } = model
  const [reply, setReply] = useState('')
  return (
    <li className={`thread${current ? ' is-active' : ''}${detached ? ' is-detached' : ''}${thread.resolved ? ' is-resolved' : ''}`} data-thread={thread.id}>
      {thread.quote !== '' && (
        <button type="button" className="thread-quote" onClick={() => model.showThread(thread.id)} disabled={detached}>
          «{thread.quote}»
        </button>
      )}
      {detached && <p className="thread-detached">{t('review.detached')}</p>}
      {thread.comments.map((c) => (
        <div key={c.id} className="comment" data-comment={c.id}>
          <p className="review-meta">
            <strong>{c.author || t('review.anonymous')}</strong>
            {c.relayedBy !== undefined && <Relayed name={c.relayedBy} />} · <time>{formatDateTime(c.createdAt, locale)}</time>
            {identity !== null && c.author === identity.name && (
              <button type="button" className="linklike" onClick={() => model.deleteComment(c.id)}>
                {t('review.deleteComment')}
              </button>
            )}
          </p>
          <p className="comment-body" dir="auto">
            {c.body}
          </p>
        </div>
      ))}
      {thread.resolved && <p className="review-meta">{t('review.resolvedBy', { name: thread.resolvedBy })}</p>}
      <form
        className="comment-reply"
        onSubmit={(e) => {
          e.preventDefault()
          if (reply.trim() === '') return
          model.comment(reply, thread.id)
          setReply('')
        }}
      >
        <input value={reply} placeholder={t('review.replyPlaceholder')} aria-label={t('review.reply')} onChange={(e) => setReply(e.target.value)} data-testid="reply-body" />
        <button type="submit" data-testid="reply">
          {t('review.reply')}
        </button>
        <button type="button" onClick={() => model.resolve(thread.id, !thread.resolved)} data-testid={thread.resolved ? 'reopen' : 'resolve'}>
          {thread.resolved ? t('review.reopen') : t('review.resolve')}
        </button>
      </form>
    </li>
  )
}

/** The site's stamp on an entry someone else sent: the author's name came from a file, this is who the site knows sent it. */
function Relayed({ name }: { name: string }) {
  const { t } = useTranslation()
  return (
    <span className="review-relayed" title={t('review.relayedHint')}>
      {' '}
      ({t('review.relayedBy', { name })})
    </span>
  )
}
