import type { Handler } from './context.js';
import type { SandboxCore } from './core.js';
import { ApiError } from './errors.js';
import { normalizePath } from './faults.js';

/** Every plans path (reference §1–2), lower-case. */
export const PLANS_PATHS = [
  '/v1.0/account/packages',
  '/v1.0/packages',
  '/v1.0/packages/items',
  '/v1.0/products',
  '/v1.0/account/products',
  '/v1.0/subscriptions',
  '/v1.0/subscriptions/update',
  '/v1.0/subscriptions/delete',
  '/v1.0/distributor/subscriptions',
  '/v1.0/account/subscriptions',
] as const;

/** What ASP.NET Web API answers for a path it has no route for: how an account without plans sees them. */
export const unknownPathMessage = (path: string) =>
  `No HTTP resource was found that matches the request URI 'https://api.telegent.com${path}'.`;

/** Refuses every plans path (or only `paths`) with 403 or 404, until `allowPlans`. */
export function refusePlans(
  core: SandboxCore,
  spec: { status?: 403 | 404; paths?: readonly string[] } = {},
): void {
  const status = spec.status ?? 404;
  if (status !== 403 && status !== 404) throw new Error('plans refusal status must be 403 or 404');
  const paths = (spec.paths ?? PLANS_PATHS).map(normalizePath);
  const unknown = paths.filter((p) => !(PLANS_PATHS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`not plans paths: ${unknown.join(', ')}`);
  core.data.plans.refusal = { status, paths: new Set(paths) };
}

export function allowPlans(core: SandboxCore): void {
  core.data.plans.refusal = null;
}

/** The handler, behind the plans knob. */
export function gated(path: string, handler: Handler): Handler {
  const key = normalizePath(path);
  return (ctx) => {
    const refusal = ctx.core.data.plans.refusal;
    if (refusal?.paths.has(key))
      throw new ApiError(refusal.status, refusal.status === 404 ? unknownPathMessage(path) : undefined);
    return handler(ctx);
  };
}
