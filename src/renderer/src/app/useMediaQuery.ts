import { useEffect, useState } from 'react'

/** Whether a media query matches now, following the window as it is resized. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const list = window.matchMedia(query)
    const follow = () => setMatches(list.matches)
    follow()
    list.addEventListener('change', follow)
    return () => list.removeEventListener('change', follow)
  }, [query])
  return matches
}

/**
 * Below this width the article list folds to a rail, so the text keeps its measure with a
 * panel open (theme.css holds the same figure in its media query).
 */
export const NARROW_DESK = '(max-width: 1279px)'
