import { z } from 'zod'
import type { InstallerResult, UpdateState } from '../domain/updates'
import { def } from './def'

const empty = z.object({}).strict()

/** Updates: where they stand, a check now, install on quit or now, and an installer from a file. */
export const updatesContract = {
  'updates:status': def<UpdateState>()(empty),
  'updates:check': def<UpdateState>()(empty),
  'updates:install': def<UpdateState>()(z.object({ when: z.enum(['quit', 'now']) }).strict()),
  'updates:fromFile': def<InstallerResult>()(empty)
} as const
