import { useEffect, useRef } from 'react'

/** A `<dialog>` shown as a modal once it is on the page (Escape then cancels it, focus stays inside). */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog !== null && !dialog.open) dialog.showModal()
  }, [])
  return ref
}
