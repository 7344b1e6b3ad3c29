import type { Db } from '../connection'

/** Images uploaded to a site: which attachment each local image became there. */

export interface Upload {
  remoteId: number
  sourceUrl: string
}

/** The attachment a local image became on a site, if it was uploaded. */
export function findUpload(db: Db, mediaId: string, siteId: string): Upload | undefined {
  const row = db.prepare('SELECT remote_id, source_url FROM media_uploads WHERE media_id = @mediaId AND site_id = @siteId').get({ mediaId, siteId }) as
    { remote_id: number; source_url: string } | undefined
  return row === undefined ? undefined : { remoteId: row.remote_id, sourceUrl: row.source_url }
}

/** The local image an attachment on a site is, if this machine uploaded it. */
export function findUploadByRemote(db: Db, siteId: string, remoteId: number): string | undefined {
  const row = db.prepare('SELECT media_id FROM media_uploads WHERE site_id = @siteId AND remote_id = @remoteId').get({ siteId, remoteId }) as { media_id: string } | undefined
  return row?.media_id
}

/** Records the attachment an upload made. */
export function recordUpload(db: Db, mediaId: string, siteId: string, upload: Upload, at: number): void {
  db.prepare(
    `INSERT INTO media_uploads (media_id, site_id, remote_id, source_url, uploaded_at) VALUES (@mediaId, @siteId, @remoteId, @sourceUrl, @at)
     ON CONFLICT (media_id, site_id) DO UPDATE SET remote_id = excluded.remote_id, source_url = excluded.source_url`
  ).run({ mediaId, siteId, remoteId: upload.remoteId, sourceUrl: upload.sourceUrl, at })
}
