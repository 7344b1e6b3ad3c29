import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { aliases } from './aliases.mts'

const resolve = { alias: aliases }

/** A project of suites against a real WordPress (test/wordpress/wordpress-setup.ts picks the version by the name). */
const wordpressProject = (name: string, include: string[]) => ({
  resolve,
  test: {
    name,
    environment: 'node' as const,
    include,
    globalSetup: ['test/wordpress/wordpress-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 10_000 } },
    fileParallelism: false
  }
})

export default defineConfig({
  test: {
    // The JSON report is what CI reads for its "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/security/*.test.ts'],
          testTimeout: 60_000
        }
      },
      {
        resolve,
        plugins: [react()],
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}']
        }
      },
      {
        resolve,
        test: {
          name: 'validator',
          environment: 'node',
          // WordPress's block validator (@wordpress/blocks with the core blocks) under its own jsdom globals: kept to these files.
          include: ['test/validator/**/*.test.ts'],
          testTimeout: 120_000
        }
      },
      // A real WordPress on loopback, started once for the project: 7.0 as released (from ../shared/wordpress-core) for every suite,
      // and Debian's 6.1, the oldest supported, for the sync round trip, the fault runs and the plugin suite.
      wordpressProject('wordpress', ['test/wordpress/**/*.test.ts', 'test/security/wordpress/*.test.ts']),
      wordpressProject('wordpress-6.1', [
        'test/wordpress/sync.test.ts',
        'test/wordpress/faults.test.ts',
        'test/wordpress/pieces.test.ts',
        'test/wordpress/notes.test.ts',
        'test/security/wordpress/*.test.ts'
      ]),
      {
        resolve,
        test: {
          name: 'package',
          environment: 'node',
          // electron-builder packs the real app against a stand-in Electron (scripts/check-package.ts).
          include: ['test/package/**/*.test.ts'],
          testTimeout: 600_000
        }
      },
      {
        resolve,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/security/e2e/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // A loaded CI machine is slower than a laptop; waiting longer costs nothing when all is well.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time on a two-core machine.
          fileParallelism: false
        }
      }
    ]
  }
})
