import type { AckFn, AllMiddlewareArgs, AnyMiddlewareArgs, Middleware, RespondFn } from '@slack/bolt';
import type { Logger } from '../log.js';
import { accessRefusalHome, accessRefusalMessage, accessRefusalModal } from '../messages/access-refusal.js';
import { listenerActionId } from '../messages/ids.js';
import {
  ACCESS_CHECK_FAILED,
  type AccessAction,
  type AccessChannel,
  type AccessPolicy,
  type AccessRefusalReason,
  type AccessUser,
  decideAccess,
} from '../requests/access-decision.js';
import type { NewAuditEntry } from '../store/audit-repo.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { SlackUsers } from './slack-users.js';
import { stepRefusal, stepRunOf } from './step-access.js';
import { userFacingError } from './user-facing-error.js';
import type { UsergroupMembers } from './usergroup-members.js';
import { type AckBudget, ackTimeLeft, startAckBudget, withinAckDeadline } from './within-ack-deadline.js';

/** What each listener lets a person do, by the id Slack routes on (each listener index answers for its own). */
export interface AccessClassifier {
  /** `/telegent <text>`. */
  command(text: string): AccessAction;
  /** A button's or a picker's action_id. */
  action(actionId: string): AccessAction;
  /** A submitted form's callback_id. */
  view(callbackId: string): AccessAction;
}

export interface AccessGateOptions {
  policy: AccessPolicy;
  classify: AccessClassifier;
  users: SlackUsers;
  usergroupMembers: UsergroupMembers;
  approvers: ApproverDirectory;
  audit(entry: NewAuditEntry): Promise<unknown>;
  logger: Logger;
  /** Workflow Builder steps that name the person they act for (request steps): their listener checks that person. */
  personSteps?: readonly string[];
  /** How long the facts may take before the ack is due (then: refused, try again). */
  deadlineMs?: number;
}

type Surface = 'command' | 'button' | 'form' | 'options' | 'home';

/** One Slack request the gate stands in front of. */
interface Gated {
  surface: Surface;
  userId: string;
  action: AccessAction;
  channel?: AccessChannel | undefined;
  /** For the audit log: the subcommand, action_id or callback_id (never typed text). */
  what: string;
}

// biome-ignore lint/suspicious/noExplicitAny: optional-chained reads of an untyped Slack payload
type Body = Record<string, any>;

function gatedRequest(body: Body, classify: AccessClassifier): Gated | null {
  if (typeof body.command === 'string') {
    const text = String(body.text ?? '');
    const channelId = String(body.channel_id ?? '');
    return {
      surface: 'command',
      userId: String(body.user_id ?? ''),
      action: classify.command(text),
      channel: { id: channelId, direct: channelId.startsWith('D') || body.channel_name === 'directmessage' },
      what: `/telegent ${text.trim().split(/\s+/)[0] ?? ''}`.trim(),
    };
  }
  switch (body.type) {
    case 'block_actions': {
      const actionId = listenerActionId(String(body.actions?.[0]?.action_id ?? ''));
      return { surface: 'button', userId: body.user?.id, action: classify.action(actionId), what: actionId };
    }
    case 'block_suggestion': {
      const actionId = String(body.action_id ?? '');
      return { surface: 'options', userId: body.user?.id, action: classify.action(actionId), what: actionId };
    }
    case 'view_submission': {
      const callbackId = String(body.view?.callback_id ?? '');
      return { surface: 'form', userId: body.user?.id, action: classify.view(callbackId), what: callbackId };
    }
    case 'event_callback':
      if (body.event?.type === 'app_home_opened' && body.event.tab === 'home') {
        return { surface: 'home', userId: String(body.event.user ?? ''), action: 'home', what: 'app_home' };
      }
      return null;
    default:
      return null; // view_closed and events with no listener carry nothing to protect
  }
}

type Refusal = { reason: AccessRefusalReason | 'check_failed' | 'store_unavailable'; sentence: string };

/**
 * The one place access is enforced (a Bolt global middleware, before every listener): who is asking
 * (users.info and the configured groups), then decideAccess. What Slack said is kept in memory and
 * refreshed in the background, so a person seen within the last minute is decided without an await: the
 * ack does not wait on Slack, a cache or a timer. Only a person (or group) memory does not hold waits
 * for Slack, inside the ack budget. A refused person gets the sentence where they acted (ephemeral,
 * a small modal, or App Home), inside the 3 s ack; no listener runs, so nothing is read from Telegent; the
 * refusal is audited. When Slack cannot say who is asking in time, the request is refused (fail closed).
 */
export function accessGate(options: AccessGateOptions): Middleware<AnyMiddlewareArgs> {
  const { policy, logger } = options;

  // Approvers only matter when reading is narrowed; with none configured "approver" means anyone.
  const asksApprover = Boolean(policy.readerUsergroupId) && !options.approvers.open;

  function refusalOf(facts: AccessUser, request: Gated): Refusal | null {
    const decision = decideAccess(facts, request.channel, request.action, policy);
    return decision.permit ? null : { reason: decision.reason, sentence: decision.sentence };
  }

  // The hot path: everything already in memory (warmed in the background), so no await before the listener.
  function knownMember(usergroupId: string | undefined, userId: string): boolean | undefined {
    if (!usergroupId) return false;
    const members = options.usergroupMembers.known(usergroupId);
    return members === undefined ? undefined : (members?.includes(userId) ?? false);
  }

  function knownFacts(userId: string): AccessUser | undefined {
    const user = options.users.known(userId);
    const inRequesterGroup = knownMember(policy.requesterUsergroupId, userId);
    const inReaderGroup = knownMember(policy.readerUsergroupId, userId);
    const isApprover = asksApprover ? options.approvers.knownApprover(userId) : false;
    if (!user || inRequesterGroup === undefined || inReaderGroup === undefined || isApprover === undefined) {
      return undefined;
    }
    return { ...user, isApprover, inRequesterGroup, inReaderGroup };
  }

  // A group Slack cannot read (free plans; logged once by usergroupMembers) has no members: they are refused.
  async function member(usergroupId: string | undefined, userId: string): Promise<boolean> {
    return usergroupId ? ((await options.usergroupMembers(usergroupId))?.includes(userId) ?? false) : false;
  }

  // A person (or a group) memory does not hold yet: ask Slack, within what is left of the ack budget.
  async function askedFacts(userId: string): Promise<AccessUser> {
    const [facts, inRequesterGroup, inReaderGroup, isApprover] = await Promise.all([
      options.users(userId),
      member(policy.requesterUsergroupId, userId),
      member(policy.readerUsergroupId, userId),
      asksApprover ? options.approvers.isApprover(userId) : Promise.resolve(false),
    ]);
    return { ...facts, isApprover, inRequesterGroup, inReaderGroup };
  }

  const CHECK_FAILED: Refusal = { reason: 'check_failed', sentence: ACCESS_CHECK_FAILED };

  /**
   * A Workflow Builder step run: Slack names no person, so only where it runs and the reading policy decide here; a
   * request step names the person it acts for, whom its listener checks by decideAccess (step-requester-access.ts).
   */
  async function gateStep(
    args: AnyMiddlewareArgs & AllMiddlewareArgs,
    run: NonNullable<ReturnType<typeof stepRunOf>>,
  ) {
    const sentence = stepRefusal(run, policy, (id) => options.personSteps?.includes(id) ?? false);
    if (!sentence) {
      await args.next();
      return;
    }
    const step = args as unknown as {
      ack?: () => Promise<void>;
      fail?: (r: { error: string }) => Promise<unknown>;
    };
    try {
      await step.ack?.();
      await step.fail?.({ error: sentence });
    } catch (error) {
      logger.warn(
        { err: { message: (error as Error).message }, step: run.callbackId },
        'could not fail a refused step',
      );
    }
    logger.info({ surface: 'step', what: run.callbackId, team: run.teamId }, 'access refused');
    await options
      .audit({
        actor: `workflow:${run.teamId ?? 'unknown'}`,
        action: 'access_refused',
        details: { reason: 'step', surface: 'step', what: run.callbackId },
      })
      .catch((error: Error) =>
        logger.warn({ err: { message: error.message } }, 'could not audit an access refusal'),
      );
  }

  return async (args) => {
    startAckBudget(args.context as AckBudget);
    const run = stepRunOf(args.body as Body);
    if (run) {
      await gateStep(args as AnyMiddlewareArgs & AllMiddlewareArgs, run);
      return;
    }
    const request = gatedRequest(args.body as Body, options.classify);
    if (!request) {
      await args.next();
      return;
    }
    const known = knownFacts(request.userId);
    const refusal = known
      ? refusalOf(known, request)
      : await withinAckDeadline(
          askedFacts(request.userId).then(
            (facts) => refusalOf(facts, request),
            (error: Error): Refusal => {
              // The cached group members live in the database: while it is away, say so (with a ref), as every
              // listener behind the gate would; never a silent drop, never "your account" for our outage.
              if (isStoreUnavailable(error)) {
                const context = { user: request.userId, surface: request.surface, what: request.what };
                return { reason: 'store_unavailable', sentence: userFacingError(error, logger, context) };
              }
              logger.warn(
                { err: { message: error.message }, user: request.userId },
                'could not check who is asking: refused',
              );
              return CHECK_FAILED;
            },
          ),
          CHECK_FAILED,
          options.deadlineMs ?? ackTimeLeft(args.context as AckBudget),
        );
    if (!refusal) {
      await args.next();
      return;
    }
    await tell(request, refusal, args as AnyMiddlewareArgs & AllMiddlewareArgs & Partial<Answerers>, logger);
    // Not a refusal of the person (the warning with the ref is logged) and no audit row can be written now.
    if (refusal.reason === 'store_unavailable') return;
    logger.info(
      { user: request.userId, surface: request.surface, what: request.what, reason: refusal.reason },
      'access refused',
    );
    await options
      .audit({
        actor: request.userId,
        action: 'access_refused',
        details: {
          reason: refusal.reason,
          access: request.action,
          surface: request.surface,
          what: request.what,
          ...(request.channel ? { channel: request.channel.id } : {}),
        },
      })
      .catch((error: Error) =>
        logger.warn({ err: { message: error.message } }, 'could not audit an access refusal'),
      );
  };
}

interface Answerers {
  ack: AckFn<unknown>;
  respond: RespondFn;
}

/** The refusal, where the person acted: acked first, everything else after. */
async function tell(
  request: Gated,
  refusal: Refusal,
  args: AnyMiddlewareArgs & AllMiddlewareArgs & Partial<Answerers>,
  logger: Logger,
): Promise<void> {
  const body = args.body as Body;
  const answer = accessRefusalMessage(refusal.sentence);
  const ephemeral = { response_type: 'ephemeral' as const, replace_original: false, ...answer };
  try {
    switch (request.surface) {
      case 'command':
        await args.ack?.();
        await args.respond?.(ephemeral);
        return;
      case 'form':
        await args.ack?.({ response_action: 'update', view: accessRefusalModal(refusal.sentence) });
        return;
      case 'options':
        await args.ack?.({ options: [] });
        return;
      case 'home':
        await args.client.views.publish({
          user_id: request.userId,
          view: accessRefusalHome(refusal.sentence),
        });
        return;
      case 'button': {
        await args.ack?.();
        if (body.response_url && args.respond) await args.respond(ephemeral);
        else if (body.view?.type === 'modal' && body.trigger_id) {
          await args.client.views.push({
            trigger_id: body.trigger_id,
            view: accessRefusalModal(refusal.sentence),
          });
        } else if (body.trigger_id) {
          await args.client.views.open({
            trigger_id: body.trigger_id,
            view: accessRefusalModal(refusal.sentence),
          });
        }
        return;
      }
    }
  } catch (error) {
    logger.warn(
      { err: { message: (error as Error).message }, user: request.userId },
      'could not show an access refusal',
    );
  }
}
