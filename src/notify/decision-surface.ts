import type { BlockAction } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { DecisionSurface } from '../messages/action-values.js';
import { decidedReminderDm, reminderDmStanding } from '../messages/approval-reminder.js';
import { BLOCK } from '../messages/ids.js';
import { operationTitle, storedSummary } from '../messages/request-line.js';
import type { RequestsRepo } from '../store/requests-repo.js';
import type { Notifier } from './notifier.js';

/** The surface of a click, from its payload (a reminder DM's buttons sit in a block of their own id). */
export function decisionSurface(body: BlockAction, blockId: string | undefined): DecisionSurface {
  if (body.view?.type === 'home') return { kind: 'home' };
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  if (blockId === BLOCK.reminderDecision && typeof channel === 'string' && typeof ts === 'string')
    return { kind: 'dm', channel, ts };
  return { kind: 'card' };
}

export interface DecisionSurfaceDeps {
  store: { requests: Pick<RequestsRepo, 'get'> };
  notify: Pick<Notifier, 'update'>;
  publishHome(userId: string): Promise<void>;
  logger: Logger;
  sandbox: boolean;
  now: () => Date;
}

/**
 * After a click on Approve or Reject (decided, counted or refused): App Home is published again, or the reminder
 * DM is redrawn from the request as stored now (the decision, who made it and when; a request still waiting
 * for this approver keeps its buttons). The card is the request's projection's (`RequestMessages.sync`). Never throws: the decision stands whatever Slack answers.
 */
export async function redrawDecisionSurface(
  deps: DecisionSurfaceDeps,
  surface: DecisionSurface,
  requestId: string,
  userId: string,
): Promise<void> {
  try {
    if (surface.kind === 'home') await deps.publishHome(userId);
    if (surface.kind !== 'dm') return;
    const request = await deps.store.requests.get(requestId);
    if (!request) return;
    const standing = reminderDmStanding(request, userId, deps.now());
    // Still waiting for this approver (their click was refused for another reason): the buttons stay.
    if (!standing) return;
    await deps.notify.update(
      surface.channel,
      surface.ts,
      decidedReminderDm({
        request,
        title: operationTitle(request.kind),
        summary: storedSummary(request),
        standing,
        sandbox: deps.sandbox,
      }),
    );
  } catch (error) {
    deps.logger.warn(
      { err: { message: (error as Error).message }, requestId, user: userId, surface: surface.kind },
      'could not redraw where the decision was made',
    );
  }
}
