import type { z } from 'zod';
import type { Logger } from '../log.js';
import { type EndpointDef, TELEGENT_ENDPOINTS } from './endpoints.js';
import { TelegentError, TelegentOutcomeUnknownError } from './errors.js';
import type { CallPriority, RateLimiter } from './rate-limiter.js';
import { extractErrorMessage, parseSuccess, scrub } from './response-parsing.js';
import { TokenResponseSchema } from './response-schemas.js';
import {
  backoffDelayMs,
  delay,
  isAmbiguousMutationStatus,
  isRetryableStatus,
  parseRetryAfterMs,
  type ResolvedRetryOptions,
} from './retry-policy.js';
import { type MintedToken, parseTokenExpiry, type TokenCache } from './token-cache.js';
import { type RawResponse, type Transport, TransportError } from './transport.js';

export interface CallOptions {
  /** `interactive` (default) overtakes queued `background` calls at the rate limiter. */
  priority?: CallPriority;
  signal?: AbortSignal;
}

export interface CallEvent {
  endpoint: string;
  status: number | 'network';
  durationMs: number;
}

export interface CallerDeps {
  transport: Transport;
  limiter: RateLimiter;
  retry: ResolvedRetryOptions;
  logger: Logger;
  accountKey: string;
  accountSecret: string;
  onCall?: (event: CallEvent) => void;
  now: () => number;
}

interface Request {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Values of this request that must never appear in an error or log (PINs, carrier account data). */
  secrets?: string[];
}

/** When no `tokenExpiry` comes back, assume the shortest lifetime Telegent hints at ("a few minutes"). */
const FALLBACK_TOKEN_LIFETIME_MS = 60_000;
/** Telegent tokens live minutes; never trust a cached one longer than this. */
const MAX_TOKEN_LIFETIME_MS = 3_600_000;

/** One Telegent call: token, rate-limit slot, send, retry policy, parse. */
export class Caller {
  private tokens: TokenCache | undefined;

  constructor(private readonly deps: CallerDeps) {}

  /** Wired after construction: the cache mints through `mintToken`. */
  setTokens(tokens: TokenCache): void {
    this.tokens = tokens;
  }

  /** The cached (or freshly minted) token for one endpoint URL. */
  token(apiEndpoint: string, options: CallOptions = {}): Promise<string> {
    if (!this.tokens) throw new Error('token cache not wired');
    return this.tokens.get(apiEndpoint, options.priority ?? 'interactive', options.signal);
  }

  async call<S extends z.ZodType>(
    endpoint: EndpointDef,
    request: Request,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.output<S>> {
    const tokens = this.tokens;
    if (!tokens) throw new Error('token cache not wired');
    const scope = this.deps.transport.urlFor(endpoint.path);
    const priority = options.priority ?? 'interactive';
    let reauthorised = false;
    for (let attempt = 1; ; attempt++) {
      const token = await tokens.get(scope, priority, options.signal);
      const secrets = this.secrets(request, token);
      const outcome = await this.exchange(
        endpoint,
        request,
        token,
        attempt,
        priority,
        options.signal,
        secrets,
      );
      if ('networkError' in outcome) {
        await delay(this.networkRetryWait(endpoint, outcome.networkError, attempt), options.signal);
        continue;
      }
      const { response } = outcome;
      if (response.status === 401 || response.status === 403) {
        await tokens.invalidate(scope, token);
        if (!reauthorised) {
          // A stale or mis-scoped token: one fresh mint and one more try (not counted as a retry).
          reauthorised = true;
          attempt--;
          continue;
        }
      }
      if (response.status >= 200 && response.status < 300) {
        return parseSuccess(endpoint, response, schema, secrets);
      }
      const retryWait = await this.failure(endpoint, response, attempt, secrets);
      await delay(retryWait, options.signal);
    }
  }

  /** Mints a token for one endpoint URL (the cache calls this; concurrent callers share it). */
  async mintToken(apiEndpoint: string, priority: CallPriority): Promise<MintedToken> {
    const endpoint = TELEGENT_ENDPOINTS.token;
    const body = {
      AccountKey: this.deps.accountKey,
      AccountSecret: this.deps.accountSecret,
      ApiEndpoint: apiEndpoint,
    };
    const secrets = [this.deps.accountSecret];
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.exchange(
        endpoint,
        { body },
        undefined,
        attempt,
        priority,
        undefined,
        secrets,
      );
      if ('networkError' in outcome) {
        await delay(this.networkRetryWait(endpoint, outcome.networkError, attempt));
        continue;
      }
      const { response } = outcome;
      if (response.status === 401 || response.status === 403) {
        const { message } = extractErrorMessage(response);
        throw new TelegentError({
          kind: 'auth',
          endpoint: endpoint.path,
          status: response.status,
          telegentMessage: message && scrub(message, secrets),
        });
      }
      if (response.status >= 200 && response.status < 300) {
        let parsed: z.output<typeof TokenResponseSchema>;
        try {
          parsed = parseSuccess(endpoint, response, TokenResponseSchema, secrets);
        } catch (error) {
          // A garbled token answer is safe to ask for again: minting a token changes nothing at Telegent.
          const garbled = error instanceof TelegentError && error.kind === 'malformed';
          if (!garbled || attempt >= this.deps.retry.maxAttempts) throw error;
          await delay(backoffDelayMs(attempt, this.deps.retry));
          continue;
        }
        if (parsed.successful === false || !parsed.token) {
          throw new TelegentError({
            kind: 'auth',
            endpoint: endpoint.path,
            status: response.status,
            telegentMessage: scrub(parsed.error || 'token request was not successful', [
              ...secrets,
              parsed.token ?? '',
            ]),
          });
        }
        const expiry = parseTokenExpiry(parsed.tokenExpiry);
        // Measure the lifetime against the server's clock (Date header) so clock skew does not matter.
        const serverNow = Date.parse(String(response.headers.date ?? ''));
        const lifetimeMs =
          expiry === undefined
            ? FALLBACK_TOKEN_LIFETIME_MS
            : Math.min(MAX_TOKEN_LIFETIME_MS, expiry - (Number.isNaN(serverNow) ? Date.now() : serverNow));
        return { token: parsed.token, lifetimeMs };
      }
      await delay(await this.failure(endpoint, response, attempt, secrets));
    }
  }

  /**
   * Sends once through the rate limiter. Returns the HTTP answer, or a retryable network error for
   * reads and for requests that surely never left; a mutation lost in flight throws outcome-unknown.
   */
  private async exchange(
    endpoint: EndpointDef,
    request: Request,
    token: string | undefined,
    attempt: number,
    priority: CallPriority,
    signal: AbortSignal | undefined,
    secrets: readonly string[],
  ): Promise<{ response: RawResponse } | { networkError: TelegentError }> {
    await this.deps.limiter.acquire(priority, signal);
    const started = this.deps.now();
    try {
      const response = await this.deps.transport.send({
        method: endpoint.method,
        path: endpoint.path,
        query: request.query,
        body: request.body,
        token,
        signal,
      });
      this.report(endpoint, response.status, started, attempt, priority);
      return { response };
    } catch (error) {
      this.report(endpoint, 'network', started, attempt, priority);
      const sent = !(error instanceof TransportError) || error.sent;
      if (endpoint.mode === 'mutation' && sent) {
        this.deps.logger.warn({ endpoint: endpoint.path, attempt }, 'telegent mutation outcome unknown');
        throw new TelegentOutcomeUnknownError({
          endpoint: endpoint.path,
          telegentMessage: signal?.aborted ? 'aborted after sending' : scrub(errorText(error), secrets),
          cause: error,
        });
      }
      if (signal?.aborted) throw signal.reason;
      return {
        networkError: new TelegentError({
          kind: 'network',
          endpoint: endpoint.path,
          telegentMessage: scrub(errorText(error), secrets),
          retryable: true,
          cause: error,
        }),
      };
    }
  }

  private networkRetryWait(endpoint: EndpointDef, error: TelegentError, attempt: number): number {
    if (attempt >= this.deps.retry.maxAttempts) throw error;
    const wait = backoffDelayMs(attempt, this.deps.retry);
    this.deps.logger.debug(
      { endpoint: endpoint.path, attempt, waitMs: wait },
      'telegent retry after network error',
    );
    return wait;
  }

  /** Throws the error for a non-2xx answer, or returns how long to wait before retrying it. */
  private async failure(
    endpoint: EndpointDef,
    response: RawResponse,
    attempt: number,
    secrets: readonly string[],
  ): Promise<number> {
    const { message, traceId } = extractErrorMessage(response);
    const retryAfterMs = parseRetryAfterMs(response.headers['retry-after']);
    const base = {
      endpoint: endpoint.path,
      status: response.status,
      telegentMessage: message === undefined ? undefined : scrub(message, secrets),
      traceId,
      retryAfterMs,
    };
    if (response.status === 429 && retryAfterMs !== undefined) {
      // Every caller sharing the bucket holds off, not just this one.
      await this.deps.limiter.holdUntil(this.deps.now() + retryAfterMs);
    }
    const retryable = isRetryableStatus(response.status, endpoint.mode);
    if (endpoint.mode === 'mutation' && !retryable && isAmbiguousMutationStatus(response.status)) {
      this.deps.logger.warn(
        { endpoint: endpoint.path, status: response.status },
        'telegent mutation outcome unknown',
      );
      throw new TelegentOutcomeUnknownError(base);
    }
    const error = new TelegentError({ ...base, kind: 'http', retryable });
    if (!retryable || attempt >= this.deps.retry.maxAttempts) throw error;
    if (retryAfterMs !== undefined && retryAfterMs > this.deps.retry.maxDelayMs) throw error;
    const wait =
      retryAfterMs !== undefined
        ? retryAfterMs + Math.round(Math.random() * Math.min(250, retryAfterMs * 0.1))
        : backoffDelayMs(attempt, this.deps.retry);
    this.deps.logger.debug(
      { endpoint: endpoint.path, status: response.status, attempt, waitMs: wait },
      'telegent retry',
    );
    return wait;
  }

  private report(
    endpoint: EndpointDef,
    status: number | 'network',
    started: number,
    attempt: number,
    priority: CallPriority,
  ): void {
    const durationMs = this.deps.now() - started;
    this.deps.logger.debug(
      { endpoint: endpoint.path, method: endpoint.method, status, durationMs, attempt, priority },
      'telegent call',
    );
    try {
      this.deps.onCall?.({ endpoint: endpoint.path, status, durationMs });
    } catch (error) {
      this.deps.logger.warn({ err: errorText(error) }, 'telegent onCall hook failed');
    }
  }

  private secrets(request: Request, token: string): string[] {
    return [this.deps.accountSecret, token, ...(request.secrets ?? [])];
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
