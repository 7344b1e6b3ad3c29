import type { Channel, ParsedRequestOf, ResponseOf } from '@shared/ipc/contract'
import type { Services } from '../services'

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>
}

/** One handler per channel: a thin call into a service, nothing more. */
export function createHandlers(services: Services): Handlers {
  const { articles, revisions, media, settings, store, platform, flush, sync, search, proofing, review, bundles, notes } = services
  return {
    'app:info': () => ({
      version: platform.appVersion,
      mediaBaseUrl: services.options.mediaBaseUrl,
      dataDir: services.options.dataDir,
      platform: platform.platformName,
      keyProtection: services.keyProtection()
    }),
    'app:flushed': ({ unsaved }) => {
      flush.flushed(unsaved ?? 0)
      return null
    },
    'store:status': () => store.status(),
    'store:wipe': async () => (await services.wipe.wipe()).status,
    'store:lock': () => services.lock(),
    'store:unlock': (req) => store.unlock(req.passphrase ?? null),
    'store:setPassphrase': (req) => services.setPassphrase(req.passphrase, req.current ?? null, req.acceptWeak === true),
    'store:startFresh': () => store.startFresh(),
    'store:retry': () => store.retry(),
    'articles:list': (request) => articles.list(request),
    'articles:get': ({ id }) => articles.get(id),
    'articles:create': ({ title }) => articles.create(title),
    'articles:save': (draft) => articles.save(draft),
    'articles:saveCaret': ({ id, caret }) => {
      articles.saveCaret(id, caret)
      return null
    },
    'articles:duplicate': ({ id }) => articles.duplicate(id),
    'articles:trash': ({ id }) => articles.trash(id),
    'articles:restore': ({ id }) => articles.restore(id),
    'articles:delete': ({ id }) => articles.deleteForever(id),
    'revisions:list': ({ articleId }) => revisions.list(articleId),
    'revisions:get': ({ id }) => revisions.get(id),
    'revisions:create': ({ articleId }) => revisions.createManual(articleId),
    'revisions:restore': ({ id }) => revisions.restore(id),
    'revisions:site': ({ articleId }) => sync.siteRevisions(articleId),
    'revisions:restoreSite': ({ articleId, revisionId }) => sync.restoreSiteRevision(articleId, revisionId),
    'revisions:diff': ({ articleId, from, to, ignoreMarks }) => revisions.compare(articleId, from, to, ignoreMarks === true),
    'review:identity': ({ articleId }) => review.identity(articleId),
    'review:get': ({ articleId }) => review.review(articleId),
    'review:transition': ({ articleId, to, note }) => review.transition(articleId, to, note ?? ''),
    'review:comment': (request) => review.comment(request),
    'review:resolve': ({ threadId, resolved }) => review.setResolved(threadId, resolved),
    'review:deleteComment': ({ id }) => review.deleteComment(id),
    'review:purge': ({ articleId }) => review.purge(articleId),
    'review:queue': (filter) => review.queue(filter),
    'bundle:export': ({ articleId, seal, includeNotes }) => bundles.exportToFile(articleId, seal ?? { kind: 'none' }, includeNotes === true),
    'bundle:colleagues': () => services.signing.colleagues(),
    'bundle:unseal': ({ token, passphrase }) => bundles.unsealWaiting(token, passphrase),
    'bundle:inspect': () => bundles.inspectFromFile(),
    'bundle:fingerprint': () => services.signing.fingerprint(),
    'bundle:apply': ({ token, trustSigner }) => bundles.apply(token, trustSigner === true),
    'bundle:discard': ({ token }) => (bundles.discard(token), null),
    'notes:get': (req) => notes.get(req.articleId),
    'notes:save': (req) => notes.save(req.articleId, req.body),
    'media:pickImage': () => media.pickImage(),
    'media:importImage': (req) => media.importPasted(req.name, req.base64),
    'media:fullSize': (req) => media.fullSize(req.id, req.fullSize),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'updates:status': () => services.updates.status(),
    'updates:check': () => services.updates.check(),
    'updates:install': ({ when }) => services.updates.install(when),
    'updates:fromFile': () => services.updates.fromFile(),
    'updates:setServer': ({ url }) => services.updates.setServer(url),
    'sites:list': () => sync.sites(),
    'sites:add': (request) => sync.addSite(request),
    'sites:remove': ({ id }) => {
      sync.removeSite(id)
      return null
    },
    'sites:secretStorage': () => sync.secretStorage(),
    'sites:terms': ({ siteId }) => ({ categories: sync.categories(siteId) }),
    'sync:assign': ({ articleId, siteId }) => sync.assign(articleId, siteId),
    'sync:run': ({ articleIds }) => sync.run(articleIds),
    'sync:cancel': () => {
      sync.cancel()
      return null
    },
    'sync:status': () => sync.progress(),
    'sync:states': () => sync.states(),
    'sync:conflict': ({ articleId }) => sync.conflict(articleId),
    'sync:resolve': ({ articleId, picks, fields }) => sync.resolve(articleId, picks, fields),
    'sync:recreate': ({ articleId }) => sync.recreate(articleId),
    'sync:browse': ({ siteId, ...query }) => sync.browse(siteId, query),
    'sync:import': async ({ siteId, remoteIds, status }) => ({ imported: (await sync.importPosts(siteId, remoteIds, status)).imported }),
    'search:articles': ({ query, filters, limit }) => search.search(query, filters, limit),
    'search:rebuild': () => ({ indexed: search.rebuild() }),
    'proofing:check': ({ text, article, locale, headlineLimit }) => proofing.check(text, { article, locale, headlineLimit }),
    'proofing:spell': ({ words }) => proofing.misspelled(words),
    'proofing:inContext': ({ pairs }) => proofing.inContext(pairs),
    'proofing:suggest': ({ word, previous }) => proofing.suggest(word, previous),
    'proofing:ignore': ({ word }) => {
      proofing.ignore(word)
      return null
    },
    'proofing:addWord': ({ word }) => proofing.addWord(word),
    'proofing:removeWord': ({ word }) => proofing.removeWord(word),
    'proofing:words': () => proofing.words(),
    'proofing:exportWords': () => proofing.exportWords(),
    'shell:openExternal': async ({ url }) => {
      await platform.shell.openExternal(url)
      return null
    }
  }
}
