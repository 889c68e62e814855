import { guardianAdmin } from './admin-guardian.js';
import {
  applyConfig,
  currentConfig,
  findOrder,
  forceOrderStatus,
  maskedSnapshot,
  numberSnapshot,
  setUsedBytes,
  snapshotOrder,
} from './control.js';
import type { SandboxCore } from './core.js';
import { field, isObject } from './fields.js';
import type { Reply } from './http.js';
import type { FaultSpec } from './types.js';

export const ADMIN_PREFIX = '/_sandbox/';

const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (status: number, message: string): Reply => ({
  status,
  body: { StatusCode: status, Message: message },
});

const num = (body: unknown, name: string): number | undefined => {
  const v = field(body, name);
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`${name} must be a number`);
  return n;
};

/** Drill controls for other processes: no auth, not journaled, not rate-limited, never faulted. */
export function handleAdmin(
  core: SandboxCore,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Reply {
  try {
    core.settle();
    const route = `${method} ${path.toLowerCase().replace(/\/$/, '')}`;
    switch (route) {
      case 'GET /_sandbox/clock':
        return ok({ now: core.clock.now().toISOString(), speed: core.clock.getSpeed() });
      case 'POST /_sandbox/clock/advance': {
        const seconds = num(body, 'seconds');
        if (seconds === undefined) return fail(400, 'seconds is required');
        core.clock.advance(seconds);
        core.settle();
        return ok({ now: core.clock.now().toISOString() });
      }
      case 'POST /_sandbox/orders/force': {
        const orderId = field(body, 'OrderId');
        const status = field(body, 'OrderStatus');
        const message = field(body, 'OrderStatusMessage');
        if (typeof orderId !== 'string' || typeof status !== 'string')
          return fail(400, 'OrderId and OrderStatus are required');
        if (!findOrder(core, orderId)) return fail(404, `unknown OrderId ${orderId}`);
        return ok(
          maskedSnapshot(
            forceOrderStatus(core, orderId, status, typeof message === 'string' ? message : null),
          ),
        );
      }
      case 'GET /_sandbox/faults':
        return ok({ faults: core.faults.list() });
      case 'POST /_sandbox/faults':
        if (!isObject(body)) return fail(400, 'a fault spec object is required');
        return ok({ id: core.faults.add(body as unknown as FaultSpec) });
      case 'DELETE /_sandbox/faults':
        core.faults.clear();
        return ok({ cleared: true });
      case 'GET /_sandbox/journal': {
        const since = Number(query.get('since') ?? 0);
        return ok({ entries: core.journal.list(Number.isFinite(since) ? since : 0) });
      }
      case 'DELETE /_sandbox/journal':
        core.journal.clear();
        return ok({ cleared: true });
      case 'GET /_sandbox/config':
        return ok(currentConfig(core));
      case 'POST /_sandbox/config':
        return ok(
          applyConfig(core, {
            rateLimitPerMinute: num(body, 'rateLimitPerMinute'),
            tokenTtlSeconds: num(body, 'tokenTtlSeconds'),
            speed: num(body, 'speed'),
          }),
        );
      case 'POST /_sandbox/rate-limit/reset':
        core.rateLimiter.reset();
        return ok({ reset: true });
      case 'GET /_sandbox/state/orders': {
        const now = core.nowMs();
        return ok({
          orders: [...core.data.orders.values()].map((o) => maskedSnapshot(snapshotOrder(o, now))),
        });
      }
      case 'GET /_sandbox/state/numbers':
        return ok({ numbers: [...core.data.numbers.values()].map(numberSnapshot) });
      case 'POST /_sandbox/usage': {
        const number = field(body, 'Number');
        const bytes = num(body, 'UsedBytes') ?? (num(body, 'UsedMB') ?? Number.NaN) * 1024 * 1024;
        if (typeof number !== 'string') return fail(400, 'Number is required');
        setUsedBytes(core, number, bytes);
        return ok({ Number: number, UsedBytes: bytes });
      }
      default:
        return (
          guardianAdmin(core, route, query, body) ??
          fail(404, `unknown sandbox admin route ${method} ${path}`)
        );
    }
  } catch (error) {
    return fail(400, error instanceof Error ? error.message : String(error));
  }
}
