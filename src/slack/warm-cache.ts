/**
 * What the access gate decides from, kept in process memory: a Map with expiry, read synchronously on the
 * hot path (no promise, no serialisation, no timer per Slack request). An entry past half its life is still
 * answered from memory but reloaded in the background, so a person who keeps clicking never waits on Slack;
 * one past its life is never answered (a deactivation still counts within the TTL). One load per key at a
 * time: a burst of clicks by one person asks Slack once.
 */
export interface WarmCache<T> {
  /** The value, if memory holds a live one (starting a background reload when it is past half its life). */
  known(key: string): T | undefined;
  /** The live value, or a load (shared with any load of the same key already under way). */
  get(key: string): Promise<T>;
}

export interface Loaded<T> {
  value: T;
  /** When it stops being true enough to decide from (epoch ms). */
  expiresAt: number;
}

export interface WarmCacheOptions<T> {
  /** Fetches a value and says how long it may be used (a shared cache may hand back one already half-aged). */
  load(key: string): Promise<Loaded<T>>;
  /** A background reload failed: the old value stays until it expires, then a request loads (and may refuse). */
  onReloadError?(key: string, error: unknown): void;
  now?: () => number;
}

export function createWarmCache<T>(options: WarmCacheOptions<T>): WarmCache<T> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: T; loadedAt: number; expiresAt: number }>();
  const loading = new Map<string, Promise<T>>();

  function load(key: string): Promise<T> {
    const running = loading.get(key);
    if (running) return running;
    const loadedAt = now();
    const promise = options
      .load(key)
      .then(({ value, expiresAt }) => {
        entries.set(key, { value, loadedAt, expiresAt });
        return value;
      })
      .finally(() => loading.delete(key));
    loading.set(key, promise);
    return promise;
  }

  return {
    known(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const at = now();
      if (at >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      if (at - entry.loadedAt >= (entry.expiresAt - entry.loadedAt) / 2 && !loading.has(key)) {
        load(key).catch((error: unknown) => options.onReloadError?.(key, error));
      }
      return entry.value;
    },
    get(key) {
      const entry = entries.get(key);
      return entry && now() < entry.expiresAt ? Promise.resolve(entry.value) : load(key);
    },
  };
}
