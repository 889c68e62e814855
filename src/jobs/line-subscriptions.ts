import type { Logger } from '../log.js';
import { planGaveUpWords, planRefusedWords, plansNotEnabledWords } from '../messages/plan-step-words.js';
import { subscriptionType } from '../operations/plan-line.js';
import type {
  ClaimedLineSubscription,
  LineSubscriptionOutcome,
  LineSubscriptionsRepo,
} from '../store/line-subscriptions-repo.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import type { TelegentClient } from '../telegent/client.js';
import { correlationId, isTelegentError, whatHappened } from '../telegent/errors.js';
import { findLineSubscriptionsById } from '../telegent/line-subscriptions.js';
import { isSuccessfulOrderStatus } from '../telegent/order-status.js';
import { isPlansNotEnabled } from '../telegent/plans-availability.js';

export interface LineSubscriptionsOptions {
  lineSubscriptions: LineSubscriptionsRepo;
  orders: Pick<OrdersRepo, 'get'>;
  telegent: Pick<TelegentClient, 'getNumber' | 'plans'>;
  /** The request's messages are redrawn from what is stored: a refused plan shows in its thread. */
  redrawRequest?: ((requestId: string) => Promise<void>) | undefined;
  logger: Logger;
  now?: () => Date;
  /** How long a worker holds a step (default 120 s), renewed while it works: a dead worker's step comes back after. */
  leaseSeconds?: number;
  /** Steps claimed per run (default 20). */
  batchSize?: number;
  /** Transient failures before the step gives up and says so in the thread (default 12: about a day of backoff). */
  maxFailures?: number;
}

export interface LineSubscriptionsResult {
  done: number;
  /** Of `done`: found already at Telegent (an earlier create reached it before its worker died). */
  found: number;
  refused: number;
  skipped: number;
  retried: number;
  failed: number;
}

export interface LineSubscriptions {
  /** Works every step due now (claimed: no step is worked by two workers). */
  runOnce(): Promise<LineSubscriptionsResult>;
  /** A step may have become due (a provision just ran, an order just completed): run soon, in the background. */
  kick(): void;
  /** Waits for a run in progress (shutdown). */
  stop(): Promise<void>;
}

/** A transient failure waits 30 s, then twice as long each time, at most 4 h. */
export function planRetryDelayMs(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 4 * 3_600_000);
}

/** Telegent refused the create for good: the input (400/422), something unknown (404), a conflict (409). */
const isRefusal = (error: unknown) =>
  isTelegentError(error) && (error.kind === 'rejected' || [400, 404, 409, 422].includes(error.status ?? 0));

/**
 * Puts each new line on the plan its request chose, exactly once. A step is claimed (a lease, fenced by a token)
 * before anything is sent; right before the create its `attempts` is counted, so a step claimed again after a
 * create may have gone out (its worker died, or Telegent's answer was lost) is first looked up at Telegent by the
 * line's TNID, and a subscription found there is recorded, never created twice. A port-in's step waits for its
 * order to complete, then reads the number back for its TNID and classification. What Telegent refuses, and
 * plans not being enabled for the account, end the step with a sentence the request's thread shows once.
 */
export function createLineSubscriptions(options: LineSubscriptionsOptions): LineSubscriptions {
  const { lineSubscriptions: repo, telegent } = options;
  const logger = options.logger.child({ job: 'line-subscriptions' });
  const now = options.now ?? (() => new Date());
  const leaseSeconds = options.leaseSeconds ?? 120;
  const maxFailures = options.maxFailures ?? 12;
  const lease = () => ({ now: now(), leaseSeconds });
  const call = { priority: 'background' as const };

  /** Thrown when the worker no longer holds its step: it stops, records nothing. */
  class ClaimLost extends Error {}
  /** Steps whose heartbeat found them taken over by another worker. */
  const lost = new Set<string>();

  async function finish(
    step: ClaimedLineSubscription,
    outcome: LineSubscriptionOutcome,
    result: LineSubscriptionsResult,
  ) {
    if (!(await repo.finish(step, outcome, now()))) throw new ClaimLost();
    result[outcome.status]++;
    logger.info(
      {
        requestId: step.requestId,
        status: outcome.status,
        subscriptionId: 'subscriptionId' in outcome ? outcome.subscriptionId : undefined,
      },
      'line plan step ended',
    );
    if (outcome.status !== 'done' || outcome.detail) await options.redrawRequest?.(step.requestId);
  }

  /**
   * The line's live subscription at Telegent, if it has one: matched by its TNID/NID (by SIM only when the
   * subscription names no number), so a SIM moved from another line does not make this one look billed.
   */
  async function existing(step: ClaimedLineSubscription) {
    const [found] = await findLineSubscriptionsById(telegent, { tnid: step.tnid!, iccid: step.iccid }, call);
    return found;
  }

  /** The number as Telegent has it once it is ours: its TNID and classification. False: the step ended. */
  async function readNumberBack(step: ClaimedLineSubscription, result: LineSubscriptionsResult) {
    if (step.orderId) {
      const order = await options.orders.get(step.orderId);
      if (order && !isSuccessfulOrderStatus(order.status)) {
        // Cancelled or failed: the number never became ours, so there is no line to bill (its thread says why).
        await finish(step, { status: 'skipped', detail: null }, result);
        return false;
      }
    }
    const number = await telegent.getNumber({ Number: step.phoneNumber }, call);
    if (!number.Tnid) throw new Error('Telegent returned the number without its TNID');
    const read = {
      tnid: number.Tnid,
      type: number.Classification ? subscriptionType(number.Classification) : step.type,
      iccid: step.iccid ?? number.Iccid ?? null,
    };
    if (!(await repo.setNumber(step, read, now()))) throw new ClaimLost();
    Object.assign(step, read);
    return true;
  }

  async function create(step: ClaimedLineSubscription, result: LineSubscriptionsResult): Promise<void> {
    if (!step.tnid && !(await readNumberBack(step, result))) return;
    // Always looked up first (one list read): an earlier create may have reached Telegent before its worker
    // died, or a person put the line on a plan meanwhile (Put on a plan…): either way it is recorded, not made twice.
    const found = await existing(step);
    if (found) {
      logger.info(
        { requestId: step.requestId, subscriptionId: found.SubscriptionId, attempts: step.attempts },
        'the line was already on a plan at Telegent; recorded, not created again',
      );
      result.found++;
      return finish(step, { status: 'done', subscriptionId: found.SubscriptionId }, result);
    }
    if (lost.has(step.requestId) || !(await repo.markSending(step, lease()))) throw new ClaimLost();
    try {
      const created = await telegent.plans.createSubscription(
        {
          SubscriberId: step.subscriberId,
          PackageId: step.packageId,
          Type: step.type ?? 'mvno',
          TNID: step.tnid!,
          ...(step.iccid ? { ICCID: step.iccid } : {}),
        },
        call,
      );
      return finish(step, { status: 'done', subscriptionId: created.SubscriptionId }, result);
    } catch (error) {
      if (isPlansNotEnabled(error)) {
        logger.warn({ requestId: step.requestId }, 'plans are not enabled for this Telegent account');
        return finish(step, { status: 'skipped', detail: plansNotEnabledWords(step) }, result);
      }
      if (!isRefusal(error)) throw error;
      if (isTelegentError(error) && error.status === 409) {
        // The line already has a subscription (ours from a lost answer, or one made elsewhere): record it.
        const found = await existing(step);
        if (found) {
          result.found++;
          return finish(step, { status: 'done', subscriptionId: found.SubscriptionId }, result);
        }
      }
      const ref = correlationId();
      logger.warn(
        {
          ref,
          requestId: step.requestId,
          status: isTelegentError(error) ? error.status : undefined,
          telegentMessage: isTelegentError(error) ? error.telegentMessage : undefined,
        },
        'Telegent refused the line plan',
      );
      const what = isTelegentError(error) ? `${whatHappened(error)} (ref ${ref}).` : `(ref ${ref}).`;
      return finish(step, { status: 'refused', detail: planRefusedWords(step, what) }, result);
    }
  }

  /** A transient failure: tried again later, or given up (and said in the thread) after too many. */
  async function later(step: ClaimedLineSubscription, error: unknown, result: LineSubscriptionsResult) {
    const ref = correlationId();
    const failures = step.failures + 1;
    const reason = isTelegentError(error)
      ? `${error.kind} ${error.status ?? ''}`.trim()
      : (error as Error).message;
    logger.warn(
      { ref, requestId: step.requestId, failures, err: reason },
      'line plan step failed; retried later',
    );
    if (failures >= maxFailures) {
      return finish(step, { status: 'failed', detail: planGaveUpWords(step, failures, ref) }, result);
    }
    const at = new Date(now().getTime() + planRetryDelayMs(failures));
    if ((await repo.retryLater(step, at, reason, now())) === null) throw new ClaimLost();
    result.retried++;
  }

  async function work(step: ClaimedLineSubscription, result: LineSubscriptionsResult): Promise<void> {
    // Renewed while Telegent is slow: another worker takes the step only if this one is gone.
    // A renew that finds the step taken over stops the work: nothing is sent (see `markSending`) or recorded.
    const heartbeat = setInterval(
      () =>
        void repo.renew(step, lease()).then(
          (held) => {
            if (!held) lost.add(step.requestId);
          },
          () => undefined,
        ),
      (leaseSeconds * 1000) / 3,
    );
    heartbeat.unref();
    try {
      await create(step, result);
    } catch (error) {
      if (error instanceof ClaimLost) {
        logger.warn(
          { requestId: step.requestId },
          'another worker took this line plan step over; left to it',
        );
        return;
      }
      // A look-up can meet it too (before the create, or after a 409): said once, never retried.
      const ending = isPlansNotEnabled(error)
        ? finish(step, { status: 'skipped', detail: plansNotEnabledWords(step) }, result)
        : later(step, error, result);
      await ending.catch((failure: unknown) => {
        if (!(failure instanceof ClaimLost)) throw failure;
      });
    } finally {
      clearInterval(heartbeat);
      lost.delete(step.requestId);
    }
  }

  let running: Promise<LineSubscriptionsResult> | undefined;
  let again = false;
  let stopped = false;

  async function runOnce(): Promise<LineSubscriptionsResult> {
    const result: LineSubscriptionsResult = {
      done: 0,
      found: 0,
      refused: 0,
      skipped: 0,
      retried: 0,
      failed: 0,
    };
    const steps = await repo.claimDue(options.batchSize ?? 20, lease());
    for (const step of steps) await work(step, result);
    if (steps.length > 0) logger.info(result, 'line plan steps worked');
    return result;
  }

  /** One run at a time in this process: an ask while one runs makes it run again after. */
  function runSoon(): Promise<LineSubscriptionsResult> {
    if (running) {
      again = true;
      return running;
    }
    running = runOnce().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        void runSoon().catch(() => undefined);
      }
    });
    return running;
  }

  return {
    runOnce: () => runSoon(),
    kick() {
      if (stopped) return;
      void runSoon().catch((error: Error) =>
        logger.warn(
          { err: { message: error.message } },
          'line plan steps could not run; the schedule retries',
        ),
      );
    },
    async stop() {
      stopped = true;
      await running?.catch(() => undefined);
    },
  };
}
