import { z } from 'zod'
import type { InstallerResult, UpdateState } from '../domain/updates'
import { def } from './def'
import { isUpdateServerUrl } from '../domain/app'

const empty = z.object({}).strict()

/** Updates: where they stand, a check now, install on quit or now, and an installer from a file. */
export const updatesContract = {
  'updates:status': def<UpdateState>()(empty),
  'updates:check': def<UpdateState>()(empty),
  'updates:install': def<UpdateState>()(z.object({ when: z.enum(['quit', 'now']) }).strict()),
  'updates:fromFile': def<InstallerResult>()(empty),
  /** The newsroom's update server (null: the publisher's feed): changed only after the main process's own confirmation. */
  'updates:setServer': def<{ changed: boolean; server: string | null }>()(
    z.object({ url: z.string().trim().max(2000).refine(isUpdateServerUrl, 'an https address').nullable() }).strict()
  )
} as const
