import * as articlesRepo from '../store/repositories/articles'
import * as notesRepo from '../store/repositories/notes'
import { notFound } from '../errors'
import type { Db } from '../store/connection'
import { MAX_NOTE_CHARS, type PrivateNote } from '@shared/domain/article'

/**
 * Private source notes: where the reporter keeps who said what and how to reach them.
 * Nothing else reads this table: sync, bundles, search, versions and exports never see it.
 */
export class NotesService {
  constructor(private readonly deps: { db: () => Db; now: () => number }) {}

  get(articleId: string): PrivateNote | null {
    if (articlesRepo.findArticle(this.deps.db(), articleId) === undefined) throw notFound('article', articleId)
    return notesRepo.readNote(this.deps.db(), articleId)
  }

  /** A note that came in a sealed bundle: taken when there is none here, added below this one's otherwise (nothing here is overwritten). */
  receive(articleId: string, body: string): void {
    const here = this.get(articleId)?.body ?? ''
    if (body.trim() === '' || here.includes(body)) return
    this.save(articleId, here === '' ? body : `${here}\n\n${body}`.slice(0, MAX_NOTE_CHARS))
  }

  save(articleId: string, body: string): PrivateNote | null {
    const db = this.deps.db()
    if (articlesRepo.findArticle(db, articleId) === undefined) throw notFound('article', articleId)
    notesRepo.writeNote(db, articleId, body, this.deps.now())
    return notesRepo.readNote(db, articleId)
  }
}
