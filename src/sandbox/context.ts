import type { SandboxCore } from './core.js';

export interface HandlerContext {
  core: SandboxCore;
  /** Sandbox epoch ms for this request. */
  now: number;
  query: URLSearchParams;
  /** Parsed JSON body (POST), else undefined. */
  body: unknown;
}

/** Returns the 200 JSON body; throws ApiError for anything else. */
export type Handler = (ctx: HandlerContext) => unknown;
