import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize, rateLimitAccount } from './auth.js';
import type { SandboxCore } from './core.js';
import { ApiError } from './errors.js';
import type { ActiveFault } from './faults.js';
import { normalizePath } from './faults.js';
import { field, isObject } from './fields.js';
import { type Reply, send, sendRaw } from './http.js';
import { maskSecrets } from './journal.js';
import { API_ROUTES, TOKEN_PATH } from './routes.js';
import type { JournalEntry } from './types.js';

/** Timers and hung responses of the fault machinery, cleaned up by close(). */
export interface Pending {
  timers: Set<NodeJS.Timeout>;
}

const delay = (pending: Pending, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      pending.timers.delete(timer);
      resolve();
    }, ms);
    pending.timers.add(timer);
  });

function parseBody(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

/** One API request: faults → rate limit → route → auth → handler → (fault after processing). */
export async function handleApi(
  core: SandboxCore,
  pending: Pending,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = normalizePath(url.pathname);
  const parsed = parseBody(raw);
  const entry: Omit<JournalEntry, 'index' | 'status'> = {
    at: core.clock.now().toISOString(),
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: !parsed.ok
      ? `<unparseable body, ${Buffer.byteLength(raw)} bytes>`
      : (maskSecrets(parsed.value) ?? null),
  };
  if (path === TOKEN_PATH && parsed.ok) {
    const scope = field(parsed.value, 'ApiEndpoint');
    if (typeof scope === 'string') entry.scope = scope;
  }
  const record = (status: number, fault?: ActiveFault) => {
    core.journal.add({ ...entry, status, ...(fault ? { fault: fault.kind } : {}) });
    core.logger.debug({ method, path: url.pathname, status, fault: fault?.kind }, 'sandbox request');
  };

  const fault = core.faults.pick(path, method);
  if (fault?.kind === 'latency') await delay(pending, fault.latencyMs ?? 1000);
  else if (fault && !fault.applyMutation) {
    record(emitFault(pending, fault, req, res), fault);
    return;
  }

  const reply = processRequest(core, req, path, url, parsed);
  if (fault && fault.kind !== 'latency') {
    record(emitFault(pending, fault, req, res, reply), fault);
    return;
  }
  send(res, reply);
  record(reply.status, fault);
}

function processRequest(
  core: SandboxCore,
  req: IncomingMessage,
  path: string,
  url: URL,
  parsed: ReturnType<typeof parseBody>,
): Reply {
  const method = req.method ?? 'GET';
  try {
    const tokenKey = path === TOKEN_PATH && parsed.ok ? field(parsed.value, 'AccountKey') : undefined;
    const account = rateLimitAccount(
      req.headers.authorization,
      typeof tokenKey === 'string' ? tokenKey : undefined,
    );
    const retryAfter = core.rateLimiter.take(account);
    if (retryAfter !== undefined) throw new ApiError(429, undefined, { 'Retry-After': String(retryAfter) });

    // One path may take both methods (GET reads, POST writes: `/v1.0/subscriptions`).
    const routes = [API_ROUTES[path] ?? []].flat();
    if (routes.length === 0) throw new ApiError(404);
    const route = routes.find((r) => r.method === method);
    if (!route) throw new ApiError(405, undefined, { Allow: routes.map((r) => r.method).join(', ') });
    const now = core.nowMs();
    if (path !== TOKEN_PATH) authorize(core, req.headers.authorization, url.pathname, now);
    if (!parsed.ok) throw new ApiError(400, 'Bad request: the request body is not valid JSON.');
    if (method === 'POST' && parsed.value !== undefined && !isObject(parsed.value))
      throw new ApiError(400, 'Bad request: the request body must be a JSON object.');
    core.settle();
    const body = route.handler({ core, now, query: url.searchParams, body: parsed.value ?? {} });
    return { status: 200, body };
  } catch (error) {
    if (error instanceof ApiError)
      return { status: error.status, body: error.body(), headers: error.headers };
    core.logger.error({ err: error, path: url.pathname }, 'sandbox handler failed');
    return { status: 500, body: new ApiError(500).body() };
  }
}

/** Answers (or doesn't) as the fault says; returns the status to journal (0 = no answer). */
function emitFault(
  pending: Pending,
  fault: ActiveFault,
  req: IncomingMessage,
  res: ServerResponse,
  processed?: Reply,
): number {
  switch (fault.kind) {
    case '429': {
      const error = new ApiError(429);
      send(res, {
        status: 429,
        body: error.body(),
        headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
      });
      return 429;
    }
    case '500':
    case '502':
    case '503':
    case '504': {
      const status = Number(fault.kind);
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      send(res, { status, body: new ApiError(status).body(), headers });
      return status;
    }
    case 'timeout': {
      if (fault.latencyMs !== undefined) {
        const timer = setTimeout(() => {
          pending.timers.delete(timer);
          req.socket.destroy();
        }, fault.latencyMs);
        pending.timers.add(timer);
      }
      return 0;
    }
    case 'truncated': {
      const full = JSON.stringify(processed?.body ?? { StatusCode: 200, Message: 'OK', Results: [] });
      sendRaw(
        res,
        200,
        full.slice(0, Math.max(1, Math.floor(full.length / 2))),
        'application/json; charset=utf-8',
      );
      return 200;
    }
    case 'text': {
      const status = fault.status ?? 502;
      sendRaw(res, status, 'Bad Gateway: upstream returned an invalid response', 'text/plain; charset=utf-8');
      return status;
    }
    default: {
      req.socket.destroy();
      return 0;
    }
  }
}
