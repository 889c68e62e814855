import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { createStoreOutage } from '../../src/jobs/store-outage.js';
import { TelegentError } from '../../src/telegent/errors.js';
import { capturedLogger } from '../support/captured-log.js';
import { openTestStore, type TestStore } from '../support/test-db.js';

/** What the store really throws while it is away: a query on a closed PGlite. */
async function outageError(store: TestStore): Promise<unknown> {
  return store.db.query('SELECT 1').then(
    () => expect.fail('the closed store answered'),
    (error: unknown) => error,
  );
}

describe('jobs while the database is away', () => {
  let closed: TestStore;
  let away: unknown;
  let clock = 0;
  const now = () => clock;

  beforeAll(async () => {
    closed = await openTestStore('pglite');
    await closed.close();
    away = await outageError(closed);
  });
  afterAll(() => closed?.close());

  it('backoff: told once, waits 1, 2, 4 … s up to the cap, told once when back; other failures pass', () => {
    const log = capturedLogger();
    const outage = createStoreOutage({ logger: log.logger, now, maxMs: 4_000 });
    clock = 0;
    expect(outage.failed(new Error('kaput'))).toBe(false);
    // A Telegent call that lost its connection is not the database, even with ECONNRESET as its cause.
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const telegentDown = new TelegentError({
      kind: 'network',
      endpoint: '/v1.0/numbers/order',
      telegentMessage: 'socket hang up',
      retryable: true,
      cause: reset,
    });
    expect(outage.failed(telegentDown)).toBe(false);
    expect(outage.away).toBe(false);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(outage.failed(away)).toBe(true);
      waits.push(outage.waitMs());
      expect(outage.mayTry()).toBe(false);
      clock += outage.waitMs();
      expect(outage.mayTry()).toBe(true);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 4_000]);
    outage.succeeded();
    outage.succeeded();
    expect(outage.away).toBe(false);
    expect(outage.mayTry()).toBe(true);
    expect(log.lines.filter((l) => l.includes('background jobs paused'))).toHaveLength(1);
    const resumed = log.lines.filter((l) => l.includes('background jobs resumed'));
    expect(resumed).toHaveLength(1);
    expect(JSON.parse(resumed[0]!).pausedSeconds).toBe(11);
  });

  it('a scheduled job skips its slots during the backoff (no query), logs no failure per slot, and resumes by itself', async () => {
    const log = capturedLogger();
    clock = 0;
    const outage = createStoreOutage({ logger: log.logger, now });
    const scheduler = createScheduler({ jobSlots: closed.jobSlots, logger: log.logger, outage });
    let storeAway = true;
    let runs = 0;
    const task = scheduler.add({
      name: 'order-outbox',
      cron: '*/10 * * * * *',
      coordinated: false,
      run: async () => {
        runs++;
        if (storeAway) throw away;
        return 'delivered';
      },
    });
    // Slots every 500 ms for 4 s: tries at 0, 1, 3 s (waits 1 s, then 2 s), the rest skipped.
    for (clock = 0; clock < 4_000; clock += 500) await task.execute();
    expect(runs).toBe(3);
    storeAway = false;
    clock = 7_000; // past the 4 s wait that followed the third try
    expect(await task.execute()).toBe('delivered');
    expect(await task.execute()).toBe('delivered');
    expect(runs).toBe(5);
    expect(log.lines.filter((l) => l.includes('background jobs paused'))).toHaveLength(1);
    expect(log.lines.filter((l) => l.includes('background jobs resumed'))).toHaveLength(1);
    expect(log.text()).not.toContain('job failed');

    // The coordinator of coordinated jobs shares it: during a backoff it claims nothing and says no.
    outage.failed(away);
    expect(await scheduler.coordinator.shouldRun('digest-tick:2030-01-01T09:00:00.000Z', 60_000)).toBe(false);
    expect(log.text()).not.toContain('could not claim a job slot');
    await scheduler.stop();
  });
});
