import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './vite.renderer.config.mts'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The spell checker runs in a worker thread started from its own file beside index.js.
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'spell-worker': resolve(import.meta.dirname, 'src/main/proofing/spell-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: rendererConfig
})
