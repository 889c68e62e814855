import type { SandboxCore } from './core.js';
import { field } from './fields.js';
import { type CallFilterSeed, seedCallFilter, seedMessageFilter } from './guardian-control.js';
import { guardianSnapshot, guardianSnapshots } from './guardian-view.js';
import type { Reply } from './http.js';

const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (status: number, message: string): Reply => ({
  status,
  body: { StatusCode: status, Message: message },
});

/** The admin API's AI Guardian routes (`route` = "METHOD /path", lower-case); undefined when not one of them. */
export function guardianAdmin(
  core: SandboxCore,
  route: string,
  query: URLSearchParams,
  body: unknown,
): Reply | undefined {
  switch (route) {
    case 'GET /_sandbox/state/guardian': {
      const subscriberId = query.get('SubscriberId');
      return ok(
        subscriberId ? guardianSnapshot(core, subscriberId) : { subscribers: guardianSnapshots(core) },
      );
    }
    case 'POST /_sandbox/guardian/call-filters':
    case 'POST /_sandbox/guardian/message-filters': {
      for (const name of ['SubscriberId', 'Phone', 'FilterMode'])
        if (typeof field(body, name) !== 'string') return fail(400, `${name} is required`);
      const seed = body as unknown as CallFilterSeed;
      return ok(route.endsWith('call-filters') ? seedCallFilter(core, seed) : seedMessageFilter(core, seed));
    }
    default:
      return undefined;
  }
}
