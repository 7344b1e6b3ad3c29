import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { $createRangeSelection, $getRoot, $setSelection, type LexicalEditor } from 'lexical'
import type { Finding } from '@shared/proofing/findings'
import { api, call } from '../../api'
import { useLocale } from '../../app/notices'
import { $textSegments, locate } from '../../editor/text-offsets'
import { SidePanel } from '../../ui/SidePanel'

interface Props {
  editor: LexicalEditor | null
  article: { title: string; byline: string; dateline: string }
  onClose: () => void
}

const bodyText = (editor: LexicalEditor) => editor.getEditorState().read(() => $getRoot().getTextContent())

/** Selects [start, end) of the plain text in the editor; false when the text there is no longer `expected`. */
function selectRange(editor: LexicalEditor, start: number, end: number, expected: string, replacement?: string): boolean {
  let done = false
  editor.update(() => {
    if ($getRoot().getTextContent().slice(start, end) !== expected) return
    const segments = $textSegments()
    const a = locate(segments, start)
    const b = locate(segments, end, true)
    if (a === null || b === null) return
    const selection = $createRangeSelection()
    selection.anchor.set(a.key, a.offset, 'text')
    selection.focus.set(b.key, b.offset, 'text')
    $setSelection(selection)
    if (replacement !== undefined) selection.insertText(replacement)
    done = true
  })
  return done
}

/** Spelling and the editorial checks for the open article, each explained, with a one-click fix where it is safe. */
export function ProofingPanel({ editor, article, onClose }: Props) {
  const locale = useLocale()
  const { t } = useTranslation()
  const [findings, setFindings] = useState<Finding[] | null>(null)
  const [text, setText] = useState('')
  const [words, setWords] = useState<string[]>([])
  const [note, setNote] = useState<string | null>(null)

  // The fields as they are when a check runs; typing in the headline does not re-run it.
  const fields = useRef(article)
  fields.current = article
  const run = useCallback(async () => {
    if (editor === null) return
    const current = bodyText(editor)
    setText(current)
    setFindings(await call(api().proofing.check({ text: current, article: fields.current, locale })))
  }, [editor, locale])

  useEffect(() => {
    void run()
    void call(api().proofing.words()).then(setWords, () => undefined)
  }, [run])

  const apply = (f: Finding, replacement: string) => {
    if (editor === null) return
    if (!selectRange(editor, f.start, f.end, text.slice(f.start, f.end), replacement)) {
      // The text moved on since the check: check again rather than fix the wrong place.
      void run()
      return
    }
    // The other findings move with the edit at once, so the next fix lands where it should; a fresh check follows.
    const delta = replacement.length - (f.end - f.start)
    setText(text.slice(0, f.start) + replacement + text.slice(f.end))
    setFindings((all) =>
      (all ?? [])
        .filter((x) => x !== f && !(x.start < f.end && x.end > f.start && x.end > x.start))
        .map((x) => (x.start >= f.end ? { ...x, start: x.start + delta, end: x.end + delta } : x))
    )
    setTimeout(() => void run(), 400)
  }

  const show = (f: Finding) => {
    if (editor === null || f.end === f.start) return
    if (selectRange(editor, f.start, f.end, text.slice(f.start, f.end))) editor.focus()
  }

  const forget = async (word: string, how: 'ignore' | 'add') => {
    if (how === 'ignore') await call(api().proofing.ignore({ word }))
    else setWords(await call(api().proofing.addWord({ word })))
    await run()
  }

  return (
    <SidePanel className="proofing-panel" title={t('proofing.title')} testId="proofing-panel" onClose={onClose}>
      <button type="button" onClick={() => void run()} data-testid="run-proofing">
        {t('proofing.run')}
      </button>
      {note !== null && <p role="status">{note}</p>}
      {findings !== null && findings.length === 0 && <p>{t('proofing.none')}</p>}
      <ul className="findings">
        {(findings ?? []).map((f, i) => (
          <li key={`${f.kind}-${f.start}-${i}`} className="finding" data-testid="finding" data-kind={f.kind}>
            <span className="finding-kind">{t(`proofing.kinds.${f.kind}`)}</span>
            {f.end > f.start && (
              <button type="button" className="finding-text btn-link" dir="auto" onClick={() => show(f)}>
                {text.slice(f.start, f.end)}
              </button>
            )}
            <span>{f.message}</span>
            <span className="finding-actions">
              {f.kind === 'spelling' || f.kind === 'probable-slip' ? (
                <>
                  {f.suggestions.length === 0 && (
                    <button
                      type="button"
                      onClick={() =>
                        void call(api().proofing.suggest({ word: text.slice(f.start, f.end) })).then((found) =>
                          setFindings((all) => (all ?? []).map((x) => (x === f ? { ...x, suggestions: found } : x)))
                        )
                      }
                    >
                      {t('proofing.suggest')}
                    </button>
                  )}
                  {f.suggestions.map((s) => (
                    <button key={s} type="button" onClick={() => apply(f, s)} className="spell-suggestion">
                      {s}
                    </button>
                  ))}
                  <button type="button" onClick={() => void forget(text.slice(f.start, f.end), 'ignore')}>
                    {t('proofing.ignore')}
                  </button>
                  <button type="button" onClick={() => void forget(text.slice(f.start, f.end), 'add')}>
                    {t('proofing.addWord')}
                  </button>
                </>
              ) : (
                f.suggestions[0] !== undefined && (
                  <button type="button" className="btn-primary" onClick={() => apply(f, f.suggestions[0]!)} data-testid="fix">
                    {t('proofing.fix')}
                  </button>
                )
              )}
            </span>
          </li>
        ))}
      </ul>
      <section>
        <h3>{t('proofing.dictionary')}</h3>
        {words.length === 0 ? (
          <p>{t('proofing.dictionaryEmpty')}</p>
        ) : (
          <ul className="newsroom-words" data-testid="newsroom-words">
            {words.map((w) => (
              <li key={w}>
                <span>{w}</span>{' '}
                <button type="button" className="btn-link" onClick={() => void call(api().proofing.removeWord({ word: w })).then(setWords)}>
                  {t('proofing.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => void call(api().proofing.exportWords()).then((saved) => saved && setNote(t('proofing.exported')))} data-testid="export-words">
          {t('proofing.export')}
        </button>
      </section>
    </SidePanel>
  )
}
