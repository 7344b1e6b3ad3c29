import type { Snapshot } from '@main/document/merge'

/** An article in the form sync and bundles compare it in (see src/main/document/merge.ts), with these blocks. */
export const snapshot = (blocks: string[], over: Partial<Snapshot> = {}): Snapshot => ({
  title: 'عنوان',
  standfirst: '',
  slug: '',
  status: 'draft',
  categories: [],
  tags: [],
  blocks,
  featured: '',
  publishAt: null,
  review: null,
  ...over
})
