import { describe, expect, it } from 'vitest';
import { createWarmCache } from '../../src/slack/warm-cache.js';

/** A cache on a hand-moved clock whose loads the test answers one by one. */
function world(ttlMs = 1_000) {
  let clock = 0;
  const loads: Array<{ key: string; answer(value: string): void; fail(error: Error): void }> = [];
  const reloadErrors: string[] = [];
  const cache = createWarmCache<string>({
    now: () => clock,
    load: (key) =>
      new Promise((resolve, reject) => {
        const expiresAt = clock + ttlMs;
        loads.push({ key, answer: (value) => resolve({ value, expiresAt }), fail: reject });
      }),
    onReloadError: (key) => reloadErrors.push(key),
  });
  return { cache, loads, reloadErrors, advance: (ms: number) => (clock += ms) };
}

describe('warm cache (what the access gate decides from)', () => {
  it('knows nothing before a load; a burst of gets for one key loads it once', async () => {
    const { cache, loads } = world();
    expect(cache.known('U1')).toBeUndefined();
    const gets = [cache.get('U1'), cache.get('U1'), cache.get('U1')];
    expect(loads).toHaveLength(1);
    loads[0]!.answer('facts');
    expect(await Promise.all(gets)).toEqual(['facts', 'facts', 'facts']);
    expect(cache.known('U1')).toBe('facts');
    expect(loads).toHaveLength(1);
  });

  it('past half its life it still answers from memory and reloads once in the background', async () => {
    const { cache, loads, advance } = world(1_000);
    const first = cache.get('U1');
    loads[0]!.answer('old');
    await first;
    advance(400);
    expect(cache.known('U1')).toBe('old');
    expect(loads).toHaveLength(1);
    advance(200);
    expect(cache.known('U1')).toBe('old');
    expect(cache.known('U1')).toBe('old');
    expect(loads).toHaveLength(2); // one reload, however many clicks
    loads[1]!.answer('new');
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.known('U1')).toBe('new');
  });

  it('never answers past the TTL, even when the reload failed: the next request has to ask', async () => {
    const { cache, loads, reloadErrors, advance } = world(1_000);
    const first = cache.get('U1');
    loads[0]!.answer('facts');
    await first;
    advance(600);
    expect(cache.known('U1')).toBe('facts');
    loads[1]!.fail(new Error('Slack is down'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reloadErrors).toEqual(['U1']);
    expect(cache.known('U1')).toBe('facts'); // until it expires (a failed reload is retried on the next click)
    advance(400);
    expect(cache.known('U1')).toBeUndefined();
    const again = cache.get('U1');
    loads.at(-1)!.fail(new Error('still down'));
    await expect(again).rejects.toThrow('still down');
  });
});
