import type { Logger } from '../log.js';
import type { ReminderSender, RemindResult } from '../notify/approval-reminders.js';
import { dueStep } from '../requests/reminder-plan.js';
import type { RemindersRepo } from '../store/reminders-repo.js';
import type { RequestRecord, RequestsRepo } from '../store/requests-repo.js';

export interface ApprovalRemindersJobDeps {
  requests: Pick<RequestsRepo, 'listPending'>;
  reminders: Pick<RemindersRepo, 'listSent'>;
  sender: Pick<ReminderSender, 'remind'>;
  /** APPROVAL_REMINDERS in minutes after filing (empty: no scheduled reminders; Nudge still works). */
  scheduleMinutes: readonly number[];
  now: () => Date;
  logger: Logger;
}

/**
 * The approval-reminders job: each run sends the reminders due now over every pending request (each step of
 * APPROVAL_REMINDERS once: the sender claims every reminder in the database before posting it, so overlapping
 * runs, replicas and a Nudge at the same moment send it once).
 */
export function createApprovalRemindersJob(deps: ApprovalRemindersJobDeps) {
  const logger = deps.logger.child({ job: 'approval-reminders' });
  return {
    async tick(): Promise<RemindResult> {
      const total: RemindResult = { thread: 0, dms: 0 };
      if (deps.scheduleMinutes.length === 0) return total;
      const at = deps.now();
      const due = (await deps.requests.listPending({ now: at }))
        .map((request) => ({ request, step: dueStep(deps.scheduleMinutes, request.createdAt, at) }))
        .filter((d): d is { request: RequestRecord; step: number } => d.step !== null);
      const sent = await deps.reminders.listSent(due.map((d) => d.request.id));
      for (const { request, step } of due) {
        try {
          const done = await deps.sender.remind(request, step, sent.get(request.id) ?? []);
          total.thread += done.thread;
          total.dms += done.dms;
        } catch (error) {
          logger.warn(
            { err: { message: (error as Error).message }, requestId: request.id },
            'approval reminders failed',
          );
        }
      }
      return total;
    },
  };
}
