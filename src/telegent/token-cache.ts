import type { Keyv } from 'keyv';
import type { CallPriority } from './rate-limiter.js';

/** A minted token and how long it lives, measured against the server's clock. */
export interface MintedToken {
  token: string;
  lifetimeMs: number;
}

interface StoredToken {
  token: string;
  /** Local epoch ms after which we mint a new one (expiry minus the safety margin). */
  refreshAt: number;
}

/** Parses Telegent's `tokenExpiry`, `MM/DD/YYYY hh:mm:ss AM/PM` in UTC, to epoch ms. */
export function parseTokenExpiry(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])?\s*$/.exec(
    text,
  );
  if (!match) {
    const iso = Date.parse(text); // tolerate ISO-8601 should Telegent ever switch
    return Number.isNaN(iso) ? undefined : iso;
  }
  const [, mm, dd, yyyy, hh, min, ss, ampm] = match;
  let hour = Number(hh);
  if (ampm) {
    const pm = ampm.toUpperCase() === 'PM';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  return Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), hour, Number(min), Number(ss));
}

/** Renew 30 s or 10 % of the lifetime before expiry, whichever is smaller. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.max(0, Math.min(30_000, lifetimeMs * 0.1));
}

/**
 * One minter per scope across replicas sharing `store`: the claim's holder mints while the others wait for
 * its token to appear in the store. A claim left by a dead holder lapses on its own.
 */
export interface MintClaims {
  claim(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
}

/** How often a replica waiting on another's mint looks for the token. */
const CLAIM_POLL_MS = 100;

export interface TokenCacheOptions {
  store: Keyv;
  /** Shared store → shared mints: without claims, replicas starting together would each mint a token. */
  mintClaims?: MintClaims;
  /** Distinguishes credentials sharing one store (e.g. a hash of the account key). */
  keyPrefix: string;
  mint: (apiEndpoint: string, priority: CallPriority) => Promise<MintedToken>;
  now?: () => number;
}

/**
 * Tokens per scope (the full endpoint URL). Concurrent callers for one scope share a single
 * in-flight mint; a token is reused until its expiry minus a margin.
 */
export class TokenCache {
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly now: () => number;

  constructor(private readonly options: TokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async get(
    apiEndpoint: string,
    priority: CallPriority = 'interactive',
    signal?: AbortSignal,
  ): Promise<string> {
    const key = this.key(apiEndpoint);
    const early = this.inFlight.get(key);
    if (early) return signal ? raceAbort(early, signal) : early;
    const stored = await this.fresh(key);
    if (stored) return stored;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.mintOnce(key, apiEndpoint, priority).finally(() => this.inFlight.delete(key));
      // Every caller that waits gets the failure through its own await; should all of them have given up
      // (aborted by a shutdown, which then closes the limiter and fails the mint), the failure has nobody to
      // reach and must not become an unhandled rejection.
      pending.catch(() => undefined);
      this.inFlight.set(key, pending);
    }
    return signal ? raceAbort(pending, signal) : pending;
  }

  /** Drops `token` for this scope (after a 401/403), unless a newer one already replaced it. */
  async invalidate(apiEndpoint: string, token: string): Promise<void> {
    const key = this.key(apiEndpoint);
    const stored = (await this.options.store.get(key)) as StoredToken | undefined;
    if (stored?.token === token) await this.options.store.delete(key);
  }

  private async fresh(key: string): Promise<string | undefined> {
    const stored = (await this.options.store.get(key)) as StoredToken | undefined;
    return stored && stored.refreshAt > this.now() ? stored.token : undefined;
  }

  /** Mints here, or, when another replica holds the scope's claim, waits for the token it stores. */
  private async mintOnce(key: string, apiEndpoint: string, priority: CallPriority): Promise<string> {
    const claims = this.options.mintClaims;
    if (!claims) return this.mintAndStore(key, apiEndpoint, priority);
    for (;;) {
      if (await claims.claim(key)) {
        try {
          // Another replica may have stored one between our read and our claim.
          return (await this.fresh(key)) ?? (await this.mintAndStore(key, apiEndpoint, priority));
        } finally {
          await claims.release(key).catch(() => {}); // a claim left behind lapses on its own
        }
      }
      await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
      const minted = await this.fresh(key);
      if (minted) return minted;
    }
  }

  private async mintAndStore(key: string, apiEndpoint: string, priority: CallPriority): Promise<string> {
    const minted = await this.options.mint(apiEndpoint, priority);
    const lifetime = Math.max(0, minted.lifetimeMs);
    const ttl = lifetime - refreshMarginMs(lifetime);
    if (ttl >= 1000) {
      await this.options.store.set(
        key,
        { token: minted.token, refreshAt: this.now() + ttl } satisfies StoredToken,
        ttl,
      );
    }
    return minted.token;
  }

  private key(apiEndpoint: string): string {
    return `${this.options.keyPrefix}:${apiEndpoint.toLowerCase()}`;
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
