import type { Messages } from './ar'

/** English, switchable in the settings. */
const en: Messages = {
  app: { name: 'Qalam', tagline: "Editor's desk" },
  status: {
    draft: 'Draft',
    submitted: 'Submitted',
    in_review: 'In review',
    changes_requested: 'Changes requested',
    approved: 'Approved',
    scheduled: 'Scheduled',
    published: 'Published',
    spiked: 'Spiked'
  },
  list: {
    heading: 'Articles',
    new: 'New article',
    search: 'Find by title',
    allStatuses: 'All statuses',
    active: 'Articles',
    trash: 'Trash',
    empty: 'No articles here yet.',
    emptyTrash: 'The trash is empty.',
    untitled: 'Untitled',
    edited: 'edited {{when}}',
    duplicate: 'Duplicate',
    moveToTrash: 'Move to trash',
    restore: 'Restore',
    deleteForever: 'Delete for good',
    confirmDeleteTitle: 'Delete this article for good?',
    confirmDeleteBody: '“{{title}}” and its saved versions will be removed from this computer. This cannot be undone.',
    confirmDelete: 'Delete for good',
    cancel: 'Cancel',
    filterByStatus: 'Filter by status'
  },
  editor: {
    rawBlock: 'A block from the site, kept as it is:',
    headline: 'Headline',
    headlinePlaceholder: 'Write the headline',
    standfirst: 'Standfirst',
    standfirstPlaceholder: 'A short summary of the story',
    bodyPlaceholder: 'Start writing…',
    noArticle: 'Pick an article from the list or create a new one.',
    trashed: 'This article is in the trash. Restore it to edit it.',
    loading: 'Opening…'
  },
  toolbar: {
    label: 'Formatting',
    undo: 'Undo',
    redo: 'Redo',
    blockType: 'Paragraph style',
    paragraph: 'Paragraph',
    h2: 'Heading 2',
    h3: 'Heading 3',
    h4: 'Heading 4',
    bold: 'Bold',
    italic: 'Italic',
    underline: 'Underline',
    strikethrough: 'Strikethrough',
    link: 'Link',
    bullet: 'Bulleted list',
    number: 'Numbered list',
    quote: 'Quote',
    separator: 'Separator',
    image: 'Image',
    direction: 'Paragraph direction (RTL/LTR)',
    boldGlyph: 'B',
    italicGlyph: 'I',
    underlineGlyph: 'U',
    strikethroughGlyph: 'S',
    snapshot: 'Save a version'
  },
  link: {
    title: 'Add link',
    url: 'Link address',
    apply: 'Apply',
    remove: 'Remove link',
    cancel: 'Cancel',
    invalid: 'Not a valid link: only http, https and mailto links are accepted.'
  },
  image: {
    alt: 'Alt text (for screen readers)',
    caption: 'Caption',
    missing: 'The image is missing from the data folder'
  },
  meta: {
    heading: 'Article details',
    byline: 'Byline',
    dateline: 'Dateline',
    categories: 'Categories',
    tags: 'Tags',
    listHint: 'Separate with commas',
    slug: 'Slug',
    label: 'Label',
    labelNone: 'None',
    labelExclusive: 'Exclusive',
    labelAgencies: 'Agencies',
    labelCorrespondent: 'Our correspondent',
    status: 'Status',
    siteCategories: 'The site’s categories',
    featured: 'Featured image',
    featuredPick: 'Pick a featured image',
    featuredChange: 'Change',
    featuredRemove: 'Remove',
    publishAt: 'Publishing time',
    publishAtHint: 'Used when the status is “scheduled”.'
  },
  counts: {
    words_zero: 'no words',
    words_one: '{{count}} word',
    words_two: '{{count}} words',
    words_few: '{{count}} words',
    words_many: '{{count}} words',
    words_other: '{{count}} words',
    characters_zero: 'no characters',
    characters_one: '{{count}} character',
    characters_two: '{{count}} characters',
    characters_few: '{{count}} characters',
    characters_many: '{{count}} characters',
    characters_other: '{{count}} characters',
    reading_zero: 'no reading time',
    reading_one: '{{count}} min read',
    reading_two: '{{count}} min read',
    reading_few: '{{count}} min read',
    reading_many: '{{count}} min read',
    reading_other: '{{count}} min read'
  },
  save: {
    saved: 'Saved · {{time}}',
    saving: 'Saving…',
    unsaved: 'Unsaved changes',
    error: 'Could not save: {{reason}}. Qalam will retry on its own; nothing you wrote is lost.',
    snapshotDone: 'Version saved · {{time}}'
  },
  revisions: {
    heading: 'Saved versions',
    open: 'Versions',
    close: 'Close',
    none: 'No saved versions yet. Press Ctrl+S to save one.',
    restore: 'Restore this version',
    restored: 'Version restored; what was there before was saved as a version.',
    reason: {
      manual: 'Saved by hand',
      auto: 'Periodic save',
      'before-trash': 'Before moving to trash',
      'before-restore': 'Before restoring a version',
      imported: 'Imported',
      'before-sync': 'Before the site’s version'
    }
  },
  settings: {
    language: 'Interface language',
    arabic: 'العربية',
    english: 'English'
  },
  store: {
    title: 'Qalam could not open its database',
    reason: {
      corrupt: 'The database file is damaged.',
      'not-a-database': 'The file where the database should be is not a database.',
      'newer-schema': 'The database was created by a newer version of Qalam. Update the app to open it.',
      locked: 'Another program has locked the database. Close it, then retry.',
      unreadable: 'The database file cannot be read (permissions or a disk error).'
    },
    path: 'File: {{path}}',
    untouched: 'Nothing in this file was changed.',
    startFresh: 'Start with a new database and keep the old file aside',
    retry: 'Retry',
    keptAside: 'The old file was moved to: {{path}}'
  },
  search: {
    open: 'Search',
    title: 'Search the articles',
    placeholder: 'Search every article',
    none: 'Nothing found.'
  },
  sync: {
    open: 'Sync',
    title: 'Sync with the site',
    sites: 'Sites',
    noSites: 'No site yet. Add the newspaper’s site to send articles to it.',
    addSite: 'Add a site',
    address: 'Site address',
    username: 'Username',
    appPassword: 'Application password',
    appPasswordHint: 'Created in your WordPress profile; not your usual password.',
    signIn: 'Check and add',
    checking: 'Checking…',
    removeSite: 'Remove',
    signedInAs: 'as {{name}}',
    lastSync: 'Last sync: {{when}}',
    never: 'Never synced',
    syncAll: 'Sync all',
    syncThis: 'Sync this article',
    cancel: 'Cancel sync',
    running: 'Syncing: {{current}}',
    progressArticles: '{{done}} of {{total}} articles',
    progressBytes: 'Images uploaded',
    cancelled: 'Sync cancelled.',
    finished: 'Sync finished.',
    failures: 'Not synced:',
    site: 'Site',
    noSite: 'This machine only',
    askStatus: 'Status to ask for on the site',
    plainText: 'Password kept obfuscated (no keyring)',
    capabilityMissing: {
      publish_posts: 'This account may not publish: articles go for review only.',
      upload_files: 'This account may not upload images.'
    },
    plainStorage: {
      title: 'This system has no keyring',
      body: 'The application password would be kept obfuscated, not encrypted: anyone who can read your files can read it. Continue?',
      confirm: 'Keep it anyway'
    },
    remoteStatus: { publish: 'Published', future: 'Scheduled', draft: 'Draft', pending: 'Pending review', private: 'Private' },
    states: {
      local: 'This machine only',
      synced: 'Synced',
      changed_here: 'Changed here',
      changed_on_site: 'Changed on the site',
      conflict: 'Conflict',
      error: 'Sync error',
      deleted_on_site: 'Deleted on the site'
    },
    reasons: {
      wrong_address: 'There is no site at this address.',
      not_wordpress: 'This address is not a WordPress site.',
      rest_disabled: 'The REST API is switched off on this site.',
      wrong_password: 'Wrong username or application password.',
      app_passwords_unavailable: 'This site does not offer application passwords (they need HTTPS).',
      missing_capability: 'This account lacks the permission needed.',
      timeout: 'The site did not answer in time.',
      unreachable: 'Could not reach the site.',
      server_error: 'The site’s server failed.',
      rate_limited: 'The site asks to slow down; try again shortly.',
      rejected: 'The site refused the request.',
      cancelled: 'Cancelled.',
      insecure_storage: 'No keyring to keep the password safely.',
      no_secret_storage: 'This system cannot encrypt the password.'
    },
    conflict: {
      title: 'The same paragraphs changed here and on the site',
      intro: 'Your version stays in the article. Choose what stays at each place, then apply.',
      open: 'Compare and choose',
      mine: 'Mine',
      theirs: 'The site’s',
      both: 'Both',
      empty: '(nothing)',
      apply: 'Apply my choice',
      close: 'Close',
      fields: { title: 'Headline', standfirst: 'Standfirst', slug: 'Slug' }
    },
    deleted: {
      notice: 'This article was deleted on the site. Your copy here is safe.',
      recreate: 'Create it on the site again'
    },
    importing: {
      title: 'Import from the site',
      search: 'Search the site’s posts',
      show: 'Show',
      one: 'Import',
      already: 'On this machine',
      allNew: 'Import all new',
      status: 'Status on the site',
      done: '{{count}} articles imported.'
    },
    pulled: 'Changes from the site reached this article.',
    stale: 'The article changed from the site while you typed; what you had just typed is kept in the saved versions.'
  },
  errors: {
    SYNC_FAILED: 'Sync failed',
    INVALID_PAYLOAD: 'invalid data',
    UNKNOWN_CHANNEL: 'unknown request',
    FORBIDDEN_SENDER: 'request from an untrusted source',
    NOT_FOUND: 'not found',
    INVALID_STATE: 'not allowed right now',
    STORE_UNAVAILABLE: 'the database is unavailable',
    IO_ERROR: 'a file could not be read or written',
    INTERNAL: 'unexpected error'
  }
}

export default en
