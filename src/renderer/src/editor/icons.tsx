/** Small line icons for the toolbar: system emoji fonts are not on every machine. */
const common = {
  width: 18,
  height: 18,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true
}

export const LinkIcon = () => (
  <svg {...common}>
    <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7" />
    <path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
  </svg>
)
export const ImageIcon = () => (
  <svg {...common}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="9" cy="10" r="2" />
    <path d="M21 17l-5-5-9 8" />
  </svg>
)
export const UndoIcon = () => (
  <svg {...common}>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h11a5 5 0 0 1 0 10h-3" />
  </svg>
)
export const RedoIcon = () => (
  <svg {...common}>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9a5 5 0 0 0 0 10h3" />
  </svg>
)
export const BulletIcon = () => (
  <svg {...common}>
    <circle cx="5" cy="6" r="1" fill="currentColor" />
    <circle cx="5" cy="12" r="1" fill="currentColor" />
    <circle cx="5" cy="18" r="1" fill="currentColor" />
    <path d="M9 6h11M9 12h11M9 18h11" />
  </svg>
)
export const NumberIcon = () => (
  <svg {...common}>
    <path d="M9 6h11M9 12h11M9 18h11" />
    {/* 1, 2, 3 drawn as strokes, not text: a button's visible text must be in its name, and these are a picture. */}
    <path d="M4 4.5l1-1v4M3 10.5c0-.8 2-.8 2 0 0 .7-2 1.6-2 2.5h2M3 16.5h2l-1 1.2c.9 0 1 .4 1 .8 0 .5-.5.8-1 .8s-.8-.2-1-.5" strokeWidth="1" />
  </svg>
)
export const QuoteIcon = () => (
  <svg {...common}>
    <path d="M6 8h4v4c0 3-1.5 5-4 6M14 8h4v4c0 3-1.5 5-4 6" />
  </svg>
)
export const RuleIcon = () => (
  <svg {...common}>
    <path d="M3 12h18" />
  </svg>
)
export const ListIcon = () => (
  <svg {...common}>
    <path d="M4 6h16M4 12h16M4 18h16" />
  </svg>
)
export const PlusIcon = () => (
  <svg {...common}>
    <path d="M12 5v14M5 12h14" />
  </svg>
)
export const MoreIcon = () => (
  <svg {...common}>
    <circle cx="5" cy="12" r="1" fill="currentColor" />
    <circle cx="12" cy="12" r="1" fill="currentColor" />
    <circle cx="19" cy="12" r="1" fill="currentColor" />
  </svg>
)
