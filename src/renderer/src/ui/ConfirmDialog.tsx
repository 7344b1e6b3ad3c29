import { useModal } from './useModal'

/** A modal question with a destructive answer and a safe one (the default). */
export function ConfirmDialog(props: { title: string; body: string; confirm: string; cancel: string; onConfirm: () => void; onCancel: () => void }) {
  const ref = useModal()
  return (
    <dialog ref={ref} className="confirm-dialog" onCancel={props.onCancel} aria-labelledby="confirm-title">
      <h2 id="confirm-title">{props.title}</h2>
      <p>{props.body}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={props.onCancel}>
          {props.cancel}
        </button>
        <button type="button" className="btn-danger" onClick={props.onConfirm} data-testid="confirm-delete">
          {props.confirm}
        </button>
      </div>
    </dialog>
  )
}
