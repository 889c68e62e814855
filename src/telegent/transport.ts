import { Pool } from 'undici';

export interface TimeoutOptions {
  /** TCP/TLS connect (default 5 s). */
  connectMs?: number;
  /** Until the response headers arrive (default 30 s). */
  headersMs?: number;
  /** Between body chunks (default 30 s). */
  bodyMs?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  text: string;
}

/**
 * A transport failure. `sent` is false only when the request surely never left (connection refused,
 * DNS failure, connect timeout), which makes even a mutation safe to repeat.
 */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly sent: boolean,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** One keep-alive connection pool to Telegent's origin, with explicit timeouts. */
export class Transport {
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly basePath: string;

  constructor(baseUrl: string, timeouts: TimeoutOptions = {}) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connections: 8,
      connect: { timeout: timeouts.connectMs ?? 5_000 },
      headersTimeout: timeouts.headersMs ?? 30_000,
      bodyTimeout: timeouts.bodyMs ?? 30_000,
      keepAliveTimeout: 30_000,
    });
  }

  /** The absolute URL of an API path: what a token's `ApiEndpoint` scope must be. */
  urlFor(path: string): string {
    return `${this.origin}${this.basePath}${path}`;
  }

  async send(request: {
    method: 'GET' | 'POST';
    path: string;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    token?: string;
    signal?: AbortSignal;
  }): Promise<RawResponse> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) search.set(key, String(value));
    }
    const qs = search.toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      response = await this.pool.request({
        method: request.method,
        path: `${this.basePath}${request.path}${qs ? `?${qs}` : ''}`,
        headers,
        body,
        signal: request.signal,
      });
    } catch (error) {
      throw toTransportError(error, 'request');
    }
    try {
      const text = await response.body.text();
      const contentType = String(response.headers['content-type'] ?? '');
      return { status: response.statusCode, headers: response.headers, contentType, text };
    } catch (error) {
      throw toTransportError(error, 'body');
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

function toTransportError(error: unknown, phase: 'request' | 'body'): TransportError {
  const code = errorCode(error);
  const sent = !(phase === 'request' && code !== undefined && NOT_SENT_CODES.has(code));
  const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
  // The message names the code only: undici's own messages can quote URLs with query strings.
  return new TransportError(
    `network error${code ? ` ${code}` : ''} while reading the ${phase === 'request' ? 'response headers' : 'response body'}`,
    code,
    sent,
    timedOut,
    {
      cause: error,
    },
  );
}
