import type Database from 'better-sqlite3'
import * as m0010 from './0010-articles'
import * as m0020 from './0020-revisions'
import * as m0030 from './0030-media'
import * as m0040 from './0040-settings'
import * as m0050 from './0050-sync'
import * as m0060 from './0060-revision-reasons'
import * as m0070 from './0070-publishing'
import * as m0080 from './0080-search'
import * as m0090 from './0090-newsroom-words'
import * as m0100 from './0100-review'
import * as m0110 from './0110-sync-doubts'
import * as m0120 from './0120-search-pending'
import * as m0130 from './0130-search-vocabulary'
import * as m0140 from './0140-comment-tombstones'
import * as m0150 from './0150-relayed-by'
import * as m0160 from './0160-media-cleaning'
import * as m0170 from './0170-private-notes'
import * as m0180 from './0180-signing'
import * as m0190 from './0190-vouched-history'
import * as m0200 from './0200-article-signers'
import * as m0210 from './0210-media-full-size'
import * as m0220 from './0220-site-notes'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
  /** Changes rows only, not the schema (its own test checks what it does). */
  dataOnly?: true
}

/** Every migration, in order. A shipped migration is never edited: add a new one. */
export const MIGRATIONS: Migration[] = [
  { version: 10, name: 'articles', up: m0010.up },
  { version: 20, name: 'revisions', up: m0020.up },
  { version: 30, name: 'media', up: m0030.up },
  { version: 40, name: 'settings', up: m0040.up },
  { version: 50, name: 'sync', up: m0050.up },
  { version: 60, name: 'revision-reasons', up: m0060.up },
  { version: 70, name: 'publishing', up: m0070.up },
  { version: 80, name: 'search', up: m0080.up },
  { version: 90, name: 'newsroom-words', up: m0090.up },
  { version: 100, name: 'review', up: m0100.up },
  { version: 110, name: 'sync-doubts', up: m0110.up },
  { version: 120, name: 'search-pending', up: m0120.up },
  { version: 130, name: 'search-vocabulary', up: m0130.up },
  { version: 140, name: 'comment-tombstones', up: m0140.up, dataOnly: true },
  { version: 150, name: 'relayed-by', up: m0150.up },
  { version: 160, name: 'media-cleaning', up: m0160.up },
  { version: 170, name: 'private-notes', up: m0170.up },
  { version: 180, name: 'signing', up: m0180.up },
  { version: 190, name: 'vouched-history', up: m0190.up },
  { version: 200, name: 'article-signers', up: m0200.up },
  { version: 210, name: 'media-full-size', up: m0210.up },
  { version: 220, name: 'site-notes', up: m0220.up }
]
