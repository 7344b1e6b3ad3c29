import { useEffect, useState } from 'react'
import { api, call } from '../../api'

export type SiteCategory = { id: number; name: string; parent: number }

/** The categories of the open article's site, for picking; read again after each sync. */
export function useSiteCategories(siteId: string | null, lastSync: number | null | undefined): SiteCategory[] {
  const [categories, setCategories] = useState<SiteCategory[]>([])
  useEffect(() => {
    if (siteId === null) return setCategories([])
    void call(api().sites.terms({ siteId })).then(
      (terms) => setCategories(terms.categories),
      () => setCategories([])
    )
  }, [siteId, lastSync])
  return categories
}
