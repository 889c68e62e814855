import type { ApprovalPolicy } from '../config.js';
import type { Logger } from '../log.js';
import { redactInput, type SchemaOptions } from '../operations/operation.js';
import { getOperation, type OperationKind } from '../operations/registry.js';
import { validateInput } from '../operations/validation-errors.js';
import type { Store } from '../store/open-store.js';
import type { RequestRecord } from '../store/requests-repo.js';
import type { TelegentClient } from '../telegent/client.js';
import { ITEM_LEASE_SECONDS } from './batch.js';
import { type CustomerNoticeSettings, settleLostNotices, textTheLine } from './customer-notice.js';
import { executeRequest, recordUnknownOutcome, resumeBatch } from './execute.js';
import type {
  ApproveOutcome,
  DecisionRefusal,
  ExecutionOutcome,
  RejectOutcome,
  SubmitOutcome,
} from './outcomes.js';
import { REASON_MAX_LENGTH, type RequestContext } from './request-context.js';
import { approvalsNeededFor, decideApproval, type RefusalReason } from './state-machine.js';

/** An `approved` request nobody claimed for this long lost its approver's process between decision and claim. */
const UNCLAIMED_APPROVAL_MS = 60_000;
/**
 * Stranded longer than this (the app was down for hours), it is not sent: the customer, the carrier or the
 * approver may have moved on. It fails with a sentence saying to submit it again.
 */
const STALE_APPROVAL_MS = 60 * 60_000;
const STALE_ERROR =
  'Approved, but the app stopped before sending it and it was not sent within an hour, so it was not sent at all. Submit it again if it is still needed.';
/** Longer than any Telegent call with its retries: an `executing` request this old has lost its executor. */
const STUCK_EXECUTION_MS = 10 * 60_000;
const STUCK_ERROR =
  'The app stopped while sending this request to Telegent, so whether Telegent received it is unknown. It was not sent again.';

export interface WorkflowDeps {
  store: Store;
  telegent: TelegentClient;
  policy: ApprovalPolicy;
  /** Whether a Slack user may approve (allow-list and/or user group, resolved by the Slack layer). */
  isApprover: (userId: string) => Promise<boolean>;
  logger: Logger;
  now?: () => Date;
  accountId?: string | undefined;
  /** When the poller first looks at a new order (ORDER_POLL_MIN_SECONDS). */
  firstCheckSeconds?: number;
  /** VERIFICATION_METHODS (default: the built-in list). */
  verificationMethods?: readonly string[] | undefined;
  /** CUSTOMER_NOTICE_FROM / _COMPANY: the line is texted when a SIM swap or port-out PIN is filed (unset: not). */
  customerNotice?: CustomerNoticeSettings | undefined;
  /** A batch settled one of its items: redraw the request's messages. */
  onProgress?: ((requestId: string) => Promise<void> | void) | undefined;
}

export interface SubmitArgs {
  kind: OperationKind;
  /** The form as the user filled it (validated here with the operation's schema). */
  raw: Record<string, unknown>;
  requestedBy: string;
  channelId: string;
  /** Same key twice (double submit, redelivery) → the first request, nothing new. */
  idempotencyKey?: string;
  /** Why, or the ticket (required on every request form): stored with the request, shown to approvers. */
  reason?: string | undefined;
  /** The customer it is for, by name, as the form's picker showed it (shortened wherever a channel reads it). */
  customerName?: string | undefined;
  /** Filed by a Workflow Builder step: shown on the card and the story ("from workflow *New hire*"). */
  workflow?: { name?: string | undefined } | undefined;
  /**
   * Needs an approver whatever APPROVAL_REQUIRED_FOR says (the caller's rule, e.g. a Workflow Builder step, whose
   * requester is an input anyone building the workflow can set).
   */
  approvalAlways?: boolean | undefined;
}

export type Workflow = ReturnType<typeof createWorkflow>;

/**
 * What a request carries beside the operation's input, stored in the same input JSON under names no
 * operation uses: the requester's reason/ticket and the customer's name (see request-context.ts).
 */
function requestContext(args: SubmitArgs): RequestContext {
  const reason = args.reason?.trim();
  const customer = args.customerName?.trim();
  const workflowName = args.workflow?.name?.trim();
  return {
    ...(reason ? { requestReason: reason.slice(0, REASON_MAX_LENGTH) } : {}),
    ...(customer ? { customerName: customer.slice(0, 200) } : {}),
    ...(args.workflow ? { viaWorkflow: true } : {}),
    ...(workflowName ? { workflowName: workflowName.slice(0, 100) } : {}),
  };
}

/**
 * The request lifecycle: submit → (pending_approval | approved) → approve / reject / expire / cancel →
 * execute → succeeded | failed | unknown, every transition in the audit log.
 */
export function createWorkflow(deps: WorkflowDeps) {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const schemaOptions: Partial<SchemaOptions> = {
    now,
    ...(deps.verificationMethods ? { verificationMethods: deps.verificationMethods } : {}),
  };
  const executeDeps = {
    store,
    telegent: deps.telegent,
    logger: deps.logger,
    now,
    accountId: deps.accountId,
    firstCheckSeconds: deps.firstCheckSeconds ?? 300,
    onProgress: deps.onProgress,
  };

  const noticeDeps = {
    notices: store.customerNotices,
    audit: store.audit,
    telegent: deps.telegent,
    settings: deps.customerNotice,
    logger: deps.logger,
    now,
  };

  const execute = (requestId: string, actor: string): Promise<ExecutionOutcome> =>
    executeRequest(executeDeps, requestId, actor);

  /** A refused decision, audited, in the shape listeners explain to the person. */
  async function refuse(
    request: RequestRecord,
    userId: string,
    action: 'approve' | 'reject',
    reason: RefusalReason,
  ): Promise<DecisionRefusal> {
    await store.audit.append({
      actor: userId,
      action: `${action}_refused`,
      requestId: request.id,
      details: { reason },
    });
    if (reason === 'already_decided') {
      return { status: reason, request, decidedBy: request.approver, decidedAt: request.decidedAt };
    }
    return { status: reason, request };
  }

  /**
   * Asks decideApproval, then runs the conditional write (the race guard). A write that matched nothing lost
   * a race (another approver, the expiry job): explained by asking decideApproval again on the row as it is now.
   */
  async function decide<W>(
    requestId: string,
    userId: string,
    action: 'approve' | 'reject',
    write: (allowSelfApproval: boolean) => Promise<W | null>,
  ): Promise<{ written: W } | DecisionRefusal> {
    const request = await store.requests.get(requestId);
    if (!request) return { status: 'not_found' };
    const actor = { userId, isApprover: await deps.isApprover(userId) };
    const decision = decideApproval(request, actor, deps.policy, now(), action);
    if (!decision.permit) return refuse(request, userId, action, decision.reason);
    const written = await write(deps.policy.allowSelfApproval);
    if (written) return { written };
    const current = await store.requests.get(requestId);
    if (!current) return { status: 'not_found' };
    const again = decideApproval(current, actor, deps.policy, now(), action);
    return refuse(current, userId, action, again.permit ? 'already_decided' : again.reason);
  }

  return {
    execute,

    async submit(args: SubmitArgs): Promise<SubmitOutcome> {
      const op = getOperation(args.kind);
      // A channel bound to a distributor account files its requests under it (operations without an
      // AccountId drop the field with the rest of what their schema does not know).
      const bound = await store.channelAccounts.get(args.channelId);
      const raw =
        bound && args.raw.accountId === undefined ? { ...args.raw, accountId: bound.accountId } : args.raw;
      const validated = validateInput(op, raw, schemaOptions);
      if (!validated.ok) return { status: 'invalid', errors: validated.errors };
      const checks = { orders: store.orders, requests: store.requests };
      const value = (op.leaveOut ? await op.leaveOut(checks, validated.value) : validated.value) as Record<
        string,
        unknown
      >;
      // A form submitted twice is the same request, before any precondition could mistake it for another.
      const earlier = args.idempotencyKey
        ? await store.requests.findByIdempotencyKey(args.idempotencyKey)
        : null;
      if (earlier) return { status: 'duplicate', request: earlier };
      const problems = (await op.preconditions?.(checks, value)) ?? null;
      if (problems) return { status: 'invalid', errors: problems };

      const secrets = Object.fromEntries(
        op.secretFields.filter((f) => value[f] !== undefined).map((f) => [f, value[f]]),
      );
      const approval =
        args.approvalAlways === true ||
        (deps.policy.requiredFor.includes(args.kind) && (op.approvalFor?.(value) ?? true));
      const context = requestContext(args);
      const { request, created } = await store.requests.insert({
        kind: args.kind,
        status: approval ? 'pending_approval' : 'approved',
        input: { ...redactInput(op, value), ...context },
        secrets: Object.keys(secrets).length > 0 ? secrets : null,
        accountId: (value.accountId as string | undefined) ?? deps.accountId ?? null,
        requestedBy: args.requestedBy,
        channelId: args.channelId,
        expiresAt: approval ? new Date(now().getTime() + deps.policy.ttlHours * 3_600_000) : null,
        idempotencyKey: args.idempotencyKey ?? null,
        approvalsNeeded: approval ? approvalsNeededFor(deps.policy.approvalsNeeded, args.kind) : 1,
        now: now(),
      });
      if (!created) return { status: 'duplicate', request };
      await store.audit.append({
        actor: args.requestedBy,
        action: 'submitted',
        requestId: request.id,
        details: {
          kind: args.kind,
          summary: op.summary(value),
          needsApproval: approval,
          ...(context.requestReason ? { reason: context.requestReason } : {}),
          // Filed by a Workflow Builder step for the requester: the audit log says so (and names the workflow).
          ...(context.viaWorkflow ? { workflow: context.workflowName ?? 'unnamed' } : {}),
          ...(typeof value.verificationMethod === 'string'
            ? { verificationMethod: value.verificationMethod }
            : {}),
        },
      });
      // The line hears of a SIM swap or port-out PIN first: before the card exists (so before any approval)
      // and before anything is sent to Telegent for the change.
      await textTheLine(noticeDeps, request, op, value);
      if (approval) return { status: 'pending_approval', request };
      return { status: 'executed', request, execution: await execute(request.id, args.requestedBy) };
    },

    /**
     * One approval. A request that needs several approvers counts it and waits (`approval_recorded`); the Nth
     * distinct approval makes it `approved` and executes it. `onApproved` runs between that decision and the
     * Telegent call (e.g. to take the buttons off the card). A process that dies in between leaves the
     * request `approved`: recoverUnclaimedApprovals executes it.
     */
    async approve(
      requestId: string,
      approverId: string,
      hooks: { onApproved?: (request: RequestRecord) => Promise<void> } = {},
    ): Promise<ApproveOutcome> {
      const decided = await decide(requestId, approverId, 'approve', async (allowSelfApproval) => {
        const write = await store.requests.recordApproval(requestId, approverId, {
          allowSelfApproval,
          now: now(),
        });
        return write.status === 'lost' ? null : write;
      });
      if (!('written' in decided)) return decided;
      const { written } = decided;
      if (written.status === 'duplicate') {
        return refuse(written.request, approverId, 'approve', 'duplicate_approval');
      }
      if (written.status === 'recorded') {
        await store.audit.append({
          actor: approverId,
          action: 'approval_recorded',
          requestId,
          details: { approvals: written.request.approvedBy.length, needed: written.request.approvalsNeeded },
        });
        return { status: 'approval_recorded', request: written.request };
      }
      await store.audit.append({ actor: approverId, action: 'approved', requestId });
      await hooks.onApproved?.(written.request);
      return {
        status: 'approved',
        request: written.request,
        execution: await execute(requestId, approverId),
      };
    },

    /** An approver rejects; the requester's own Reject click withdraws the request instead. */
    async reject(requestId: string, userId: string, reason?: string): Promise<RejectOutcome> {
      const request = await store.requests.get(requestId);
      if (!request) return { status: 'not_found' };
      if (request.requestedBy === userId) {
        const withdrawn = await store.requests.cancel(requestId, userId, now());
        if (withdrawn) {
          await store.audit.append({ actor: userId, action: 'withdrawn', requestId });
          return { status: 'cancelled', request: withdrawn };
        }
        const current = (await store.requests.get(requestId)) ?? request;
        return refuse(current, userId, 'reject', 'already_decided');
      }
      const decided = await decide(requestId, userId, 'reject', () =>
        store.requests.reject(requestId, userId, { now: now(), reason: reason ?? null }),
      );
      if (!('written' in decided)) return decided;
      await store.audit.append({
        actor: userId,
        action: 'rejected',
        requestId,
        details: reason ? { reason } : {},
      });
      return { status: 'rejected', request: decided.written };
    },

    /** Pending requests `userId` may decide now: the same decideApproval as the card's buttons (App Home). */
    async listWaitingFor(userId: string): Promise<RequestRecord[]> {
      const actor = { userId, isApprover: await deps.isApprover(userId) };
      if (!actor.isApprover) return [];
      const at = now();
      // The viewer's own requests cannot be theirs to decide unless self-approval is on: not listed at all.
      const notRequestedBy = deps.policy.allowSelfApproval ? undefined : userId;
      return (await store.requests.listPending({ now: at, notRequestedBy })).filter(
        (request) => decideApproval(request, actor, deps.policy, at).permit,
      );
    },

    /**
     * Requests approved more than a minute ago that nobody claimed (the approver's process died between the
     * decision and the claim): executed now, exactly once (the claim is the guard), returned for announcing.
     * One stranded for over an hour is failed instead of sent (STALE_APPROVAL_MS).
     */
    async recoverUnclaimedApprovals(): Promise<ExecutionOutcome[]> {
      const before = new Date(now().getTime() - UNCLAIMED_APPROVAL_MS);
      const staleBefore = now().getTime() - STALE_APPROVAL_MS;
      const outcomes: ExecutionOutcome[] = [];
      for (const request of await store.requests.listApprovedUnclaimed(before)) {
        if ((request.decidedAt ?? request.updatedAt).getTime() < staleBefore) {
          const abandoned = await store.requests.abandonApproved(request.id, STALE_ERROR, now());
          if (!abandoned) continue;
          await store.audit.append({ actor: 'system', action: 'approval_abandoned', requestId: request.id });
          outcomes.push({ status: 'failed', request: abandoned, error: STALE_ERROR });
          continue;
        }
        const outcome = await execute(request.id, 'system');
        if (outcome.status === 'not_claimed') continue;
        await store.audit.append({ actor: 'system', action: 'approval_recovered', requestId: request.id });
        outcomes.push(outcome);
      }
      return outcomes;
    },

    /**
     * Requests left `executing` by a process that died mid-call: they become `unknown` (never re-sent),
     * are reconciled like any ambiguous failure, and are returned for announcing.
     */
    async recoverStuckExecutions(): Promise<ExecutionOutcome[]> {
      const startedBefore = new Date(now().getTime() - STUCK_EXECUTION_MS);
      const stuck = await store.requests.takeStuckExecuting(startedBefore, STUCK_ERROR, now());
      const outcomes: ExecutionOutcome[] = [];
      for (const request of stuck) {
        await store.audit.append({ actor: 'system', action: 'execution_interrupted', requestId: request.id });
        outcomes.push(await recordUnknownOutcome(executeDeps, request, request.input, STUCK_ERROR));
      }
      // A batch is taken over where its executor stopped: the rest submitted, none twice (requests/batch.ts).
      const quietSince = new Date(now().getTime() - ITEM_LEASE_SECONDS * 1000);
      for (const requestId of await store.requestItems.listStranded(quietSince)) {
        await store.audit.append({ actor: 'system', action: 'batch_resumed', requestId });
        const outcome = await resumeBatch(executeDeps, requestId, 'system');
        if (outcome.status !== 'not_claimed') outcomes.push(outcome);
      }
      return outcomes;
    },

    /**
     * Texts to customers whose sender died between the call and its record: marked unknown (never resent);
     * returns their requests, whose cards say "texting the customer may have failed".
     */
    settleLostNotices: () => settleLostNotices(noticeDeps),

    /** Pending requests past their expiry become `expired` (secrets purged); returns them for announcing. */
    async expireDue(): Promise<RequestRecord[]> {
      const expired: RequestRecord[] = [];
      for (const candidate of await store.requests.listExpiredPending(now())) {
        const request = await store.requests.expire(candidate.id, now());
        if (!request) continue;
        await store.audit.append({ actor: 'system', action: 'expired', requestId: request.id });
        expired.push(request);
      }
      return expired;
    },
  };
}
