import { describe, expect, it } from 'vitest'
import { restoreWindowState, loadWindowState, saveWindowState } from '@main/window-state'
import { tempDir } from '../support/temp'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'

const laptop = { x: 0, y: 0, width: 1920, height: 1040 }
const external = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('window state', () => {
  it('puts the window back where it was', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 1400, height: 900 }, maximized: true }
    expect(restoreWindowState(saved, [laptop, external])).toEqual(saved)
  })

  it('brings the window back on screen when its display is gone', () => {
    const state = restoreWindowState({ bounds: { x: 2100, y: 80, width: 1400, height: 900 }, maximized: false }, [laptop])
    expect(state.bounds).toEqual({ x: 260, y: 70, width: 1400, height: 900 })
  })

  it('ignores garbage and tiny sizes', () => {
    expect(restoreWindowState(null, [laptop]).bounds.width).toBe(1280)
    expect(restoreWindowState({ bounds: { x: 'a' } }, [laptop]).bounds.width).toBe(1280)
    expect(restoreWindowState({ bounds: { x: 10, y: 10, width: 5, height: 5 } }, [laptop]).bounds).toMatchObject({ width: 720, height: 480 })
  })

  it('survives a missing or broken file', () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'window-state.json')
    expect(loadWindowState(file)).toBeNull()
    writeFileSync(file, '{not json')
    expect(loadWindowState(file)).toBeNull()
    saveWindowState(file, { bounds: laptop, maximized: false })
    expect(loadWindowState(file)).toEqual({ bounds: laptop, maximized: false })
    tmp.remove()
  })
})
