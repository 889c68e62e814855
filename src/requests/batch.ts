import type { AnyOperation, Outcome } from '../operations/operation.js';
import type { ClaimedRequestItem, RequestItemRecord } from '../store/request-items-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { isTelegentError, TelegentOutcomeUnknownError } from '../telegent/errors.js';
import type { ExecuteDeps } from './execute.js';
import { addPlanStep, forPeople, opContext, withUnappliedPlan } from './execute.js';
import { boundAccountName, trackOrder } from './order-tracking.js';
import type { ExecutionOutcome } from './outcomes.js';
import { reconcile } from './reconcile.js';

/**
 * How long a worker holds an item before another may take it over: longer than one Telegent call with its
 * retries and the wait for a rate slot (renewed right before the call).
 */
export const ITEM_LEASE_SECONDS = 120;

/** A request's items as its messages tell them: how many, and what each got so far. */
export interface BatchProgress {
  total: number;
  items: RequestItemRecord[];
}

/** How many times the operation sends this input (1: an ordinary request). */
export function itemCount(op: AnyOperation, input: Record<string, unknown>): number {
  const n = op.items?.(input);
  return typeof n === 'number' && Number.isInteger(n) && n > 1 ? n : 1;
}

/** The numbers a settled item got (stored with it). */
export function itemNumbers(item: Pick<RequestItemRecord, 'result'>): string[] {
  const numbers = (item.result as { numbers?: unknown } | null)?.numbers;
  return Array.isArray(numbers) ? numbers.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * The numbers another item accounts for, which a read-back must not hand to this one: what a done item got, and
 * the number an earlier read-back found for an unknown item (two items killed mid-call in one batch would
 * otherwise both name the first line bought today, and the second line would be named by none).
 */
function numbersTakenBy(item: RequestItemRecord): string[] {
  if (item.status === 'done') return itemNumbers(item);
  const found = (item.result as { reconciliation?: { number?: unknown } } | null)?.reconciliation?.number;
  return item.status === 'unknown' && typeof found === 'string' ? [found] : [];
}

/** The number an item's answer gave, from the outcome's order. */
function numbersOf(op: AnyOperation, input: Record<string, unknown>, result: unknown): string[] {
  try {
    return op.outcome?.(input, result)?.order?.numbers ?? [];
  } catch {
    return [];
  }
}

/**
 * Runs (or takes over) a claimed batch request: every item is claimed (FOR UPDATE SKIP LOCKED, a lease, a
 * token), counted right before its submission is sent, then recorded; an item claimed again after its
 * submission may have been sent (attempts > 0: its worker died, or the answer was lost) is settled by the
 * operation's read-back, never sent again. Each settled item redraws the request's messages (`onProgress`).
 * When no item is left, the request finishes: succeeded when any item got through, else failed or unknown.
 */
export async function runBatch(
  deps: ExecuteDeps,
  claimed: RequestRecord,
  op: AnyOperation,
  input: Record<string, unknown>,
  actor: string,
  /** Set when the input cannot be sent (its secrets are unreadable): items not sent yet fail with this. */
  cannotSend?: string,
): Promise<ExecutionOutcome> {
  const { store } = deps;
  const requestId = claimed.id;
  await store.requestItems.addAll(requestId, itemCount(op, input), deps.now());
  const lease = () => ({ now: deps.now(), leaseSeconds: ITEM_LEASE_SECONDS });
  const accountName = await boundAccountName(store, claimed);
  for (;;) {
    const item = await store.requestItems.claimNext(requestId, lease());
    if (!item) break;
    await runItem(deps, claimed, op, input, item, lease, accountName, cannotSend);
    // Not awaited: a redraw held up by Slack's rate limits must not keep the items' leases from being worked
    // (a batch left quiet past its lease is taken over by recovery: two executors on one batch).
    void Promise.resolve(deps.onProgress?.(requestId)).catch((error: unknown) =>
      deps.logger.warn({ requestId, err: error }, 'batch progress redraw failed'),
    );
  }
  if (await store.requestItems.anyUnsettled(requestId)) {
    // Another worker still holds (or is about to take) an item: it finishes the request when it is done.
    return { status: 'not_claimed', request: await store.requests.get(requestId) };
  }
  return finishBatch(deps, claimed, actor);
}

async function runItem(
  deps: ExecuteDeps,
  request: RequestRecord,
  op: AnyOperation,
  filed: Record<string, unknown>,
  item: ClaimedRequestItem,
  lease: () => { now: Date; leaseSeconds: number },
  accountName: string | null,
  cannotSend: string | undefined,
): Promise<void> {
  const { store } = deps;
  // Each item's own input (a batch of numbers), or the filed one (N alike).
  const input = op.itemInput?.(filed, item.item) ?? filed;
  if (item.attempts > 0) {
    await settleByReadBack(
      deps,
      op,
      input,
      item,
      'The app stopped while sending this one; it was not sent again.',
    );
    return;
  }
  if (cannotSend !== undefined) {
    await store.requestItems.finish(item, { status: 'failed', error: cannotSend }, deps.now());
    return;
  }
  // Counted and fenced before anything is sent: from here on nobody sends this item again.
  if (!(await store.requestItems.markSending(item, lease()))) return;
  // Held while the call is in flight (retries and the wait for a rate slot can outlast one lease).
  const heartbeat = setInterval(
    () => void store.requestItems.renew(item, lease()).catch(() => undefined),
    (ITEM_LEASE_SECONDS * 1000) / 3,
  );
  heartbeat.unref();
  let result: unknown;
  try {
    result = await op.execute(opContext(deps), input);
  } catch (error) {
    if (error instanceof TelegentOutcomeUnknownError || !isTelegentError(error)) {
      const said = isTelegentError(error)
        ? forPeople(deps, request, error)
        : 'Internal error while sending this one to Telegent.';
      if (!isTelegentError(error))
        deps.logger.error({ requestId: request.id, item: item.item, err: error }, 'batch item failed');
      await settleByReadBack(deps, op, input, item, said);
      return;
    }
    await store.requestItems.finish(
      item,
      { status: 'failed', error: forPeople(deps, request, error) },
      deps.now(),
    );
    return;
  } finally {
    clearInterval(heartbeat);
  }
  const stored = op.storedResult ? op.storedResult(result) : result;
  // What Telegent's answer means is stored before the item is marked done (both writes are once per item), so a
  // crash in between leaves an item recovery owns with its order and its line's plan already kept.
  const outcome: Outcome = op.outcome?.(input, result) ?? {};
  // The numbers it got and its order are stored beside the answer: the story tells them without knowing the
  // operation.
  const done = {
    answer: stored,
    numbers: numbersOf(op, input, result),
    ...(outcome.order ? { orderId: outcome.order.orderId } : {}),
  };
  const order = outcome.order
    ? await trackOrder(store.orders, request, outcome.order, {
        now: deps.now(),
        firstCheckSeconds: deps.firstCheckSeconds,
        accountName,
      })
    : null;
  if (outcome.plan) await addPlanStep(store, request, outcome.plan, order?.orderId, deps.now(), item.item);
  // An order this item changed (Cancel all…: one port-in cancelled): the poller reads it first, soon.
  if (outcome.recheckOrderId) await store.orders.scheduleCheck(outcome.recheckOrderId, deps.now());
  if (!(await store.requestItems.finish(item, { status: 'done', result: done }, deps.now()))) {
    deps.logger.warn(
      { requestId: request.id, item: item.item },
      'batch item: sent and answered, but its claim was lost before it was marked done (its order is kept)',
    );
  }
}

/** The submission may have been sent: read back (never send again), excluding what the other items got. */
async function settleByReadBack(
  deps: ExecuteDeps,
  op: AnyOperation,
  input: Record<string, unknown>,
  item: ClaimedRequestItem,
  error: string,
): Promise<void> {
  const { store } = deps;
  const others = await store.requestItems.list(item.requestId);
  const settledNumbers = others
    .filter((other) => other.item !== item.item)
    .flatMap((other) => numbersTakenBy(other));
  // A line settled by reading back gets no plan step (its number is not proven ours): said, with what to do.
  const found = withUnappliedPlan(await reconcile(op, { ...opContext(deps), settledNumbers }, input), input);
  // Only a read-back that proves this item's change settles it: "a number bought today for this subscriber" may
  // be another request's line, so anything less stays unknown, with what was found, for a person to check.
  const outcome = found.resolved
    ? ({
        status: 'done',
        result: { reconciliation: found, numbers: found.number ? [found.number] : [] },
      } as const)
    : ({
        status: 'unknown',
        error: found.detail ? `${error} ${found.detail}` : error,
        result: { reconciliation: found },
      } as const);
  if (!(await store.requestItems.finish(item, outcome, deps.now()))) return;
  await store.audit.append({
    actor: 'system',
    action: outcome.status === 'done' ? 'item_reconciled' : 'item_unknown',
    requestId: item.requestId,
    details: { item: item.item, reconciliation: found },
  });
}

/** Every item settled: the request's own outcome, from its items. */
async function finishBatch(
  deps: ExecuteDeps,
  claimed: RequestRecord,
  actor: string,
): Promise<ExecutionOutcome> {
  const { store } = deps;
  const items = await store.requestItems.list(claimed.id);
  const done = items.filter((i) => i.status === 'done').length;
  const failed = items.filter((i) => i.status === 'failed');
  const unknown = items.filter((i) => i.status === 'unknown');
  const result = { items: items.length, done, failed: failed.length, unknown: unknown.length };
  const status = unknown.length > 0 ? 'unknown' : done > 0 ? 'succeeded' : 'failed';
  const error =
    status === 'succeeded' && failed.length === 0
      ? null
      : `${done} of ${items.length} done; ${[
          // Failed: refused by Telegent, or never sent (secrets unreadable): the error says which.
          failed.length ? `${failed.length} not done (${failed[0]!.error})` : '',
          unknown.length ? `${unknown.length} not known (${unknown[0]!.error})` : '',
        ]
          .filter(Boolean)
          .join('; ')}`;
  const request = await store.requests.finish(claimed.id, status, {
    result,
    error,
    now: deps.now(),
    onlyFromExecuting: true,
  });
  // Another worker settled the last item at the same moment and recorded the outcome: it announces it.
  if (!request) return { status: 'not_claimed', request: await store.requests.get(claimed.id) };
  await store.audit.append({
    actor,
    action:
      status === 'succeeded'
        ? 'execution_succeeded'
        : status === 'failed'
          ? 'execution_failed'
          : 'execution_unknown',
    requestId: claimed.id,
    details: { kind: claimed.kind, ...result },
  });
  deps.logger.info({ requestId: claimed.id, kind: claimed.kind, ...result }, 'batch request executed');
  const order = await store.orders.getByRequest(claimed.id);
  if (status === 'succeeded') return { status, request, result, order };
  if (status === 'failed') return { status, request, error: error ?? 'Telegent refused every one.' };
  return {
    status,
    request,
    error: error ?? '',
    reconciliation: { checked: 'read-back', found: false, detail: error ?? '' },
  };
}
