import { execFileSync } from 'node:child_process'

/**
 * A measured figure with its target, printed with ✓ or ✗ in the terminal and as a
 * Markdown table for BENCHMARKS.md (`--markdown`), so the table there is the bench's
 * own output, with the date and commit it was measured at.
 */
export interface Figure {
  section: string
  name: string
  value: number
  unit: 'ms' | '×' | 's' | 'MiB' | ''
  /** The figure must be at most this (or, with `atLeast`, at least). Undefined: measured for reference. */
  target?: number
  atLeast?: boolean
  /** Where the target comes from, or what the figure is compared with. */
  note?: string
}

const fmt = (value: number, unit: Figure['unit']) =>
  unit === 'ms'
    ? `${value.toFixed(value < 10 ? 2 : 1)} ms`
    : unit === '×'
      ? `${value.toFixed(2)}×`
      : unit === 's'
        ? `${value.toFixed(2)} s`
        : unit === 'MiB'
          ? `${value.toFixed(0)} MiB`
          : value.toFixed(2)

export const met = (f: Figure): boolean | null => (f.target === undefined ? null : f.atLeast === true ? f.value >= f.target : f.value <= f.target)

const targetText = (f: Figure) => (f.target === undefined ? '—' : `${f.atLeast === true ? '≥' : '≤'} ${fmt(f.target, f.unit)}`)

export function printFigures(figures: Figure[]): void {
  let section = ''
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section
      console.log(`\n${section}`)
    }
    const ok = met(f)
    const mark = ok === null ? ' ' : ok ? '✓' : '✗'
    console.log(`  ${mark} ${f.name.padEnd(58)} ${fmt(f.value, f.unit).padStart(11)}   target ${targetText(f)}${f.note ? `  (${f.note})` : ''}`)
  }
  const judged = figures.filter((f) => met(f) !== null)
  console.log(`\n${judged.filter((f) => met(f)).length} of ${judged.length} targets met`)
}

function commit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${hash} with uncommitted changes` : hash
  } catch {
    return 'unknown commit'
  }
}

/** The figures as a Markdown section: a heading with the date and commit, one table. */
export function markdownFigures(title: string, figures: Figure[], machine: string): string {
  const lines = [
    `## ${title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} at commit ${commit()} on ${machine}.`,
    '',
    '| | figure | measured | target | note |',
    '| --- | --- | --- | --- | --- |'
  ]
  for (const f of figures) {
    const ok = met(f)
    lines.push(`| ${ok === null ? '' : ok ? '✓' : '✗'} | ${f.section}: ${f.name} | ${fmt(f.value, f.unit)} | ${targetText(f)} | ${f.note ?? ''} |`)
  }
  return lines.join('\n')
}
