/**
 * A text field that grows with its text (the headline, the standfirst): never a scrollbar inside it.
 * CSS sizes it (`field-sizing: content`), so opening an article never forces a layout from script.
 */
export function AutoGrowField(props: {
  name: string
  label: string
  placeholder: string
  rows: number
  value: string
  /** The headline is one line: line breaks typed or pasted become spaces. */
  singleLine?: boolean
  onChange: (value: string) => void
  onBlur: () => void
}) {
  return (
    <textarea
      className={props.name}
      name={props.name}
      dir="rtl"
      rows={props.rows}
      aria-label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onChange(props.singleLine === true ? e.target.value.replace(/\n/g, ' ') : e.target.value)}
      onBlur={props.onBlur}
    />
  )
}
