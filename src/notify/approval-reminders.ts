import type { Logger } from '../log.js';
import { reminderDm, reminderThreadReply } from '../messages/approval-reminder.js';
import { operationTitle, storedSummary } from '../messages/request-line.js';
import {
  isDaytime,
  nextStep,
  planReminders,
  type ReminderRecipient,
  type SentStep,
  THREAD,
} from '../requests/reminder-plan.js';
import type { RemindersRepo } from '../store/reminders-repo.js';
import type { RequestRecord, RequestsRepo } from '../store/requests-repo.js';
import type { Notifier } from './notifier.js';

/** The Nudge button works at most this often per request. */
export const NUDGE_INTERVAL_MS = 15 * 60_000;

export interface ReminderSenderDeps {
  requests: Pick<RequestsRepo, 'get'>;
  reminders: RemindersRepo;
  notify: Notifier;
  /** Everyone who may approve, by user id (empty when no approver list or group is configured). */
  listApprovers: () => Promise<string[]>;
  /** APPROVER_USERGROUP_ID: mentioned when no approver is known by name. */
  approverGroupId?: string | undefined;
  /** The user's IANA time zone (Slack users.info `tz`). */
  timeZoneOf: (userId: string) => Promise<string | undefined>;
  allowSelfApproval: boolean;
  now: () => Date;
  logger: Logger;
  sandbox: boolean;
  /** Each reminder sent: 'thread' or 'dm' (the reminders-sent counter). */
  onSent?: (channel: 'thread' | 'dm') => void;
}

export interface RemindResult {
  thread: number;
  dms: number;
}

export type NudgeOutcome =
  | ({ status: 'sent' } & RemindResult)
  /** Nothing could be sent now: every approver it would reach is in their night. */
  | { status: 'asleep' }
  | { status: 'too_soon'; nextAt: Date }
  | { status: 'not_pending' };

export type ReminderSender = ReturnType<typeof createReminderSender>;

/**
 * Sends approval reminders: a step of the schedule (the approval-reminders job in jobs/ decides which are due)
 * and a requester's Nudge. What to send is `planReminders`' (pure); each reminder is claimed in the database before it is posted, so two
 * replicas never send the same one, and a decided or expired request claims nothing.
 */
export function createReminderSender(deps: ReminderSenderDeps) {
  const { notify, logger } = deps;

  async function recipientsOf(request: RequestRecord, at: Date): Promise<ReminderRecipient[]> {
    const approvers = (await deps.listApprovers()).filter(
      (id) => !request.approvedBy.includes(id) && (deps.allowSelfApproval || id !== request.requestedBy),
    );
    return Promise.all(
      [...new Set(approvers)].map(async (userId) => {
        const zone = await deps.timeZoneOf(userId).catch(() => undefined);
        return { userId, awake: isDaytime(at, zone) };
      }),
    );
  }

  async function remind(
    request: RequestRecord,
    step: number,
    sent: readonly SentStep[],
    nudgedBy?: string,
  ): Promise<RemindResult> {
    const at = deps.now();
    const plan = planReminders({
      step,
      sent,
      recipients: await recipientsOf(request, at),
      hasCard: Boolean(request.cardChannelId && request.cardTs),
    });
    const base = {
      request,
      title: operationTitle(request.kind),
      summary: storedSummary(request),
      now: at,
      nudgedBy,
      sandbox: deps.sandbox,
    };
    const result: RemindResult = { thread: 0, dms: 0 };

    /** Claims, then posts; a post Slack refused gives the claim back for the next run. */
    const send = async (target: string, post: () => Promise<unknown>): Promise<boolean> => {
      if (!(await deps.reminders.claim(request.id, step, target, at))) return false;
      try {
        await post();
        return true;
      } catch (error) {
        logger.warn(
          { err: { message: (error as Error).message }, requestId: request.id, step, target },
          'approval reminder not sent',
        );
        await deps.reminders.release(request.id, step, target);
        return false;
      }
    };

    if (plan.thread && request.cardChannelId && request.cardTs) {
      const reply = reminderThreadReply({
        ...base,
        mention: plan.thread.mention,
        group: deps.approverGroupId,
      });
      const posted = await send(THREAD, () =>
        notify.post(request.cardChannelId!, reply, { threadTs: request.cardTs }),
      );
      if (posted) {
        result.thread += 1;
        deps.onSent?.('thread');
      }
    }
    if (plan.dms.length > 0) {
      const permalink =
        request.cardChannelId && request.cardTs
          ? await notify.permalink(request.cardChannelId, request.cardTs).catch(() => undefined)
          : undefined;
      const dm = reminderDm({ ...base, permalink });
      for (const { userId } of plan.dms) {
        if (await send(userId, () => notify.dm(userId, dm))) {
          result.dms += 1;
          deps.onSent?.('dm');
        }
      }
    }
    if (result.thread + result.dms > 0) {
      logger.info(
        { requestId: request.id, step, nudged: Boolean(nudgedBy), ...result },
        'approval reminder sent',
      );
    }
    return result;
  }

  return {
    /** Sends step `step` of a request's reminders (those of `sent` are not sent again). */
    remind,

    /** The requester's Nudge: the next reminder now, at most once per NUDGE_INTERVAL_MS per request. */
    async nudge(requestId: string, by: string): Promise<NudgeOutcome> {
      const claimedAt = deps.now();
      const claim = await deps.reminders.claimNudge(requestId, claimedAt, NUDGE_INTERVAL_MS);
      if (claim.status !== 'claimed') return claim;
      const request = await deps.requests.get(requestId);
      if (!request) return { status: 'not_pending' };
      const sent = (await deps.reminders.listSent([requestId])).get(requestId) ?? [];
      const done = await remind(request, nextStep(sent), sent, by);
      if (done.thread + done.dms > 0) return { status: 'sent', ...done };
      // Nobody was woken: the Nudge is not used up.
      await deps.reminders.releaseNudge(requestId, claimedAt);
      return { status: 'asleep' };
    },
  };
}
