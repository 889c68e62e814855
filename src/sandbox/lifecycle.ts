import type { SandboxCore } from './core.js';
import { formatUsDate, parsePortInDate } from './formats.js';
import { portinFailure } from './magic.js';
import { DEFAULT_DATA_SETTINGS } from './seed.js';
import type { Order, PortinFields, TimelineStep } from './state.js';
import { applyStatusChange } from './status-change.js';

const MINUTE = 60_000;

/** When each step happens, in sandbox minutes after (re)submission. Documented in docs/sandbox.md. */
export const PORTIN_TIMINGS = {
  submittedAfterMinutes: 5,
  carrierApprovalAfterMinutes: 60,
  scheduledAfterMinutes: 24 * 60,
  completedAfterMinutes: 2 * 24 * 60,
} as const;
/** A magic-pending provision completes after this many sandbox minutes. */
export const PROVISION_PENDING_MINUTES = 5;
/** A port-out order completes after this many sandbox minutes. */
export const PORTOUT_COMPLETE_MINUTES = 10;

export const FINISHED_PORTIN_STATUSES = new Set(['Completed', 'Cancelled']);
const SUCCESS_STATUSES = new Set(['Complete', 'Completed']);

/**
 * The port-in timeline from a (re)submission at `start`:
 * Pending → Submitted → Pending Carrier Approval → Scheduled → Completed, or Error/Rejected
 * in place of Pending Carrier Approval when a magic input says so.
 */
export function portinTimeline(
  start: number,
  number: string,
  fields: PortinFields,
  attempt: number,
): TimelineStep[] {
  const t = PORTIN_TIMINGS;
  const steps: TimelineStep[] = [
    { at: start, status: 'Pending', message: null },
    { at: start + t.submittedAfterMinutes * MINUTE, status: 'Submitted', message: null },
  ];
  const approvalAt = start + t.carrierApprovalAfterMinutes * MINUTE;
  const failure = portinFailure(
    {
      number,
      accountNumber: fields.CurrentAccountNumber,
      password: fields.CurrentAccountPassword,
      subscriberName: fields.SubscriberName,
    },
    attempt,
  );
  if (failure) return [...steps, { at: approvalAt, status: failure.status, message: failure.message }];
  const scheduledAt = start + t.scheduledAfterMinutes * MINUTE;
  const portDate = fields.PortInDate ? parsePortInDate(fields.PortInDate) : undefined;
  const completedAt = portDate
    ? Math.max(portDate.getTime(), scheduledAt + 60 * MINUTE)
    : start + t.completedAfterMinutes * MINUTE;
  return [
    ...steps,
    { at: approvalAt, status: 'Pending Carrier Approval', message: null },
    { at: scheduledAt, status: 'Scheduled', message: null },
    { at: completedAt, status: 'Completed', message: null },
  ];
}

export function provisionTimeline(start: number, pending: boolean): TimelineStep[] {
  if (!pending) return [{ at: start, status: 'Complete', message: null }];
  return [
    { at: start, status: 'Pending', message: null },
    { at: start + PROVISION_PENDING_MINUTES * MINUTE, status: 'Complete', message: null },
  ];
}

export function portoutTimeline(start: number): TimelineStep[] {
  return [
    { at: start, status: 'Pending', message: null },
    { at: start + PORTOUT_COMPLETE_MINUTES * MINUTE, status: 'Complete', message: null },
  ];
}

export function currentStep(order: Order, now: number): TimelineStep {
  let step = order.timeline[0] as TimelineStep;
  for (const s of order.timeline) if (s.at <= now) step = s;
  return step;
}

/** Keeps what already happened and ends the timeline with `status` now (force, cancel). */
export function setStatusNow(order: Order, now: number, status: string, message: string | null): void {
  order.timeline = [...order.timeline.filter((s) => s.at <= now), { at: now, status, message }];
}

/** Keeps the past and replaces the future with `future`'s steps after now. */
export function replaceFuture(order: Order, now: number, future: TimelineStep[]): void {
  order.timeline = [...order.timeline.filter((s) => s.at <= now), ...future.filter((s) => s.at > now)];
}

export function settleOrders(core: SandboxCore, now: number): void {
  for (const order of core.data.orders.values()) {
    if (order.effectsApplied || !SUCCESS_STATUSES.has(currentStep(order, now).status)) continue;
    order.effectsApplied = true;
    if (order.type === 'provision') {
      const record = core.data.numbers.get(order.number);
      if (record && record.Status === 'Pending') record.Status = 'Active';
    }
    if (order.type === 'portin' && order.portin) addPortedNumber(core, order, order.portin, now);
    if (order.type === 'status-change' && order.statusChange) {
      for (const number of order.numbers ?? [order.number]) {
        const record = core.data.numbers.get(number);
        if (record) applyStatusChange(record, order.statusChange);
      }
    }
  }
}

function addPortedNumber(core: SandboxCore, order: Order, fields: PortinFields, now: number): void {
  const existing = core.data.numbers.get(order.number);
  if (existing) {
    existing.Status = 'Active';
    return;
  }
  const iot = fields.TargetPortinClassification?.toLowerCase() === 'iot';
  const subscriberId = fields.AssignedSubscriberId;
  core.data.numbers.set(order.number, {
    Number: order.number,
    Tnid: `TNID-${core.random.digits(13)}`,
    PhoneNumberId: order.phoneNumberId ?? core.newId('NID'),
    OrderId: core.newId('TNOID'),
    NumberType: 'mobile',
    MessageEnabled: true,
    MessageType: 'p2p',
    Classification: iot ? 'IoT' : 'MVNO',
    VoiceEnabled: !iot,
    DataEnabled: true,
    MessageRouteId: null,
    VoiceRouteId: null,
    Status: 'Active',
    OriginalDatePurchased: formatUsDate(new Date(now)),
    AssignedSubscriberId: subscriberId,
    Iccid: fields.ICCID,
    Cnam: null,
    QrActivationLink: 'https://api.telegent.com/qr-activation-link',
    SwapsRemaining: 2,
    NextSwapResetDate: null,
    ProductType: iot ? 'Sms+Data' : 'Sms+Data+Voice',
    PortOutPin: null,
    ZipCode: fields.CurrentBillingAddress.Zip ?? null,
    data: { ...DEFAULT_DATA_SETTINGS },
    usedBytes: 0,
  });
  const subscriber = core.data.subscribers.find((s) => s.SubscriberId === subscriberId);
  if (subscriber && !subscriber.PhoneNumbers.includes(order.number))
    subscriber.PhoneNumbers.push(order.number);
}
