import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';
import type { JobSlotsRepo } from '../store/job-slots-repo.js';
import { createStoreOutage, type StoreOutage } from './store-outage.js';

export interface JobDefinition {
  /** Unique per scheduler; also the coordination key prefix shared by replicas. */
  name: string;
  /** Five fields, or six with seconds first. Evaluated in UTC. */
  cron: string;
  run: () => Promise<unknown>;
  /**
   * true: each scheduled slot runs on ONE replica (Postgres job_slots claim) — for work that must not be
   * repeated per replica (digest tick, expiry, housekeeping). false: every replica runs it and the job
   * shares the work itself (the poller's SKIP LOCKED claims).
   */
  coordinated: boolean;
}

export interface Scheduler {
  add(job: JobDefinition): ScheduledTask;
  /** The tasks by name (tests call `execute()` on them; that skips coordination). */
  tasks: Map<string, ScheduledTask>;
  coordinator: RunCoordinator;
  /** Stops every task and waits for runs in progress. */
  stop(): Promise<void>;
}

/** A node-cron run coordinator on the job_slots table: true for exactly one caller per slot key. */
export function postgresRunCoordinator(
  jobSlots: JobSlotsRepo,
  logger: Logger,
  outage: StoreOutage = createStoreOutage({ logger }),
): RunCoordinator {
  return {
    async shouldRun(key: string): Promise<boolean> {
      if (!outage.mayTry()) return false; // the database is away: this slot waits out the backoff
      // node-cron asks this before each coordinated run, outside the run itself: a failure here (the database
      // away, or closed by a shutdown mid-claim) must skip the slot, not escape as an unhandled rejection.
      const won = await jobSlots.claim(key).then(
        (claimed) => {
          outage.succeeded();
          return claimed;
        },
        (error: Error) => {
          if (!outage.failed(error)) {
            logger.warn(
              { slot: key, err: { message: error.message } },
              'could not claim a job slot; skipped',
            );
          }
          return false;
        },
      );
      if (!won) logger.debug({ slot: key }, 'job slot taken by another replica');
      return won;
    },
  };
}

function cronLogger(logger: Logger) {
  const child = logger.child({ component: 'node-cron' });
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m: string) => child.debug(m),
    warn: (m: string) => child.warn(m),
    error: (m: string | Error, err?: Error) => child.error({ err: (err ?? m) as Error }, text(m)),
    debug: (m: string | Error) => child.debug(text(m)),
  };
}

/**
 * node-cron tasks with a Postgres run coordinator, overlap protection and logged failures. While the database
 * is away the jobs pause together (`outage`: told once, slots skipped during a growing backoff) and resume by
 * themselves at the first run that reaches it.
 */
export function createScheduler(options: {
  jobSlots: JobSlotsRepo;
  logger: Logger;
  outage?: StoreOutage;
}): Scheduler {
  const { logger } = options;
  const outage = options.outage ?? createStoreOutage({ logger });
  const tasks = new Map<string, ScheduledTask>();
  const running = new Set<Promise<unknown>>();
  const coordinator = postgresRunCoordinator(options.jobSlots, logger, outage);
  const nodeCronLogger = cronLogger(logger);

  return {
    tasks,
    coordinator,
    add(job) {
      if (tasks.has(job.name)) throw new Error(`job ${job.name} is already scheduled`);
      if (!cron.validate(job.cron)) {
        throw new Error(
          `job ${job.name}: "${job.cron}" is not a cron expression (5 fields, or 6 with seconds)`,
        );
      }
      const run = async () => {
        // Coordinated jobs were held back by the coordinator already; the others wait here.
        if (!outage.mayTry()) return undefined;
        const started = Date.now();
        const work = job.run();
        running.add(work);
        try {
          const result = await work;
          outage.succeeded();
          logger.debug({ job: job.name, ms: Date.now() - started }, 'job finished');
          return result;
        } catch (error) {
          // A job failure is logged and the next slot tries again; it never takes the process down. The
          // database being away is told once for every job (outage), not once per job and slot.
          if (outage.failed(error)) return undefined;
          logger.error({ job: job.name, err: error as Error }, 'job failed');
          return undefined;
        } finally {
          running.delete(work);
        }
      };
      const task = cron.schedule(job.cron, run, {
        name: job.name,
        timezone: 'UTC',
        noOverlap: true,
        distributed: job.coordinated,
        runCoordinator: job.coordinated ? coordinator : undefined,
        logger: nodeCronLogger,
      });
      tasks.set(job.name, task);
      return task;
    },
    async stop() {
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      await Promise.allSettled([...running]);
    },
  };
}
