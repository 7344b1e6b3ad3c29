import { readFileSync, renameSync, writeFileSync } from 'node:fs'

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Bounds
  maximized: boolean
}

export const DEFAULT_WINDOW: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false }
const MIN_WIDTH = 720
const MIN_HEIGHT = 480

function isBounds(value: unknown): value is Bounds {
  const b = value as Bounds
  return typeof value === 'object' && value !== null && [b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))
}

/**
 * Restores the saved window where it was, unless the display it was on is gone:
 * then it is centred on the first display, so it never opens off screen.
 */
export function restoreWindowState(saved: unknown, workAreas: Bounds[]): WindowState {
  const fallbackArea = workAreas[0] ?? DEFAULT_WINDOW.bounds
  const center = (w: number, h: number): Bounds => ({
    width: w,
    height: h,
    x: Math.round(fallbackArea.x + (fallbackArea.width - w) / 2),
    y: Math.round(fallbackArea.y + (fallbackArea.height - h) / 2)
  })
  const state = saved as Partial<WindowState> | null
  if (state === null || typeof state !== 'object' || !isBounds(state.bounds)) {
    return { bounds: center(Math.min(DEFAULT_WINDOW.bounds.width, fallbackArea.width), Math.min(DEFAULT_WINDOW.bounds.height, fallbackArea.height)), maximized: false }
  }
  const width = Math.max(MIN_WIDTH, Math.round(state.bounds.width))
  const height = Math.max(MIN_HEIGHT, Math.round(state.bounds.height))
  const b = { ...state.bounds, width, height }
  // Visible enough: at least 100×50 px of its top strip lies inside some display.
  const visible = workAreas.some((a) => {
    const ix = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x)
    const iy = Math.min(b.y + 50, a.y + a.height) - Math.max(b.y, a.y)
    return ix >= 100 && iy >= 50
  })
  return {
    bounds: visible ? { x: Math.round(b.x), y: Math.round(b.y), width, height } : center(Math.min(width, fallbackArea.width), Math.min(height, fallbackArea.height)),
    maximized: state.maximized === true
  }
}

/** Reads the saved window state; anything unreadable counts as none. */
export function loadWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch {
    return null
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state))
  renameSync(`${file}.tmp`, file)
}
