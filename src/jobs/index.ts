import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { ReminderSender, RemindResult } from '../notify/approval-reminders.js';
import { createNotifier } from '../notify/notifier.js';
import type { RequestMessages } from '../notify/request-messages.js';
import type { ExecutionOutcome, Workflow } from '../requests/index.js';
import type { Store } from '../store/open-store.js';
import type { TelegentClient } from '../telegent/client.js';
import { createApprovalRemindersJob } from './approval-reminders.js';
import { createDigestJob, type DigestTickResult } from './digest.js';
import { createLineSubscriptions, type LineSubscriptionsResult } from './line-subscriptions.js';
import { createOrderOutbox, type OutboxResult } from './order-outbox.js';
import { createOrderPoller, type ReadOutcome, type SweepResult } from './order-poller.js';
import { createSharedPollBudget, type SharedPollBudget } from './poll-budget.js';
import { createHeadsUpJob } from './port-date-headsups.js';
import { createRequestHousekeeping } from './request-housekeeping.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { createStoreOutage } from './store-outage.js';

export type { DigestTickResult } from './digest.js';
export { type DigestCommand, type DigestDefaults, parseDigestCommand } from './digest-command.js';
export type { LineSubscriptionsResult } from './line-subscriptions.js';
export type { OutboxResult } from './order-outbox.js';
export type { ReadOutcome, SweepResult } from './order-poller.js';
export type WebClient = webApi.WebClient;

/** How long changes found by the poller are collected before the outbox posts them. */
const CHANGES_COLLECT_MS = 300;

/** The jobs that look after requests: housekeeping, approval reminders and the redraws owed. */
export interface RequestJobsOptions {
  workflow: Pick<
    Workflow,
    'expireDue' | 'recoverUnclaimedApprovals' | 'recoverStuckExecutions' | 'settleLostNotices'
  >;
  /** The app's one drawer of request messages (its per-request loops are per process: share it). */
  messages: RequestMessages;
  /** What follows an execution the recovery ran (notify/after-execution.ts). */
  afterExecution: (execution: ExecutionOutcome) => Promise<void>;
  /** Completes the Workflow Builder step runs whose request is done but which were not completed. */
  completeSteps?: () => Promise<unknown>;
  reminders: Pick<ReminderSender, 'remind'>;
  /** APPROVAL_REMINDERS in minutes after filing (empty: none scheduled). */
  reminderMinutes: readonly number[];
}

export interface JobsConfig {
  /** TELEGENT_POLL_SHARE: the share of Telegent's rate limit the poller may spend. */
  pollShare: number;
  /** TELEGENT_RATE_LIMIT_PER_MINUTE (all replicas together). */
  telegentRateLimitPerMinute: number;
  /** ORDER_POLL_MIN_SECONDS */
  orderPollMinSeconds: number;
  /** ORDER_POLL_MAX_SECONDS */
  orderPollMaxSeconds: number;
  /** ORDER_LEASE_SECONDS: how long a replica holds the orders it reads (a dead one's come back after that). */
  orderLeaseSeconds?: number;
  /** Outbox cycle (default every 10 s). */
  outboxCron?: string;
  /** Digest tick (default every minute). */
  digestCron?: string;
  /** Request housekeeping: expiry and recovery of stranded requests (default every minute). */
  expiryCron?: string;
  /** DIGEST_DEFAULT_TZ: a channel's time zone when it has no digest (port-date heads-ups). Default UTC. */
  digestDefaultTimeZone?: string;
}

export interface StartJobsOptions {
  store: Pick<
    Store,
    | 'orders'
    | 'orderEvents'
    | 'digests'
    | 'jobSlots'
    | 'headsUps'
    | 'channelAccounts'
    | 'rateLimits'
    | 'requests'
    | 'reminders'
    | 'lineSubscriptions'
  >;
  telegent: Pick<TelegentClient, 'getOrder' | 'getNumber' | 'plans'>;
  /** The app's Web API client: the jobs use its token and API URL with their own no-retry settings. */
  slack: WebClient;
  logger: Logger;
  config: JobsConfig;
  /** Telegent backend is the sandbox: every message says SANDBOX. */
  sandbox: boolean;
  /** The request jobs (housekeeping, reminders, owed redraws); without them only the order and digest jobs run. */
  requests?: RequestJobsOptions;
  /** Clock for due times (tests drive the sandbox clock). Default: real time. */
  now?: () => Date;
  /** false: build the jobs without scheduling them (tests, one-off runs). Default true. */
  schedule?: boolean;
  /** Poller tuning (tests and the benchmark). */
  poller?: { batchSize?: number; concurrency?: number; leaseSeconds?: number; idleMs?: number };
  /** Every order read (metrics). */
  onOrderRead?: (outcome: ReadOutcome) => void;
  /** The name Slack shows for a user: the digest names requesters without a ping. */
  nameOf?: (userId: string) => Promise<string | undefined>;
}

export interface Jobs {
  /** Stops the schedules, aborts a sweep in progress (its orders are handed back) and waits for runs. */
  stop(): Promise<void>;
  runPollerOnce(): Promise<SweepResult>;
  runOutboxOnce(): Promise<OutboxResult>;
  runDigestOnce(now?: Date): Promise<DigestTickResult>;
  /** Port-date heads-ups due at `now`; returns how many were posted. */
  runHeadsUpsOnce(now?: Date): Promise<number>;
  /** Expiry and recovery of stranded requests (a no-op without `requests`). */
  runHousekeepingOnce(): Promise<void>;
  /** The approval reminders due now: how many thread replies and DMs went out. */
  runRemindersOnce(): Promise<RemindResult>;
  /** The request redraws owed that no replica holds: how many were drawn. */
  runRedrawsOnce(): Promise<number>;
  /** The new lines' plan steps due now (jobs/line-subscriptions.ts). */
  runLineSubscriptionsOnce(): Promise<LineSubscriptionsResult>;
  /** A plan step may be due (a request just ran): worked soon, in the background. */
  kickLineSubscriptions(): void;
  scheduler: Scheduler;
  /** The poller's share of the Telegent limit (metrics). */
  pollBudget: SharedPollBudget;
}

/**
 * Starts the background jobs of one replica. Every replica runs the same schedules; Postgres decides who
 * does what: the poller reads orders through SKIP LOCKED leases paced by one shared budget, the outbox claims
 * whole channels,
 * the digest tick and the request jobs run each slot once (job_slots), digests once per channel per local day,
 * a request's redraws under its lease in request_messages.
 */
export function startJobs(options: StartJobsOptions): Jobs {
  const { store, config, sandbox } = options;
  const logger = options.logger.child({ component: 'jobs' });
  const now = options.now ?? (() => new Date());
  // The jobs' own notifier (same token and API URL as the app's client): a rate-limited call fails at once,
  // so no job sits inside one call while its outbox lease or digest claim runs out; the next cycle retries.
  const notify = createNotifier({
    token: options.slack.token,
    slackApiUrl: options.slack.slackApiUrl,
    logger: logger.child({ component: 'slack-jobs' }),
    rateLimitRetries: 0,
  });
  const abort = new AbortController();
  // One for every job of this replica: the database goes away for all of them at once.
  const outage = createStoreOutage({ logger });

  const policy = { minSeconds: config.orderPollMinSeconds, maxSeconds: config.orderPollMaxSeconds };
  const pollBudget = createSharedPollBudget({
    rateLimits: store.rateLimits,
    orders: store.orders,
    limitPerMinute: config.telegentRateLimitPerMinute,
    share: config.pollShare,
    policy,
    logger,
    now,
  });
  // A change found by the poller is posted within CHANGES_COLLECT_MS, not at the next outbox slot: the changes
  // read meanwhile go together (several orders of one channel → one message); flushes never overlap.
  let flushing: Promise<unknown> | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let flushAgain = false;
  const flushNow = () => {
    flushTimer = undefined;
    if (abort.signal.aborted) return;
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = runOutboxOnce()
      .catch((error: Error) => logger.warn({ err: error.message }, 'outbox flush after a change failed'))
      .finally(() => {
        flushing = undefined;
        if (flushAgain) {
          flushAgain = false;
          postChangesSoon();
        }
      });
  };
  const postChangesSoon = () => {
    if (!abort.signal.aborted && !flushTimer) flushTimer = setTimeout(flushNow, CHANGES_COLLECT_MS);
  };
  const lineSubscriptions = createLineSubscriptions({
    lineSubscriptions: store.lineSubscriptions,
    orders: store.orders,
    telegent: options.telegent,
    redrawRequest: options.requests?.messages.sync,
    logger,
    now,
  });
  const poller = createOrderPoller({
    orders: store.orders,
    telegent: options.telegent,
    logger,
    policy,
    now,
    budget: pollBudget,
    // Tests that drive the jobs by hand (schedule: false) post when they choose. A change may be a port-in
    // completing: its line's plan step is due now.
    onChange:
      options.schedule === false
        ? undefined
        : () => {
            postChangesSoon();
            lineSubscriptions.kick();
          },
    onRead: options.onOrderRead,
    leaseSeconds: config.orderLeaseSeconds,
    outage,
    ...options.poller,
  });
  const outbox = createOrderOutbox({
    orders: store.orders,
    orderEvents: store.orderEvents,
    notify,
    logger,
    sandbox,
    now,
    redrawRequest: options.requests?.messages.sync,
  });
  const digest = createDigestJob({
    digests: store.digests,
    orders: store.orders,
    channelAccounts: store.channelAccounts,
    notify,
    logger,
    sandbox,
    now,
    nameOf: options.nameOf,
  });
  const headsUps = createHeadsUpJob({
    orders: store.orders,
    digests: store.digests,
    headsUps: store.headsUps,
    notify,
    logger,
    sandbox,
    defaultTimeZone: config.digestDefaultTimeZone ?? 'UTC',
    now,
  });
  const scheduler = createScheduler({ jobSlots: store.jobSlots, logger, outage });

  const runPollerOnce = () => poller.sweep(abort.signal);
  const runOutboxOnce = () => outbox.flush();
  const runDigestOnce = (at?: Date) => digest.tick(at);
  const runHeadsUpsOnce = (at?: Date) => headsUps.tick(at);
  const requestJobs = options.requests;
  const housekeeping = requestJobs
    ? createRequestHousekeeping({ ...requestJobs, logger: logger.child({ job: 'request-housekeeping' }) })
    : null;
  const reminders = requestJobs
    ? createApprovalRemindersJob({
        requests: store.requests,
        reminders: store.reminders,
        sender: requestJobs.reminders,
        scheduleMinutes: requestJobs.reminderMinutes,
        now,
        logger,
      })
    : null;
  const runHousekeepingOnce = async () => housekeeping?.run();
  const runRemindersOnce = async () => (await reminders?.tick()) ?? { thread: 0, dms: 0 };
  const runRedrawsOnce = async () => (await requestJobs?.messages.sweep()) ?? 0;
  const runLineSubscriptionsOnce = () => lineSubscriptions.runOnce();

  let polling: Promise<unknown> = Promise.resolve();
  let startupHousekeeping: Promise<unknown> = Promise.resolve();
  if (options.schedule !== false) {
    polling = poller.run(abort.signal);
    scheduler.add({
      name: 'order-outbox',
      cron: config.outboxCron ?? '*/10 * * * * *',
      coordinated: false,
      run: runOutboxOnce,
    });
    // Every replica: each step is claimed in the database, so replicas never work one step at once.
    scheduler.add({
      name: 'line-subscriptions',
      cron: '*/15 * * * * *',
      coordinated: false,
      run: runLineSubscriptionsOnce,
    });
    scheduler.add({
      name: 'digest-tick',
      cron: config.digestCron ?? '0 * * * * *',
      coordinated: true,
      run: () => runDigestOnce(),
    });
    scheduler.add({
      name: 'port-date-headsups',
      cron: '0 */15 * * * *',
      coordinated: true,
      run: () => runHeadsUpsOnce(),
    });
    scheduler.add({
      name: 'job-slots-purge',
      cron: '30 17 * * * *',
      coordinated: true,
      run: () => store.jobSlots.purgeBefore(new Date(Date.now() - 2 * 86_400_000)),
    });
    if (requestJobs) {
      scheduler.add({
        name: 'request-housekeeping',
        cron: config.expiryCron ?? '* * * * *',
        coordinated: true,
        run: runHousekeepingOnce,
      });
      // Each slot on one replica; each reminder is also claimed in the database, so even overlapping runs
      // (or a Nudge at the same moment) send it once.
      scheduler.add({
        name: 'approval-reminders',
        cron: '30 * * * * *',
        coordinated: true,
        run: runRemindersOnce,
      });
      // Every replica, often: the lease in request_messages decides who draws which request, and the query
      // reads only the owed rows (a partial index).
      scheduler.add({
        name: 'request-redraws',
        cron: '*/5 * * * * *',
        coordinated: false,
        run: runRedrawsOnce,
      });
      // What a stopped process left behind (an approval it never executed, a call it never finished) is picked
      // up now rather than at the next minute's run, in the background.
      startupHousekeeping = runHousekeepingOnce().catch((error: Error) =>
        logger.error({ err: { message: error.message } }, 'request housekeeping at start failed'),
      );
    }
  }
  logger.info(
    { sandbox, pollShare: config.pollShare, scheduled: options.schedule !== false },
    'jobs started',
  );

  return {
    scheduler,
    runPollerOnce,
    runOutboxOnce,
    runDigestOnce,
    runHeadsUpsOnce,
    runHousekeepingOnce,
    runRemindersOnce,
    runRedrawsOnce,
    runLineSubscriptionsOnce,
    kickLineSubscriptions: () => lineSubscriptions.kick(),
    pollBudget,
    async stop() {
      abort.abort(new Error('jobs stopping'));
      clearTimeout(flushTimer);
      await startupHousekeeping; // a recovered request may be mid-call: let it finish before the store closes
      await scheduler.stop();
      await lineSubscriptions.stop();
      await polling;
      await flushing;
      logger.info('jobs stopped');
    },
  };
}
