import { useCallback, useEffect, useRef, useState } from 'react'
import { api, call } from '../../api'
import { useNotices } from '../../app/notices'

export type NoteState = 'loading' | 'saved' | 'unsaved' | 'saving'

/** The open article's private note: loaded once, saved a moment after typing stops, on leaving the field, and when the panel closes. */
export function usePrivateNote(articleId: string) {
  const { report } = useNotices()
  const [body, setBody] = useState('')
  const [state, setState] = useState<NoteState>('loading')
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const save = useCallback(async () => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
    const text = pending.current
    if (text === null) return
    pending.current = null
    setState('saving')
    try {
      await call(api().notes.save({ articleId, body: text }))
      setState(pending.current === null ? 'saved' : 'unsaved')
    } catch (error) {
      pending.current ??= text
      setState('unsaved')
      report(error)
    }
  }, [articleId, report])

  useEffect(() => {
    let live = true
    void call(api().notes.get({ articleId })).then(
      (note) => {
        if (!live) return
        setBody(note?.body ?? '')
        setState('saved')
      },
      (error) => report(error)
    )
    return () => {
      live = false
    }
  }, [articleId, report])

  // Whatever was typed is written when the panel closes or the article changes.
  useEffect(() => () => void save(), [save])

  const change = useCallback(
    (text: string) => {
      setBody(text)
      pending.current = text
      setState('unsaved')
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = setTimeout(() => void save(), 800)
    },
    [save]
  )

  return { body, state, change, save }
}

export type PrivateNoteModel = ReturnType<typeof usePrivateNote>
