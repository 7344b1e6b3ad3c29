import { z } from 'zod'
import { NETWORK_MODES, isProxyHost } from '../domain/network'
import { DIGITS, LOCK_AFTER_CHOICES, MONTH_NAMES, TEXT_SIZES, UPLOAD_SIDES } from '../domain/app'

const id = z.uuid()

/** What the renderer may change in the settings: each field bounded to the values the desk offers. */
export const settingsPatchSchema = z
  .object({
    locale: z.enum(['ar', 'en']).optional(),
    lastArticleId: id.nullable().optional(),
    userName: z.string().trim().max(200).optional(),
    role: z.enum(['reporter', 'editor']).optional(),
    lockAfterMinutes: z.union(LOCK_AFTER_CHOICES.map((m) => z.literal(m)) as [z.ZodLiteral<0>, z.ZodLiteral<5>, z.ZodLiteral<15>, z.ZodLiteral<30>, z.ZodLiteral<60>]).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    textSize: z
      .number()
      .int()
      .refine((n) => (TEXT_SIZES as readonly number[]).includes(n), 'one of the text sizes')
      .optional(),
    monthNames: z.enum(MONTH_NAMES).optional(),
    digits: z.enum(DIGITS).optional(),
    uploadMaxSide: z
      .number()
      .int()
      .refine((n) => (UPLOAD_SIDES as readonly number[]).includes(n), 'one of the photo sizes')
      .optional(),
    network: z
      .object({
        mode: z.enum(NETWORK_MODES),
        host: z.string().max(253),
        port: z.number().int().min(0).max(65535)
      })
      .strict()
      .refine((n) => n.mode === 'system' || n.mode === 'none' || (isProxyHost(n.host) && n.port >= 1), 'a proxy needs its host and port')
      .transform((n) => (n.mode === 'system' || n.mode === 'none' ? { mode: n.mode, host: '', port: 0 } : n))
      .optional()
    // Not the update server: that changes only through updates:setServer, after the main process asks.
  })
  .strict()
