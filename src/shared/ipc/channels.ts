/**
 * The channel and event names alone, without their schemas, so that the
 * preload (which runs sandboxed and cannot load libraries) builds the client
 * without pulling in the schema library. contract.ts checks it names exactly
 * the contract's channels.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'app:flushed',
  'store:status',
  'store:startFresh',
  'store:retry',
  'articles:list',
  'articles:get',
  'articles:create',
  'articles:save',
  'articles:saveCaret',
  'articles:duplicate',
  'articles:trash',
  'articles:restore',
  'articles:setStatus',
  'articles:delete',
  'revisions:list',
  'revisions:get',
  'revisions:create',
  'revisions:restore',
  'media:pickImage',
  'settings:get',
  'settings:update',
  'sites:list',
  'sites:add',
  'sites:remove',
  'sites:secretStorage',
  'sites:terms',
  'sync:assign',
  'sync:run',
  'sync:cancel',
  'sync:status',
  'sync:states',
  'sync:conflict',
  'sync:resolve',
  'sync:recreate',
  'sync:browse',
  'sync:import',
  'search:articles',
  'search:rebuild',
  'proofing:check',
  'proofing:spell',
  'proofing:suggest',
  'proofing:ignore',
  'proofing:addWord',
  'proofing:removeWord',
  'proofing:words',
  'proofing:exportWords',
  'shell:openExternal'
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]

export const EVENT_NAMES = ['app:flush', 'sync:progress'] as const
