import type { Logger } from '../log.js';
import type { AnyOperation, OpContext, Outcome } from '../operations/operation.js';
import { getOperation } from '../operations/registry.js';
import { formatFieldErrors } from '../operations/validation-errors.js';
import type { Store } from '../store/open-store.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { SecretsDecryptError } from '../store/secrets-cipher.js';
import type { TelegentClient } from '../telegent/client.js';
import {
  correlationId,
  isTelegentError,
  peopleText,
  type TelegentError,
  TelegentOutcomeUnknownError,
} from '../telegent/errors.js';
import { itemCount, runBatch } from './batch.js';
import { awaitTextInFlight } from './customer-notice.js';
import { boundAccountName, trackOrder } from './order-tracking.js';
import { OutcomeNotRecordedError } from './outcome-not-recorded.js';
import type { ExecutionOutcome } from './outcomes.js';
import { planNotAppliedWords } from './plan-not-applied.js';
import { reconcile } from './reconcile.js';

export interface ExecuteDeps {
  store: Store;
  telegent: TelegentClient;
  logger: Logger;
  now: () => Date;
  accountId?: string | undefined;
  /** When the poller first looks at a new order (ORDER_POLL_MIN_SECONDS). */
  firstCheckSeconds: number;
  /** A batch settled one of its items: its messages are redrawn (the story lists the numbers as they arrive). */
  onProgress?: ((requestId: string) => Promise<void> | void) | undefined;
}

/**
 * Runs an approved request exactly once: the approved → executing claim is a conditional UPDATE, so of any
 * number of concurrent callers (double clicks, replicas) only one ever sends the Telegent mutation.
 */
export async function executeRequest(
  deps: ExecuteDeps,
  requestId: string,
  actor: string,
): Promise<ExecutionOutcome> {
  const { store } = deps;
  // The item count comes from the filed input (never changed after filing): the claim stores a batch's items.
  const filed = await store.requests.get(requestId);
  const items = filed ? itemCount(getOperation(filed.kind), filed.input) : 1;
  const claimed = await store.requests.claimExecution(requestId, deps.now(), items);
  if (!claimed) return { status: 'not_claimed', request: await store.requests.get(requestId) };
  await store.audit.append({ actor, action: 'execution_started', requestId });

  const op = getOperation(claimed.kind);
  const readable = await sendableInput(store, claimed, op);
  if ('cannotSend' in readable) return fail(deps, claimed, actor, readable.cannotSend);
  const input = { ...readable.input, ...op.freshSecrets?.() };

  // What was true when the request was filed may not be now (a port-out opened before the approval came).
  const problem = await whyNotNow(store, claimed, op, input);
  if (problem) return fail(deps, claimed, actor, problem);

  // Several of the same (3 new lines): each its own claimed step.
  if (itemCount(op, input) > 1) return runBatch(deps, claimed, op, input, actor);

  // The line hears first (SIM swap, port-out PIN): a text still on its way is waited for.
  await awaitTextInFlight(store.customerNotices, requestId, deps.now);
  let result: unknown;
  try {
    result = await op.execute(opContext(deps), input);
  } catch (error) {
    if (error instanceof TelegentOutcomeUnknownError || !isTelegentError(error)) {
      return outcomeRecorded(requestId, () => unknown(deps, claimed, input, error));
    }
    return fail(deps, claimed, actor, forPeople(deps, claimed, error));
  }
  return outcomeRecorded(requestId, () => recordSuccess(deps, claimed, actor, input, result));
}

/**
 * A batch whose executor died (items pending, or claimed under a lease that ran out): taken over where it
 * stopped. The request stays `executing`; its items are claimed like any other worker's.
 */
export async function resumeBatch(
  deps: ExecuteDeps,
  requestId: string,
  actor: string,
): Promise<ExecutionOutcome> {
  const request = await deps.store.requests.get(requestId);
  if (request?.status !== 'executing') return { status: 'not_claimed', request };
  const op = getOperation(request.kind);
  // Secrets that cannot be read now (ENCRYPTION_KEY changed across the restart) fail what was not sent yet.
  const readable = await sendableInput(deps.store, request, op);
  if ('cannotSend' in readable) return runBatch(deps, request, op, request.input, actor, readable.cannotSend);
  // Its executor may have died before (or while) checking the preconditions: with nothing sent yet, they are
  // checked here, so a batch taken over never skips them.
  const items = await deps.store.requestItems.list(requestId);
  const started = items.some((item) => item.attempts > 0 || !['pending', 'claimed'].includes(item.status));
  const problem = started ? null : await whyNotNow(deps.store, request, op, readable.input);
  if (problem) return fail(deps, request, actor, problem);
  return runBatch(deps, request, op, readable.input, actor);
}

/** The operation's preconditions, checked again right before sending: why it must not be sent now, or null. */
async function whyNotNow(
  store: Store,
  request: RequestRecord,
  op: AnyOperation,
  input: Record<string, unknown>,
): Promise<string | null> {
  const problems = await op.preconditions?.(
    { orders: store.orders, requests: store.requests, currentRequestId: request.id },
    input,
  );
  return problems ? `Not sent to Telegent: ${formatFieldErrors(problems)}` : null;
}

/** The stored input with its secrets, as it is sent; or, in words, why it cannot be sent. */
async function sendableInput(
  store: Store,
  request: RequestRecord,
  op: AnyOperation,
): Promise<{ input: Record<string, unknown> } | { cannotSend: string }> {
  let secrets: Record<string, unknown>;
  try {
    secrets = (await store.requests.getSecrets<Record<string, unknown>>(request.id)) ?? {};
  } catch (error) {
    if (!(error instanceof SecretsDecryptError)) throw error;
    // ENCRYPTION_KEY changed after the request was filed: nothing can be sent; the requester files it again.
    return {
      cannotSend:
        'The secret fields of this request cannot be read with the current ENCRYPTION_KEY (it was changed after the request was filed); nothing was sent. Submit it again.',
    };
  }
  const missing = op.secretFields.filter(
    (field) => request.input[field] !== undefined && secrets[field] === undefined,
  );
  if (missing.length > 0)
    return { cannotSend: 'The secret fields of this request are gone (purged); submit it again.' };
  return { input: { ...request.input, ...secrets } };
}

/**
 * Telegent has (or may have) the change: a store failure from here on must not read as "try again" (a second
 * request would send a second mutation). The request stays `executing`, which recovery owns.
 */
async function outcomeRecorded<T>(requestId: string, record: () => Promise<T>): Promise<T> {
  try {
    return await record();
  } catch (error) {
    throw new OutcomeNotRecordedError(requestId, { cause: error });
  }
}

async function recordSuccess(
  deps: ExecuteDeps,
  claimed: RequestRecord,
  actor: string,
  input: Record<string, unknown>,
  result: unknown,
): Promise<ExecutionOutcome> {
  const { store, logger } = deps;
  const requestId = claimed.id;
  const op = getOperation(claimed.kind);
  const outcome = op.outcome?.(input, result) ?? {};
  // The order and the plan step are stored BEFORE the request is marked succeeded: a crash in between leaves it
  // `executing` (recovery owns it) with both already there, never a succeeded request whose plan is lost. The
  // step's insert is once per request (ON CONFLICT DO NOTHING).
  const order = outcome.order
    ? await trackOrder(store.orders, claimed, outcome.order, {
        now: deps.now(),
        firstCheckSeconds: deps.firstCheckSeconds,
        accountName: await boundAccountName(store, claimed),
      })
    : null;
  if (outcome.plan) await addPlanStep(store, claimed, outcome.plan, order?.orderId, deps.now());
  const finished = await store.requests.finish(requestId, 'succeeded', {
    result: op.storedResult ? op.storedResult(result) : result,
    now: deps.now(),
  });
  const request = finished ?? claimed;
  if (outcome.recheckOrderId) {
    if (outcome.newPortInDate)
      await store.orders.setPortInDate(outcome.recheckOrderId, outcome.newPortInDate);
    await store.orders.scheduleCheck(outcome.recheckOrderId, deps.now());
  }
  await store.audit.append({
    actor,
    action: 'execution_succeeded',
    requestId,
    orderId: order?.orderId ?? null,
    details: { kind: claimed.kind },
  });
  logger.info({ requestId, kind: claimed.kind, orderId: order?.orderId }, 'request executed');
  return {
    status: 'succeeded',
    request,
    result,
    order,
    ...(outcome.reveal ? { revealToRequester: outcome.reveal } : {}),
    ...(outcome.staleLists ? { staleLists: outcome.staleLists } : {}),
  };
}

async function fail(
  deps: ExecuteDeps,
  claimed: RequestRecord,
  actor: string,
  error: string,
  hint?: string,
): Promise<ExecutionOutcome> {
  const request =
    (await deps.store.requests.finish(claimed.id, 'failed', { error, now: deps.now() })) ?? claimed;
  await deps.store.audit.append({
    actor,
    action: 'execution_failed',
    requestId: claimed.id,
    details: { error },
  });
  deps.logger.warn({ requestId: claimed.id, kind: claimed.kind, error }, 'request failed at Telegent');
  return { status: 'failed', request, error, ...(hint ? { hint } : {}) };
}

async function unknown(
  deps: ExecuteDeps,
  claimed: RequestRecord,
  input: Record<string, unknown>,
  cause: unknown,
): Promise<ExecutionOutcome> {
  if (isTelegentError(cause))
    return recordUnknownOutcome(deps, claimed, input, forPeople(deps, claimed, cause));
  deps.logger.error({ requestId: claimed.id, err: cause }, 'unexpected error in execute');
  return recordUnknownOutcome(deps, claimed, input, 'Internal error while sending the request to Telegent.');
}

/**
 * What the person reads about a Telegent failure (stored as the request's error, shown in Slack); the endpoint
 * and Telegent's own message go to the log under the same reference.
 */
export function forPeople(deps: ExecuteDeps, request: RequestRecord, error: TelegentError): string {
  const ref = correlationId();
  deps.logger.warn(
    {
      ref,
      requestId: request.id,
      kind: request.kind,
      endpoint: error.endpoint,
      status: error.status,
      errorKind: error.kind,
      telegentMessage: error.telegentMessage,
    },
    'Telegent call of a request failed',
  );
  return peopleText(error, ref);
}

/** How operations run for a request: interactive priority (a person is waiting for the answer). */
export function opContext(deps: ExecuteDeps): OpContext {
  return {
    telegent: deps.telegent,
    accountId: deps.accountId,
    now: deps.now,
    callOptions: { priority: 'interactive' },
  };
}

/**
 * The mutation may or may not have happened: never retry it; read back what the operation can and record
 * it. `input` may be the decrypted input (right after the call) or the redacted one (a request found stuck
 * after a crash, its secrets purged): read-backs use no secret field.
 */
export async function recordUnknownOutcome(
  deps: ExecuteDeps,
  claimed: RequestRecord,
  input: Record<string, unknown>,
  error: string,
): Promise<Exclude<ExecutionOutcome, { status: 'not_claimed' | 'failed' }>> {
  await deps.store.requests.finish(claimed.id, 'unknown', { error, now: deps.now() });
  const found = await reconcile(getOperation(claimed.kind), opContext(deps), input);
  const { resolved, ...read } = found;
  const reconciliation = withUnappliedPlan(read, input);
  const request =
    (await deps.store.requests.finish(claimed.id, resolved ? 'succeeded' : 'unknown', {
      error: resolved ? null : error,
      result: { reconciliation },
      now: deps.now(),
    })) ?? claimed;
  await deps.store.audit.append({
    actor: 'system',
    action: resolved ? 'reconciled_succeeded' : 'execution_unknown',
    requestId: claimed.id,
    details: { error, reconciliation },
  });
  deps.logger.warn({ requestId: claimed.id, kind: claimed.kind, reconciliation }, 'request outcome unknown');
  if (resolved) return { status: 'succeeded', request, result: { reconciliation }, order: null };
  return { status: 'unknown', request, error, reconciliation };
}

/**
 * A form that chose a plan (`packageId`/`planName`, the Plan field of new lines) whose request ended without a
 * plan step: the read-back's words say so, with where to put the line on a plan. Only when a line was found.
 */
export function withUnappliedPlan<T extends { found?: boolean; number?: string; detail?: string }>(
  reconciliation: T,
  input: Record<string, unknown>,
): T {
  if (typeof input.packageId !== 'string' || !reconciliation.found) return reconciliation;
  const name = typeof input.planName === 'string' ? input.planName : input.packageId;
  const words = planNotAppliedWords(name, reconciliation.number);
  return { ...reconciliation, detail: reconciliation.detail ? `${reconciliation.detail} ${words}` : words };
}

/**
 * The new line's plan, as a step of the request (jobs/line-subscriptions.ts creates it exactly once): due now
 * when the number exists, else waiting for the order that makes it ours.
 */
export async function addPlanStep(
  store: Store,
  request: RequestRecord,
  plan: NonNullable<Outcome['plan']>,
  orderId: string | undefined,
  now: Date,
  item = 0,
): Promise<void> {
  await store.lineSubscriptions.add(
    {
      requestId: request.id,
      item,
      waitForOrderId: plan.whenOrderCompletes ? orderId : null,
      phoneNumber: plan.phoneNumber,
      subscriberId: plan.subscriberId,
      packageId: plan.packageId,
      planName: plan.planName,
      iccid: plan.iccid,
      type: plan.type,
      tnid: plan.tnid,
    },
    now,
  );
}
