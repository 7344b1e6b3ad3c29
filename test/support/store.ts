import { join } from 'node:path'
import Database from 'better-sqlite3'
import { applyKey, type Db } from '@main/store/connection'
import { openDeskKey } from '@main/store/desk-key'
import { testSecrets } from './secrets'

/** The desk key of a test data folder (wrapped by the test keyring). */
export const deskKeyOf = (dataDir: string): Buffer => openDeskKey(dataDir, testSecrets())!.key

/** The store's file opened directly, as another process (or a crash's aftermath) would, with the desk key. */
export function openStoreFile(dataDir: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(join(dataDir, 'qalam.db'), options)
  applyKey(db, deskKeyOf(dataDir))
  return db
}
