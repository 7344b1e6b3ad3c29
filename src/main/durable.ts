import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/** Makes what was written to a file reach the disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** A rename or a deletion in a folder must reach the disk too (POSIX); Windows cannot open folders this way. */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32' || !existsSync(dir)) return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Writes a file so that a crash leaves the old one or the whole new one, never half of either. */
export function writeFileDurably(path: string, data: Uint8Array | string, mode?: number): void {
  const temp = `${path}.partial`
  const fd = openSync(temp, 'w', mode)
  try {
    try {
      if (typeof data === 'string') writeSync(fd, data)
      else writeSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    // A full disk: nothing half-written stays behind (the old file, if any, is untouched).
    rmSync(temp, { force: true })
    throw error
  }
  renameSync(temp, path)
  syncFolder(dirname(path))
}

/** Overwrites a file's bytes where they lie with random ones and makes that reach the disk (a key or a sealed file must not stay in its blocks). */
export function overwriteInPlace(path: string): void {
  if (!existsSync(path)) return
  const fd = openSync(path, 'r+')
  try {
    const size = Math.max(fstatSync(fd).size, 4096)
    writeSync(fd, randomBytes(size), 0, size, 0)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Overwrites a file with random bytes, makes that reach the disk, and deletes it. */
export function destroyFile(path: string): void {
  overwriteInPlace(path)
  rmSync(path, { force: true })
}
