import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { scrubTokens } from './bolt-logger.js';

export type Readiness = () => Promise<{ ok: boolean; checks: Record<string, string> }>;

export interface OpsRouteOptions {
  metrics: Metrics;
  logger: Logger;
  readiness?: Readiness;
  /** A readiness check slower than this answers 503 (a load balancer must not hang on us). */
  readinessTimeoutMs?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

async function readinessResult(
  readiness: Readiness | undefined,
  timeoutMs: number,
): Promise<{ ok: boolean; checks: Record<string, string> }> {
  if (!readiness) return { ok: true, checks: {} };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: boolean; checks: Record<string, string> }>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, checks: { readiness: `timed out after ${timeoutMs} ms` } }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      readiness().catch((error: unknown) => ({
        ok: false,
        checks: { readiness: scrubTokens(error instanceof Error ? error.message : String(error)) },
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz, /readyz and /metrics, as path → handler. */
export function opsHandlers(options: OpsRouteOptions): Record<string, Handler> {
  const timeoutMs = options.readinessTimeoutMs ?? 2_000;
  return {
    '/healthz': (_req, res) => send(res, 200, 'text/plain; charset=utf-8', 'ok'),
    '/readyz': (_req, res) => {
      void readinessResult(options.readiness, timeoutMs).then((result) =>
        send(res, result.ok ? 200 : 503, 'application/json', JSON.stringify(result)),
      );
    },
    '/metrics': (_req, res) => {
      options.metrics.render().then(
        (text) => send(res, 200, options.metrics.contentType, text),
        (error: unknown) => {
          options.logger.error({ err: error }, 'rendering metrics failed');
          send(res, 500, 'text/plain; charset=utf-8', 'metrics unavailable');
        },
      );
    },
  };
}

/** The same handlers as Bolt custom routes (HTTP mode). */
export function opsCustomRoutes(
  options: OpsRouteOptions,
): { path: string; method: string; handler: Handler }[] {
  return Object.entries(opsHandlers(options)).map(([path, handler]) => ({ path, method: 'GET', handler }));
}

/** The same handlers as a plain request listener (Socket Mode has no HTTP server of its own). */
export function opsRequestListener(options: OpsRouteOptions): Handler {
  const handlers = opsHandlers(options);
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = req.method === 'GET' ? handlers[path] : undefined;
    if (handler) handler(req, res);
    else send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };
}
