import type { Logger } from '../log.js';
import { revealedSecretMessage } from '../messages/revealed-secret-message.js';
import type { ExecutionOutcome } from '../requests/outcomes.js';
import { customerFullName, requestReason } from '../requests/request-context.js';
import type { PickerKind } from '../telegent/picker-source.js';
import type { Notifier } from './notifier.js';
import type { RequestMessages } from './request-messages.js';

export interface AfterExecutionDeps {
  messages: Pick<RequestMessages, 'sync'>;
  notify: Pick<Notifier, 'dm' | 'ephemeral'>;
  /** Drops a cached picker list the execution made stale (so the next form finds what was just created). */
  forgetPickers: (list: PickerKind) => void;
  /** A step the execution stored may be due now (the new line's plan): its job works it soon. */
  kickJobs?: (() => void) | undefined;
  logger: Logger;
  sandbox: boolean;
}

/**
 * What follows a request's execution, wherever it ran (a click, a form, the recovery job): its messages are
 * redrawn from what is stored, and what is not stored is handed on now — a secret (port-out PIN, temporary
 * password) goes to the requester alone, by DM (else an ephemeral in their channel); stale picker lists are
 * dropped.
 */
export async function afterExecution(deps: AfterExecutionDeps, execution: ExecutionOutcome): Promise<void> {
  if (execution.status === 'not_claimed' || !execution.request) return;
  const { request } = execution;
  await deps.messages.sync(request.id);
  if (execution.status !== 'succeeded') return;
  deps.kickJobs?.();
  for (const list of execution.staleLists ?? []) deps.forgetPickers(list);
  const reveal = execution.revealToRequester;
  if (!reveal) return;
  const payload = revealedSecretMessage(reveal, deps.sandbox, {
    customerName: customerFullName(request.input),
    requestReason: requestReason(request.input),
  });
  try {
    await deps.notify.dm(request.requestedBy, payload);
  } catch (error) {
    deps.logger.warn(
      { err: { message: (error as Error).message }, requestId: request.id },
      'secret DM failed',
    );
    await deps.notify
      .ephemeral(request.channelId, request.requestedBy, payload)
      .catch((failure: Error) =>
        deps.logger.warn(
          { err: { message: failure.message }, requestId: request.id },
          'secret ephemeral failed',
        ),
      );
  }
}
