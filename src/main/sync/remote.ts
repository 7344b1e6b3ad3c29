import type { ArticleStatus } from '@shared/domain/article'
import type { PostState } from './wordpress/routes'

/**
 * How this machine reads a post's version and status. modified_gmt has one-second
 * resolution, so the status and the number of revisions (which grows with every
 * content save) go with it: an edit in the same second as a push is still seen.
 */
export function versionOf(post: PostState): string {
  const history = post._links?.['version-history']?.[0]?.count
  return `${post.modified_gmt}|${post.status}|${history ?? '-'}`
}

/** Whether a post is still at the version recorded; a revision count is compared only when both sides have one. */
export function sameVersion(post: PostState, recorded: string | null): boolean {
  if (recorded === null) return false
  const [modified, status, count] = recorded.split('|')
  const now = versionOf(post).split('|')
  if (now[0] !== modified || now[1] !== status) return false
  return count === '-' || now[2] === '-' || now[2] === count
}

/** The revision count a recorded version carries (NaN when it has none). */
export function revisionCount(version: string | null): number {
  return Number(version?.split('|')[2])
}

/** The post's state as recorded in a version (for posts the site did not list as changed). */
export function stateFromVersion(remoteId: number, version: string | null, fallback: { status: string | null; link: string | null }): PostState {
  const [modified, status, count] = (version ?? '').split('|')
  return {
    id: remoteId,
    modified_gmt: modified ?? '',
    status: status ?? fallback.status ?? 'draft',
    link: fallback.link ?? '',
    _links: count === undefined || count === '-' ? undefined : { 'version-history': [{ count: Number(count) }] }
  }
}

/** The site's status for a local workflow status. */
export function remoteStatusOf(status: ArticleStatus): string {
  switch (status) {
    case 'published':
      return 'publish'
    case 'scheduled':
      return 'future'
    case 'submitted':
    case 'in_review':
    case 'changes_requested':
    case 'approved':
      return 'pending'
    default:
      return 'draft'
  }
}

/** The local status for the site's, keeping a finer local status that maps to the same word. */
export function localStatusOf(remote: string, current: ArticleStatus): ArticleStatus {
  if (remoteStatusOf(current) === remote) return current
  switch (remote) {
    case 'publish':
    case 'private':
      return 'published'
    case 'future':
      return 'scheduled'
    case 'pending':
      return 'submitted'
    default:
      return 'draft'
  }
}
