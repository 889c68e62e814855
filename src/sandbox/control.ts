import type { SandboxCore } from './core.js';
import { maskSecrets } from './journal.js';
import { currentStep, setStatusNow } from './lifecycle.js';
import { type NumberRecord, type Order, orderKey, type PortinFields } from './state.js';

/** What tests and the admin API see of an order. */
export interface OrderSnapshot {
  OrderId: string;
  OrderType: Order['type'];
  OrderStatus: string;
  OrderStatusMessage: string | null;
  OrderDate: string;
  Number: string;
  PhoneNumberId: string | null;
  Attempt: number;
  Timeline: Array<{ At: string; Status: string; Message: string | null }>;
  PortIn?: PortinFields;
}

export function snapshotOrder(order: Order, now: number): OrderSnapshot {
  const step = currentStep(order, now);
  const snapshot: OrderSnapshot = {
    OrderId: order.OrderId,
    OrderType: order.type,
    OrderStatus: step.status,
    OrderStatusMessage: step.message,
    OrderDate: new Date(order.createdAt).toISOString(),
    Number: order.number,
    PhoneNumberId: order.phoneNumberId,
    Attempt: order.attempt,
    Timeline: order.timeline.map((s) => ({
      At: new Date(s.at).toISOString(),
      Status: s.status,
      Message: s.message,
    })),
  };
  if (order.portin) snapshot.PortIn = structuredClone(order.portin);
  return snapshot;
}

/** Snapshot for the admin HTTP API: carrier account number and password masked. */
export const maskedSnapshot = (snapshot: OrderSnapshot) => maskSecrets(snapshot) as OrderSnapshot;

export function findOrder(core: SandboxCore, orderId: string): Order | undefined {
  return core.data.orders.get(orderKey(orderId));
}

/** Sets an order's status now; it stays there until portin/update or cancel changes it. */
export function forceOrderStatus(
  core: SandboxCore,
  orderId: string,
  status: string,
  message?: string | null,
): OrderSnapshot {
  const order = findOrder(core, orderId);
  if (!order) throw new Error(`unknown OrderId ${orderId}`);
  if (!status) throw new Error('OrderStatus is required');
  const now = core.nowMs();
  setStatusNow(order, now, status, message ?? null);
  core.settle();
  return snapshotOrder(order, now);
}

export function setUsedBytes(core: SandboxCore, number: string, bytes: number): void {
  const record = core.data.numbers.get(number);
  if (!record) throw new Error(`unknown number ${number}`);
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error('used bytes must be ≥ 0');
  record.usedBytes = Math.round(bytes);
}

export interface ConfigPatch {
  rateLimitPerMinute?: number;
  tokenTtlSeconds?: number;
  speed?: number;
}

export function applyConfig(core: SandboxCore, patch: ConfigPatch) {
  if (patch.rateLimitPerMinute !== undefined) {
    if (!(Number.isInteger(patch.rateLimitPerMinute) && patch.rateLimitPerMinute > 0))
      throw new Error('rateLimitPerMinute must be a positive integer');
    core.rateLimiter.limitPerMinute = patch.rateLimitPerMinute;
  }
  if (patch.tokenTtlSeconds !== undefined) {
    if (!(patch.tokenTtlSeconds > 0)) throw new Error('tokenTtlSeconds must be > 0');
    core.tokenTtlSeconds = patch.tokenTtlSeconds;
  }
  if (patch.speed !== undefined) core.clock.setSpeed(patch.speed);
  return currentConfig(core);
}

export function currentConfig(core: SandboxCore) {
  return {
    rateLimitPerMinute: core.rateLimiter.limitPerMinute,
    tokenTtlSeconds: core.tokenTtlSeconds,
    speed: core.clock.getSpeed(),
    now: core.clock.now().toISOString(),
  };
}

export function numberSnapshot(record: NumberRecord): NumberRecord {
  return structuredClone(record);
}
