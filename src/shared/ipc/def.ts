import type { z } from 'zod'

export interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req
  /** Phantom: carries the response type, never read at run time. */
  response?: Res
}

/** One channel of the contract: its request's schema, and its response's type. */
export const def =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request })
