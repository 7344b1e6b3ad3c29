import { createRequire } from 'node:module'

/**
 * WordPress's own block validator, in Node: `parse()` from `@wordpress/blocks` with the
 * core blocks of `@wordpress/block-library` registered re-runs each block's `save()` and
 * compares it with the stored HTML, exactly as the block editor does when it opens a post
 * (a mismatch is "This block contains unexpected or invalid content"). Loaded as their
 * CommonJS builds under jsdom, as their own test suites run (see
 * ../shared/design/block-validator.md); loading takes seconds, so once per test file.
 */

export interface BlockVerdict {
  name: string
  valid: boolean
  /** What the validator said, for a block it found invalid. */
  issues: string[]
  inner: BlockVerdict[]
}

interface WpBlock {
  name: string
  isValid: boolean
  validationIssues?: { args?: unknown[] }[]
  innerBlocks: WpBlock[]
}

let loaded: { parse(markup: string): WpBlock[] } | null = null

const CONSOLE = ['error', 'warn', 'info', 'log', 'group', 'groupCollapsed', 'groupEnd'] as const

/** Runs `work` with the console silenced (the libraries log every validation failure at length). */
function quietly<T>(work: () => T): T {
  const saved = CONSOLE.map((k) => console[k])
  for (const k of CONSOLE) console[k] = () => {}
  try {
    return work()
  } finally {
    CONSOLE.forEach((k, i) => (console[k] = saved[i]!))
  }
}

function load(): { parse(markup: string): WpBlock[] } {
  if (loaded !== null) return loaded
  const require = createRequire(import.meta.url)
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options: { url: string }) => { window: Record<string, unknown> } }
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' })
  const g = globalThis as Record<string, unknown>
  for (const key of ['window', 'document', 'navigator', 'MutationObserver'] as const) {
    if (g[key] === undefined) g[key] = key === 'window' ? dom.window : dom.window[key]
  }
  loaded = quietly(() => {
    const blocks = require('@wordpress/blocks') as { parse(markup: string): WpBlock[]; getBlockTypes(): unknown[] }
    const library = require('@wordpress/block-library') as { registerCoreBlocks(): void }
    if (blocks.getBlockTypes().length === 0) library.registerCoreBlocks()
    return blocks
  })
  return loaded
}

function verdict(b: WpBlock): BlockVerdict {
  return {
    name: b.name,
    valid: b.isValid,
    issues: (b.validationIssues ?? []).map((i) => (i.args ?? []).map(String).join(' ').slice(0, 400)),
    inner: b.innerBlocks.map(verdict)
  }
}

/** The block editor's verdict on each block of a post, inner blocks included. */
export function validatePost(markup: string): BlockVerdict[] {
  const { parse } = load()
  return quietly(() => parse(markup)).map(verdict)
}

/** The invalid blocks of a post, at any depth, as `name: issue` lines (empty when the editor opens every block cleanly). */
export function invalidBlocks(markup: string): string[] {
  const out: string[] = []
  const walk = (vs: BlockVerdict[]) => {
    for (const v of vs) {
      if (!v.valid) out.push(`${v.name}: ${v.issues.join(' / ') || 'invalid'}`)
      walk(v.inner)
    }
  }
  walk(validatePost(markup))
  return out
}
