import { z } from 'zod'

/** What an export asks for: which article, sealed how (age), and whether private notes go too (sealed only). */
export const bundleExportSchema = z
  .object({
    articleId: z.uuid(),
    seal: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('none') }).strict(),
        z.object({ kind: z.literal('passphrase'), passphrase: z.string().min(8).max(1024) }).strict(),
        z.object({ kind: z.literal('colleague'), fingerprint: z.string().regex(/^[0-9a-f]{4}( [0-9a-f]{4}){4}$/) }).strict()
      ])
      .optional(),
    includeNotes: z.boolean().optional()
  })
  .strict()
