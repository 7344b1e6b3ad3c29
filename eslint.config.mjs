import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.native/**', '.dev-data/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off'
    }
  },
  // CommonJS bootstraps (scripts/*.cjs) load with require by nature.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // src/shared is pure TypeScript: no Electron, Node, DOM or React.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', ...NODE_BUILTINS, 'better-sqlite3', 'react', 'react-dom', 'lexical', '@lexical/*'],
              message: 'src/shared is pure: no platform imports.'
            },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '@main/*', '@renderer/*'], message: 'src/shared imports nothing from the layers above it.' }
          ]
        }
      ]
    }
  },
  // The renderer never touches Node, Electron, SQL or the main process.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', ...NODE_BUILTINS, 'better-sqlite3'], message: 'The renderer talks to the main process through window.api only.' },
            { group: ['**/main/**', '**/preload/**', '@main/*'], message: 'The renderer never imports the main process or the preload.' }
          ]
        }
      ]
    }
  },
  // The preload exposes the typed api and nothing else.
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...NODE_BUILTINS, 'better-sqlite3', 'zod'], message: 'The sandboxed preload loads only electron and src/shared/ipc.' },
            { group: ['**/main/**', '**/renderer/**', '@main/*', '@renderer/*'], message: 'The preload never imports main or renderer code.' }
          ]
        }
      ]
    }
  },
  // SQL lives in repositories; services and IPC never import better-sqlite3 directly.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'better-sqlite3', message: 'SQL lives in src/main/store only.' }] }]
    }
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  }
)
