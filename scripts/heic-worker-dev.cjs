// Starts the HEIC converter's worker from its TypeScript source (tests, the test host, benchmarks):
// tsx's CommonJS hooks let this thread require .ts files. The app runs the bundled
// out/main/heic-worker.js instead.
require('tsx/cjs')
require('../src/main/media/heic-worker.ts')
