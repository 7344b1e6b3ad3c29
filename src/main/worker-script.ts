import { basename, dirname, join } from 'node:path'

/**
 * Where a worker thread's script is (the spell checker, the image cleaner, the HEIC converter):
 * in the app, the bundled `<name>.js` beside the main file (this code may sit in a shared chunk
 * under out/main/chunks), started from app.asar.unpacked, since a worker thread cannot read
 * inside the asar (electron-builder.yml's asarUnpack); under tsx, scripts/<name>-dev.cjs, which
 * loads the TypeScript source.
 */
export function workerScript(name: 'spell-worker' | 'clean-worker' | 'heic-worker'): string {
  if (__filename.endsWith('.ts')) return join(__dirname, `../../scripts/${name}-dev.cjs`)
  const main = basename(__dirname) === 'chunks' ? dirname(__dirname) : __dirname
  return outsideAsar(join(main, `${name}.js`))
}

/** The same file's path in app.asar.unpacked when it is inside app.asar. */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
}
