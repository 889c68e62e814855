import { setTimeout as sleep } from 'node:timers/promises';
import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../../src/telegent/token-cache.js';

describe('token single-flight when callers give up', () => {
  // A shutdown aborts the poller's reads while a token is being minted, then closes the rate limiter, which
  // fails the mint: nobody waits for it any more, and that failure must not become an unhandled rejection
  // (the kill-after-post drill saw one now and then on the Postgres server).
  it('a mint that fails after its only caller aborted is not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const cache = new TokenCache({
        store: new Keyv(),
        keyPrefix: 'test',
        mint: async () => {
          await sleep(20);
          throw new Error('Telegent rate limiter is closed');
        },
      });
      const abort = new AbortController();
      const asking = cache.get('/v1.0/numbers/order', 'background', abort.signal);
      abort.abort(new Error('jobs stopping'));
      await expect(asking).rejects.toThrow('jobs stopping');
      await sleep(60);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('callers still waiting get the mint failure itself', async () => {
    const cache = new TokenCache({
      store: new Keyv(),
      keyPrefix: 'test',
      mint: async () => {
        await sleep(5);
        throw new Error('token refused');
      },
    });
    const results = await Promise.allSettled([
      cache.get('/v1.0/numbers/order'),
      cache.get('/v1.0/numbers/order', 'background', new AbortController().signal),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual([
      'token refused',
      'token refused',
    ]);
  });
});
