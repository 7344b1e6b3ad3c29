/** Where an update stands, as the settings dialog shows it. */
export type UpdateState =
  /** Running from source or in the test host: updates come with the next build. */
  | { kind: 'unsupported' }
  | { kind: 'idle'; checkedAt: number | null }
  | { kind: 'checking' }
  | { kind: 'none'; checkedAt: number }
  | { kind: 'downloading'; version: string; percent: number }
  /** Downloaded and verified by electron-updater; installs when Qalam closes, once the reporter agrees. */
  | { kind: 'ready'; version: string; onQuit: boolean }
  | { kind: 'failed'; problem: UpdateProblem; checkedAt: number | null }

export const UPDATE_PROBLEMS = ['offline', 'bad-signature', 'failed'] as const
export type UpdateProblem = (typeof UPDATE_PROBLEMS)[number]

/** Why an installer from a file was refused, worded by the renderer. */
export const INSTALLER_PROBLEMS = ['unsigned', 'bad-signature', 'not-newer', 'too-large', 'unreadable', 'wrong-file'] as const
export type InstallerProblem = (typeof INSTALLER_PROBLEMS)[number]

export type InstallerResult = { ok: true; version: string } | { ok: false; problem: InstallerProblem } | { ok: false; problem: 'cancelled' }
