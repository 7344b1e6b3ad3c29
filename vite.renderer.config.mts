import { resolve } from 'node:path'
import { defineConfig, type UserConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { CONTENT_SECURITY_POLICY } from './src/main/csp'
import { aliases } from './aliases.mts'

/** The renderer build, shared by electron-vite (the app) and the test host (npm run build:web). */
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  resolve: { alias: { '@shared': aliases['@shared'], '@renderer': aliases['@renderer'] } },
  plugins: [
    react(),
    {
      name: 'qalam-csp',
      apply: 'build',
      transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`)
    }
  ],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 2_000
  }
}

export default defineConfig(rendererConfig)
