import type { Logger } from '../../log.js';
import type { Store } from '../../store/open-store.js';
import type { RequestRecord } from '../../store/requests-repo.js';
import type { TelegentClient } from '../../telegent/client.js';
import { getOperation } from '../index.js';
import { type OperationKind, redactInput, type SchemaOptions } from '../operation.js';
import { type ApprovalPolicy, needsApproval } from '../policy.js';
import { validateInput } from '../validation-errors.js';
import { executeRequest, recordUnknownOutcome } from './execute.js';
import type {
  ApproveOutcome,
  DecisionRefusal,
  ExecutionOutcome,
  RejectOutcome,
  SubmitOutcome,
} from './outcomes.js';
import { orderPreconditions } from './preconditions.js';

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
  /** Distributor mode: every request names its AID- account. */
  requireAccountId?: boolean;
  accountId?: string | undefined;
  /** When the poller first looks at a new order (ORDER_POLL_MIN_SECONDS). */
  firstCheckSeconds?: number;
}

export interface SubmitArgs {
  kind: OperationKind;
  /** The form as the user filled it (validated here with the operation's schema). */
  raw: Record<string, unknown>;
  requestedBy: string;
  channelId: string;
  /** Same key twice (double submit, redelivery) → the first request, nothing new. */
  idempotencyKey?: string;
}

export type Workflow = ReturnType<typeof createWorkflow>;

/**
 * The request lifecycle: submit → (pending_approval | approved) → approve / reject / expire / cancel →
 * execute → succeeded | failed | unknown, every transition in the audit log.
 */
export function createWorkflow(deps: WorkflowDeps) {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const schemaOptions: Partial<SchemaOptions> = { requireAccountId: deps.requireAccountId ?? false, now };
  const executeDeps = {
    store,
    telegent: deps.telegent,
    logger: deps.logger,
    now,
    accountId: deps.accountId,
    firstCheckSeconds: deps.firstCheckSeconds ?? 300,
  };

  const execute = (requestId: string, actor: string): Promise<ExecutionOutcome> =>
    executeRequest(executeDeps, requestId, actor);

  function refusal(outcome: Awaited<ReturnType<Store['requests']['approve']>>): DecisionRefusal {
    if (outcome.ok) throw new Error('not a refusal');
    switch (outcome.reason) {
      case 'not_found':
        return { status: 'not_found' };
      case 'already_decided':
        return {
          status: 'already_decided',
          request: outcome.request,
          decidedBy: outcome.decidedBy,
          decidedAt: outcome.decidedAt,
        };
      default:
        return { status: outcome.reason, request: outcome.request };
    }
  }

  async function refuseNonApprover(request: RequestRecord, userId: string, action: string) {
    if (await deps.isApprover(userId)) return null;
    await store.audit.append({
      actor: userId,
      action: `${action}_refused`,
      requestId: request.id,
      details: { reason: 'not_approver' },
    });
    return { status: 'not_approver' as const, request };
  }

  return {
    execute,

    async submit(args: SubmitArgs): Promise<SubmitOutcome> {
      const op = getOperation(args.kind);
      const validated = validateInput(op, args.raw, schemaOptions);
      if (!validated.ok) return { status: 'invalid', errors: validated.errors };
      const value = validated.value as Record<string, unknown>;
      const problems = await orderPreconditions(store.orders, args.kind, value);
      if (problems) return { status: 'invalid', errors: problems };

      const secrets = Object.fromEntries(
        op.secretFields.filter((f) => value[f] !== undefined).map((f) => [f, value[f]]),
      );
      const approval = needsApproval(deps.policy, args.kind);
      const { request, created } = await store.requests.insert({
        kind: args.kind,
        status: approval ? 'pending_approval' : 'approved',
        input: redactInput(op, value),
        secrets: Object.keys(secrets).length > 0 ? secrets : null,
        accountId: (value.accountId as string | undefined) ?? deps.accountId ?? null,
        requestedBy: args.requestedBy,
        channelId: args.channelId,
        expiresAt: approval ? new Date(now().getTime() + deps.policy.ttlHours * 3_600_000) : null,
        idempotencyKey: args.idempotencyKey ?? null,
      });
      if (!created) return { status: 'duplicate', request };
      await store.audit.append({
        actor: args.requestedBy,
        action: 'submitted',
        requestId: request.id,
        details: { kind: args.kind, summary: op.summary(value), needsApproval: approval },
      });
      if (approval) return { status: 'pending_approval', request };
      return { status: 'executed', request, execution: await execute(request.id, args.requestedBy) };
    },

    /** `onApproved` runs between the decision and the Telegent call (e.g. to take the buttons off the card). */
    async approve(
      requestId: string,
      approverId: string,
      hooks: { onApproved?: (request: RequestRecord) => Promise<void> } = {},
    ): Promise<ApproveOutcome> {
      const request = await store.requests.get(requestId);
      if (!request) return { status: 'not_found' };
      const notApprover = await refuseNonApprover(request, approverId, 'approve');
      if (notApprover) return notApprover;
      const outcome = await store.requests.approve(requestId, approverId, {
        allowSelfApproval: deps.policy.allowSelfApproval,
        now: now(),
      });
      if (!outcome.ok) {
        const refused = refusal(outcome);
        await store.audit.append({
          actor: approverId,
          action: 'approve_refused',
          requestId,
          details: { reason: refused.status },
        });
        return refused;
      }
      await store.audit.append({ actor: approverId, action: 'approved', requestId });
      await hooks.onApproved?.(outcome.request);
      return {
        status: 'approved',
        request: outcome.request,
        execution: await execute(requestId, approverId),
      };
    },

    async reject(requestId: string, userId: string, reason?: string): Promise<RejectOutcome> {
      const request = await store.requests.get(requestId);
      if (!request) return { status: 'not_found' };
      if (request.requestedBy === userId) {
        const withdrawn = await store.requests.cancel(requestId, userId, now());
        if (!withdrawn) return refusal(await store.requests.reject(requestId, userId, { now: now() }));
        await store.audit.append({ actor: userId, action: 'withdrawn', requestId });
        return { status: 'cancelled', request: withdrawn };
      }
      const notApprover = await refuseNonApprover(request, userId, 'reject');
      if (notApprover) return notApprover;
      const outcome = await store.requests.reject(requestId, userId, { now: now(), reason: reason ?? null });
      if (!outcome.ok) return refusal(outcome);
      await store.audit.append({
        actor: userId,
        action: 'rejected',
        requestId,
        details: reason ? { reason } : {},
      });
      return { status: 'rejected', request: outcome.request };
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
      return outcomes;
    },

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
