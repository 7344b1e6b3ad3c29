import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './vite.renderer.config.mts'
import { aliases } from './aliases.mts'

export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/main',
      // The spell checker, the image cleaner and the HEIC converter run in worker threads started from their own files beside index.js.
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'spell-worker': resolve(import.meta.dirname, 'src/main/proofing/spell-worker.ts'),
          'clean-worker': resolve(import.meta.dirname, 'src/main/media/clean-worker.ts'),
          'heic-worker': resolve(import.meta.dirname, 'src/main/media/heic-worker.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') } }
    }
  },
  // scripts/check-package.ts builds main and preload only: the browser tests use the renderer build:web made.
  ...(process.env.QALAM_SKIP_RENDERER === '1' ? {} : { renderer: rendererConfig })
})
