import { randomUUID } from 'node:crypto';
import type { DrawLease } from '../store/request-messages-repo.js';
import { type DrawDeps, drawRequest, LeaseLost, TryLater } from './draw-request.js';

export interface RequestMessagesDeps extends Omit<DrawDeps, 'timing'> {
  now: () => Date;
  /**
   * How long a replica's hold on drawing a request lasts unless renewed (renewed every third of it while it
   * draws, and before every Slack call): a killed replica's redraw is taken over (by the request-redraws job)
   * within about this plus 5 s.
   */
  leaseSeconds?: number;
}

export interface RequestMessages {
  /**
   * Asks for a redraw of the request's messages from what is stored, and draws it unless another replica is
   * drawing that request (it draws this ask too before letting go). Never throws: Slack failures are retried
   * by `sweep`.
   */
  sync(requestId: string): Promise<void>;
  /** Draws the redraws owed that nobody holds (a killed replica's, a failed one's once due): how many. */
  sweep(): Promise<number>;
}

/** After this many failed redraws in a row a request's messages are left as they are (logged). */
const MAX_FAILURES = 8;

/**
 * A request's messages as a projection of what is stored. Every step (filed, approved, 1 of 2, rejected,
 * expired, withdrawn, ran, order status changed) stores its fact and calls `sync`: one redraw reads the
 * request, its approvals and its order afresh and makes Slack show `requestPicture` of it.
 *
 * One drawer per request: in this process the asks for a request coalesce into one loop (it draws again while
 * more was asked), and across replicas a lease in `request_messages` lets one replica draw a request at a time;
 * the others leave their ask for it. So a slow, late redraw can never put an older picture over a newer one:
 * the newer one is drawn after it, from the state as it is then.
 *
 * Posts that must appear once (the card, the story, the decision notice, the outcome lines) are claimed in
 * `request_posts` before they are posted and carry the request in their metadata; a claim an earlier drawer may
 * have posted (it died, or Slack's answer was lost) is looked for in Slack before it is posted again.
 */
export function createRequestMessages(deps: RequestMessagesDeps): RequestMessages {
  const { requestMessages: repo } = deps;
  const logger = deps.logger.child({ component: 'request-messages' });
  const leaseSeconds = deps.leaseSeconds ?? 9;
  const timing = () => ({ now: deps.now(), leaseSeconds });
  const running = new Map<string, Promise<void>>();

  /** Draws while this replica holds the request and more was asked; lets go when it is drawn. */
  async function drawWhileAsked(requestId: string): Promise<void> {
    const lease = await repo.lease(requestId, randomUUID(), timing());
    if (!lease) return;
    // Renewed while drawing (a slow Slack call keeps it), so the lease can be short: a killed replica's
    // request is taken over within seconds.
    const heartbeat = setInterval(
      () => void repo.renew(lease, timing()).catch(() => undefined),
      (1000 * leaseSeconds) / 3,
    );
    heartbeat.unref();
    try {
      await drawLeased(lease);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function drawLeased(lease: DrawLease): Promise<void> {
    const { requestId } = lease;
    for (;;) {
      try {
        await drawRequest({ ...deps, logger, timing }, lease);
      } catch (error) {
        if (error instanceof LeaseLost) {
          logger.warn({ requestId }, 'another replica took over drawing this request; left to it');
          return;
        }
        const failures = await repo.failed(lease, deps.now());
        if (failures >= MAX_FAILURES) {
          await repo.giveUp(lease);
          logger.error(
            { requestId, failures },
            'gave up redrawing this request in Slack after repeated failures',
          );
        } else {
          logger.warn(
            {
              requestId,
              failures,
              err: error instanceof TryLater ? error.message : (error as Error).message,
            },
            'redraw of this request failed; retried later',
          );
        }
        return;
      }
      const next = await repo.drawn(lease, timing());
      if (next === null) return;
      lease.target = next;
    }
  }

  async function sync(requestId: string): Promise<void> {
    try {
      await repo.ask(requestId);
      // One loop per request in this process: wait for the one running (it may end just before this ask is
      // seen), then draw what is still owed.
      for (let current = running.get(requestId); current; current = running.get(requestId)) await current;
      const loop = drawWhileAsked(requestId).finally(() => running.delete(requestId));
      running.set(requestId, loop);
      await loop;
    } catch (error) {
      logger.warn({ requestId, err: { message: (error as Error).message } }, 'could not redraw a request');
    }
  }

  return {
    sync,
    async sweep() {
      const owed = await repo.listOwed(deps.now());
      for (const requestId of owed) {
        if (running.has(requestId)) continue;
        const loop = drawWhileAsked(requestId).finally(() => running.delete(requestId));
        running.set(requestId, loop);
        await loop.catch((error: Error) =>
          logger.warn({ requestId, err: { message: error.message } }, 'could not redraw a request'),
        );
      }
      return owed.length;
    },
  };
}
