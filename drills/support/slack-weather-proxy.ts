/**
 * Slack weather: an HTTP proxy in front of the fake Slack that makes a share of chosen Web API methods fail
 * the way Slack does under load — HTTP 429 with Retry-After, or HTTP 200 `{ ok: false, error: 'ratelimited' }`.
 * It does so through the fake's own `failNext`, right before forwarding the call, so every failed call is
 * recorded in `fake.calls` like any other (status 429 / response.error 'ratelimited').
 *
 * Give the app `url` as SLACK_API_URL; response_url posts keep going to the fake directly.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack } from '../../test/support/fake-slack.js';

export interface SlackWeatherOptions {
  fake: FakeSlack;
  /** Methods hit (default chat.postMessage, chat.update). */
  methods?: string[];
  /** Share of their calls that fail (0..1); change it later with `setShare`. */
  share: number;
  /** Retry-After of the 429s (seconds, default 1). */
  retryAfterSeconds?: number;
  random?: () => number;
}

export interface SlackWeather {
  /** Web API base URL through the weather (ends in /api/). */
  url: string;
  setShare(share: number): void;
  /** Failures injected so far, by kind. */
  injected: { http429: number; ratelimited: number };
  close(): Promise<void>;
}

export async function startSlackWeather(options: SlackWeatherOptions): Promise<SlackWeather> {
  const target = new URL(options.fake.origin);
  const methods = new Set(options.methods ?? ['chat.postMessage', 'chat.update']);
  const random = options.random ?? Math.random;
  let share = options.share;
  const injected = { http429: 0, ratelimited: 0 };

  const proxy = createServer((req, res) => {
    const method = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/api\//, '');
    if (methods.has(method) && random() < share) {
      if (random() < 0.5) {
        options.fake.failNext(method, { status: 429, retryAfter: options.retryAfterSeconds ?? 1 });
        injected.http429++;
      } else {
        options.fake.failNext(method, { error: 'ratelimited' });
        injected.ratelimited++;
      }
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    setShare: (value) => {
      share = value;
    },
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      }),
  };
}
