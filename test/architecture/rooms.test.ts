import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../support/sources'

/**
 * The house rules that keep every room small enough to hold in mind
 * (docs/ARCHITECTURE.md): checked on every run, so they stay true.
 */

const ROOT = join(import.meta.dirname, '../..')
const SRC = join(ROOT, 'src')
const MAX_LINES = 400
const MAX_PROPS = 8

const sources = sourceFiles(SRC)
/** The locale tables are long by nature: every word of the interface, in one place per language. */
const exempt = (path: string) => /\/locales\/[a-z]{2}\.ts$/.test(path)

describe('rooms small enough to hold in mind', () => {
  it(`keeps every source file under ${MAX_LINES} lines (locale tables and CSS aside)`, () => {
    const long = sources
      .filter((path) => !exempt(path))
      .map((path) => ({ path: relative(ROOT, path), lines: readFileSync(path, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES)
    expect(long).toEqual([])
  })

  it(`gives no React component more than ${MAX_PROPS} props`, () => {
    const program = ts.createProgram(
      sources.filter((p) => p.endsWith('.tsx')),
      { jsx: ts.JsxEmit.ReactJSX, strict: true, noEmit: true, skipLibCheck: true, baseUrl: ROOT, paths: { '@shared/*': ['src/shared/*'], '@renderer/*': ['src/renderer/src/*'] } }
    )
    const checker = program.getTypeChecker()
    const wide: string[] = []
    let components = 0
    for (const file of program.getSourceFiles()) {
      if (!file.fileName.startsWith(SRC)) continue
      const visit = (node: ts.Node) => {
        const fn =
          ts.isFunctionDeclaration(node) && node.name !== undefined
            ? { name: node.name.text, params: node.parameters }
            : ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined && ts.isArrowFunction(node.initializer)
              ? { name: node.name.text, params: node.initializer.parameters }
              : null
        if (fn !== null && /^[A-Z]/.test(fn.name) && fn.params.length === 1) {
          const type = checker.getTypeAtLocation(fn.params[0]!)
          const count = type.getProperties().length
          components++
          if (count > MAX_PROPS) wide.push(`${relative(ROOT, file.fileName)} ${fn.name}: ${count} props`)
        }
        ts.forEachChild(node, visit)
      }
      visit(file)
    }
    expect(components).toBeGreaterThan(20)
    expect(wide).toEqual([])
  })
})
