import { sameId } from '../telegent/line-subscriptions.js';
import type { Subscription } from '../telegent/plans-api.js';
import type { PreconditionContext } from './operation.js';

/**
 * A subscription's `Type` from the number's classification, lower-case (plans reference §6.2: `MVNO` → `mvno`,
 * `IoT` → `iot`); a number without one is a phone line.
 */
export function subscriptionType(classification: string | null | undefined): 'mvno' | 'iot' {
  return (classification ?? '').trim().toLowerCase() === 'iot' ? 'iot' : 'mvno';
}

/** Whether a subscription names this package (ids are opaque: compared as text, without case). */
export const samePackage = (subscription: Pick<Subscription, 'PackageId'>, packageId: string) =>
  sameId(subscription.PackageId, packageId);

/** Kinds that change a line's plan (change, put on, end): one of them at a time per number. */
const PLAN_KINDS = new Set<string>();

/** Called by each definition that changes a plan, when it is made. */
export function guardThePlan(kind: string): void {
  PLAN_KINDS.add(kind);
}

/**
 * One plan step of a line at a time: a second Change plan… (or an end of the plan filed with a cancel) waits until
 * the first is decided and done, so two approvals can never send two changes of one subscription.
 */
export async function planIsFree(
  ctx: PreconditionContext,
  phoneNumber: string,
): Promise<{ phoneNumber: string } | null> {
  const requests = await ctx.requests.listOpenForNumber(phoneNumber);
  const filed = requests.find((r) => PLAN_KINDS.has(r.kind) && r.id !== ctx.currentRequestId);
  if (!filed) return null;
  return {
    phoneNumber: `Phone number: ${phoneNumber} already has a request about its plan (${filed.id}, ${filed.status.replaceAll('_', ' ')}); decide or withdraw that one first.`,
  };
}
