import * as articlesRepo from '../store/repositories/articles'
import * as notesRepo from '../store/repositories/notes'
import { notFound } from '../errors'
import type { Db } from '../store/connection'
import type { PrivateNote } from '@shared/domain/article'

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

  save(articleId: string, body: string): PrivateNote | null {
    const db = this.deps.db()
    if (articlesRepo.findArticle(db, articleId) === undefined) throw notFound('article', articleId)
    notesRepo.writeNote(db, articleId, body, this.deps.now())
    return notesRepo.readNote(db, articleId)
  }
}
