import { resolve } from 'node:path'

/**
 * The path aliases, one list for every tool that resolves imports (vite, electron-vite,
 * vitest); TypeScript and tsx read the same names from tsconfig.base.json's `paths`.
 */
export const aliases = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@main': resolve(import.meta.dirname, 'src/main'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src')
}
