/**
 * A standalone Telegent sandbox for a drill, behind a small recording proxy so the drill knows the exact
 * tokens the sandbox handed out (the journal never records them) and can scan for them.
 *
 * The app processes get `url` (the proxy) as TELEGENT_BASE_URL; the drill inspects `sandbox` directly
 * (`journal()`, `mutations()`, `injectFault()`, …).
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/server.js';

export interface DrillSandbox {
  sandbox: Sandbox;
  /** The proxy's base URL: give this to the app as TELEGENT_BASE_URL. */
  url: string;
  accountKey: string;
  accountSecret: string;
  /** Every token seen: in token responses and in Authorization headers. */
  tokens: Set<string>;
  /**
   * Requests that reached the proxy for this path (lower-case, no query), counted as they arrive: before a
   * 'latency' fault lets the sandbox process them (its journal records a request only once answered).
   */
  arrivals(path: string): number;
  close(): Promise<void>;
}

export async function startDrillSandbox(options: Partial<SandboxOptions> = {}): Promise<DrillSandbox> {
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, speed: 1, ...options });
  const target = new URL(sandbox.url);
  const tokens = new Set<string>();
  const arrived = new Map<string, number>();

  const proxy = createServer((req, res) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) tokens.add(auth.slice('Bearer '.length));
    const path = (req.url ?? '').split('?')[0]!.toLowerCase();
    arrived.set(path, (arrived.get(path) ?? 0) + 1);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        const isToken = (req.url ?? '').toLowerCase().includes('/oauth2/tokens');
        if (!isToken) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const token = /"token"\s*:\s*"([^"]+)"/.exec(body.toString('utf8'))?.[1];
          if (token) tokens.add(token);
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(body);
        });
        up.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;

  return {
    sandbox,
    url: `http://127.0.0.1:${port}`,
    accountKey: sandbox.accountKey,
    accountSecret: sandbox.accountSecret,
    tokens,
    arrivals: (path) => arrived.get(path.toLowerCase()) ?? 0,
    async close() {
      const closed = new Promise<void>((resolve) => proxy.close(() => resolve()));
      proxy.closeAllConnections();
      await closed;
      await sandbox.close();
    },
  };
}
