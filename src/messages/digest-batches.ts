import { dayWords } from '../operations/glossary.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { isSuccessfulOrderStatus } from '../telegent/order-status.js';
import { messageLink } from './blocks.js';
import { escapeMrkdwn } from './limits.js';
import { needsAction } from './order-line.js';
import { customerWords, reasonWords } from './who-why.js';

/** A request's port-ins when it has several (a business's numbers): the digest shows them as one line. */
export type Batch = readonly OrderRecord[];

/** The port-ins of each request that has more than one, by request id. */
export function batchesOf(orders: readonly OrderRecord[]): Map<string, Batch> {
  const byRequest = new Map<string, OrderRecord[]>();
  for (const order of orders) {
    if (!order.requestId || !orderTraits(order.kind).portIn) continue;
    byRequest.set(order.requestId, [...(byRequest.get(order.requestId) ?? []), order]);
  }
  return new Map([...byRequest].filter(([, list]) => list.length > 1));
}

/** How the batch's numbers stand, in the order a manager asks: done, waiting, someone must act, given up. */
export function batchCounts(batch: Batch): {
  complete: number;
  pending: number;
  action: number;
  cancelled: number;
  closed: number;
} {
  const counts = { complete: 0, pending: 0, action: 0, cancelled: 0, closed: 0 };
  for (const order of batch) {
    if (isSuccessfulOrderStatus(order.status)) counts.complete++;
    else if (needsAction(order)) counts.action++;
    else if (/^cancel/i.test(order.status)) counts.cancelled++;
    else if (order.closedAt) counts.closed++;
    else counts.pending++;
  }
  return counts;
}

/** "31 complete, 6 pending, *3 need action*" (zeros left out; all zero cannot happen: a batch has orders). */
function countWords(batch: Batch): string {
  const c = batchCounts(batch);
  return [
    c.complete ? `${c.complete} complete` : '',
    c.pending ? `${c.pending} pending` : '',
    c.action ? `*${c.action} ${c.action === 1 ? 'needs' : 'need'} action*` : '',
    c.cancelled ? `${c.cancelled} cancelled` : '',
    c.closed ? `${c.closed} closed` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Batches with a number needing action first, then those still open, then those finished; oldest first within. */
export function batchesInOrder(batches: Iterable<Batch>): Batch[] {
  const rank = (batch: Batch) => {
    const c = batchCounts(batch);
    return c.action > 0 ? 0 : c.pending > 0 ? 1 : 2;
  };
  const created = (batch: Batch) => Math.min(...batch.map((o) => o.createdAt.getTime()));
  return [...batches].sort((a, b) => rank(a) - rank(b) || created(a) - created(b));
}

/**
 * "• J. Doe · Acme · 40 numbers: 31 complete, 6 pending, 3 need action · ZD-4821 · @maya · open 3 days · next port
 * date Wed, Dec 2": a batch in one line, linked to its request's thread (where each number's changes are), whom
 * it is for named as the digest names every port-in's customer.
 */
export function batchLine(
  batch: Batch,
  context: {
    requester(userId: string): string;
    age(order: Pick<OrderRecord, 'createdAt' | 'closedAt'>): string;
  },
): string {
  const first = [...batch].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]!;
  const who = customerWords(first);
  const name = `${who ? escapeMrkdwn(who) : 'Port-in batch'} · ${batch.length} numbers`;
  const open = batch.filter((o) => !o.closedAt);
  const nextPort = open
    .map((o) => o.portInDate)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  const reason = reasonWords(first, 60);
  const parts = [
    `${messageLink(first.channelId, first.threadTs, name)}: ${countWords(batch)}`,
    reason ? escapeMrkdwn(reason) : undefined,
    context.requester(first.requestedBy),
    // Open since the first number was filed; a finished batch says how long it took.
    context.age(open.length > 0 ? { createdAt: first.createdAt, closedAt: null } : lastClosed(batch)),
    nextPort ? `next port date ${dayWords(nextPort)}` : undefined,
  ];
  return `• ${parts.filter(Boolean).join(' · ')}`;
}

function lastClosed(batch: Batch): Pick<OrderRecord, 'createdAt' | 'closedAt'> {
  const createdAt = new Date(Math.min(...batch.map((o) => o.createdAt.getTime())));
  const closedAt = new Date(Math.max(...batch.map((o) => o.closedAt?.getTime() ?? 0)));
  return { createdAt, closedAt };
}
