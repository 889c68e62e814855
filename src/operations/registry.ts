import type { LineChangeOperation } from './line-change.js';
import { activateLine, cancelLine, parkLine, swapSim } from './line-changes.js';
import { numberUpdate } from './number-update.js';
import type { AnyOperation, OrderTraits } from './operation.js';
import { orderStatus } from './order-status.js';
import { planChange } from './plan-change.js';
import { planEnd } from './plan-end.js';
import { portInCancel } from './portin-cancel.js';
import { portInEligibility } from './portin-eligibility.js';
import { portIn } from './portin-submit.js';
import { portInUpdate } from './portin-update.js';
import { portOut } from './portout-pin.js';
import { protect } from './protect.js';
import { provision } from './provision.js';
import { readDataUsage } from './read-data-usage.js';
import { searchNumbers } from './search-numbers.js';
import { setDataLimits } from './set-data-limits.js';
import { subscriberNew } from './subscriber-new.js';

/**
 * Every operation, by kind: the one list. The workflow, the cards, the order lines and the reconciler read
 * what differs between operations from these definitions; nothing else branches on a kind.
 */
export const operations = {
  search: searchNumbers,
  provision,
  'portin-eligibility': portInEligibility,
  portin: portIn,
  'portin-update': portInUpdate,
  'portin-cancel': portInCancel,
  portout: portOut,
  limits: setDataLimits,
  usage: readDataUsage,
  status: orderStatus,
  'subscriber-new': subscriberNew,
  park: parkLine,
  activate: activateLine,
  'swap-sim': swapSim,
  'cancel-line': cancelLine,
  'number-update': numberUpdate,
  plan: planChange,
  'plan-end': planEnd,
  protect,
} as const satisfies Record<string, AnyOperation>;

export type Operations = typeof operations;
export type OperationKind = keyof Operations;

export const OPERATION_KINDS = Object.keys(operations) as OperationKind[];

export function isOperationKind(value: string): value is OperationKind {
  return Object.hasOwn(operations, value);
}

/** The operation for a kind, typed loosely (for dispatch by a stored `kind`). */
export function getOperation(kind: OperationKind): AnyOperation {
  return operations[kind];
}

/** The line changes (park, activate, swap-sim, cancel-line): number card buttons and their forms. */
export const LINE_CHANGE_OPERATIONS: readonly LineChangeOperation[] = Object.values(operations).filter(
  (op): op is LineChangeOperation => 'lineChange' in op,
);

/** APPROVAL_REQUIRED_FOR when unset: every operation whose definition needs a second person. */
export const DEFAULT_APPROVAL_REQUIRED_FOR: readonly OperationKind[] = OPERATION_KINDS.filter(
  (kind) => getOperation(kind).needsApproval,
);

/** Orders of a kind no definition claims (rows from an older version): shown plainly, never acted on. */
const UNKNOWN_ORDER_TRAITS = (kind: string): OrderTraits => ({
  noun: kind,
  label: kind,
  portIn: false,
  failedNextStep: (orderId) =>
    `*Next step:* check \`/telegent status ${orderId}\`, or escalate to Telegent support with the OrderId.`,
});

/** How orders created by `kind` are named and watched (from its definition). */
export function orderTraits(kind: string): OrderTraits {
  return (isOperationKind(kind) ? getOperation(kind).orders : undefined) ?? UNKNOWN_ORDER_TRAITS(kind);
}
