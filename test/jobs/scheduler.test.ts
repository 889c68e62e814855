import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/index.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { silentLogger } from '../../src/log.js';
import { capturedLogger } from '../support/captured-log.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

describe.each(storeKinds())('scheduler on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('schedules six-field (seconds) expressions and runs a task on execute()', async () => {
    const scheduler = createScheduler({ jobSlots: store.jobSlots, logger: silentLogger });
    let runs = 0;
    const task = scheduler.add({
      name: 'every-5s',
      cron: '*/5 * * * * *',
      coordinated: false,
      run: async () => ++runs,
    });
    expect(task.getNextRun()).toBeInstanceOf(Date);
    expect(await task.execute()).toBe(1);
    expect(runs).toBe(1);
    await scheduler.stop();
    expect(scheduler.tasks.size).toBe(0);
  });

  it('a failing job is logged and does not reject; a bad expression is refused with its name', async () => {
    const log = capturedLogger('debug');
    const scheduler = createScheduler({ jobSlots: store.jobSlots, logger: log.logger });
    const task = scheduler.add({
      name: 'boom',
      cron: '* * * * *',
      coordinated: false,
      run: async () => {
        throw new Error('kaput');
      },
    });
    await expect(task.execute()).resolves.toBeUndefined();
    expect(log.text()).toContain('kaput');
    expect(() =>
      scheduler.add({ name: 'bad', cron: 'every minute', coordinated: false, run: async () => 0 }),
    ).toThrow(/bad.*not a cron expression/);
    await scheduler.stop();
  });

  it('the run coordinator lets exactly one replica take a slot', async () => {
    const a = createScheduler({ jobSlots: store.jobSlots, logger: silentLogger });
    const b = createScheduler({ jobSlots: store.jobSlots, logger: silentLogger });
    const key = `digest-tick:${new Date('2030-01-01T09:00:00Z').toISOString()}`;
    const answers = await Promise.all([
      a.coordinator.shouldRun(key, 60_000),
      b.coordinator.shouldRun(key, 60_000),
    ]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(
      await a.coordinator.shouldRun(`digest-tick:${new Date('2030-01-01T09:01:00Z').toISOString()}`, 60_000),
    ).toBe(true);
    await a.stop();
    await b.stop();
  });

  it('a slot that cannot be claimed (the database closed by a shutdown) is skipped, never an unhandled rejection', async () => {
    const closed = await openTestStore(kind);
    await closed.close();
    const log = capturedLogger();
    const scheduler = createScheduler({ jobSlots: closed.jobSlots, logger: log.logger });
    expect(await scheduler.coordinator.shouldRun('approval-reminders:2030-01-01T09:00:30.000Z', 60_000)).toBe(
      false,
    );
    // PGlite closed reads as the database away (told once for every job); a pool ended reads as a failure.
    expect(log.text()).toMatch(/could not claim a job slot; skipped|background jobs paused/);
    await scheduler.stop();
  });

  it('startJobs starts the poller loop (half the limit) and schedules the outbox, digest tick, port-date heads-ups, the request jobs, the line plan steps and the purge; stop() ends them', async () => {
    let expiryRuns = 0;
    const jobs = startJobs({
      store,
      telegent: {
        getOrder: async () => ({ OrderId: 'x', OrderStatus: 'Pending' }) as never,
        getNumber: async () => {
          throw new Error('no number is read here');
        },
        plans: {} as never,
      },
      slack: new webApi.WebClient('xoxb-unused', { slackApiUrl: 'http://127.0.0.1:9/api/' }),
      logger: silentLogger,
      config: {
        pollShare: 0.5,
        telegentRateLimitPerMinute: 50,
        orderPollMinSeconds: 300,
        orderPollMaxSeconds: 21_600,
        expiryCron: '0 */5 * * * *',
      },
      sandbox: false,
      requests: {
        workflow: {
          expireDue: async () => {
            expiryRuns++;
            return [];
          },
          recoverUnclaimedApprovals: async () => [],
          recoverStuckExecutions: async () => [],
          settleLostNotices: async () => [],
        },
        messages: { sync: async () => {}, sweep: async () => 0 },
        afterExecution: async () => {},
        reminders: { remind: async () => ({ thread: 0, dms: 0 }) },
        reminderMinutes: [],
      },
    });
    expect([...jobs.scheduler.tasks.keys()].sort()).toEqual([
      'approval-reminders',
      'digest-tick',
      'job-slots-purge',
      'line-subscriptions',
      'order-outbox',
      'port-date-headsups',
      'request-housekeeping',
      'request-redraws',
    ]);
    // Once at start (what a stopped process left behind), then on its schedule.
    await jobs.scheduler.tasks.get('request-housekeeping')?.execute();
    expect(expiryRuns).toBe(2);
    expect(jobs.pollBudget.perMinute()).toBe(25);
    await jobs.stop();
    expect(jobs.scheduler.tasks.size).toBe(0);
  });
});
