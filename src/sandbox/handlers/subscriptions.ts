import type { HandlerContext } from '../context.js';
import type { SandboxCore } from '../core.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { optString, queryParam, reqString } from '../fields.js';
import type { PlanPackage, SubscriptionRecord } from '../plans-state.js';
import type { NumberRecord } from '../state.js';
import { checkAccountId, findSubscriber } from './lookups.js';
import { findPackage, listFilter, passes, requiredId } from './packages.js';

// Subscriptions (plans-guardian reference §1). Error rules the docs leave open are the sandbox's INFERRED ones:
// 404 for an unknown SubscriberId / PackageId / TNID / SubscriptionId, 400 for an inactive package or one made
// for another subscriber, 409 when a live (Active) subscription already exists on the number ("one
// Subscription per number", §6.3), 400 when Type says mvno/iot and the number is the other classification.

export const LIVE_SUBSCRIPTION_MESSAGE = 'An active subscription already exists for this TNID';

const same = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

/** The number a TNID names: provision's `NID-` or the record's `TNID-` (KB: used interchangeably). */
export function numberByTnid(core: SandboxCore, tnid: string | null): NumberRecord | undefined {
  if (!tnid) return undefined;
  for (const record of core.data.numbers.values())
    if (same(record.PhoneNumberId, tnid) || same(record.Tnid, tnid)) return record;
  return undefined;
}

export const subscriptionView = (s: SubscriptionRecord) => ({
  SubscriptionId: s.SubscriptionId,
  SubscriberId: s.SubscriberId,
  TNID: s.TNID,
  ICCID: s.ICCID,
  PackageId: s.PackageId,
  Type: s.Type,
  Active: s.Active,
});

function findSubscription(core: SandboxCore, id: string): SubscriptionRecord {
  const found = core.data.plans.subscriptions.find((s) => same(s.SubscriptionId, id));
  if (!found) throw notFound('Subscription not found');
  return found;
}

function subscriberIdOf(core: SandboxCore, id: string): string {
  const subscriber = findSubscriber(core, id);
  if (!subscriber) throw notFound('Subscriber not found');
  return subscriber.SubscriberId;
}

function usablePackage(core: SandboxCore, id: string, subscriberId: string): PlanPackage {
  const found = findPackage(core, id);
  if (!found) throw notFound('Package not found');
  if (!found.Active) throw badRequest('Package is not active.');
  if (found.SubscriberId && !same(found.SubscriberId, subscriberId))
    throw badRequest('Package belongs to another subscriber.');
  return found;
}

function lineOf(core: SandboxCore, tnid: string): NumberRecord {
  const record = numberByTnid(core, tnid);
  if (!record) throw notFound('TNID not found');
  return record;
}

function checkType(type: string, line: NumberRecord | undefined): void {
  const kind = type.toLowerCase();
  if (!line || (kind !== 'mvno' && kind !== 'iot')) return;
  if (kind !== line.Classification.toLowerCase())
    throw badRequest(`Type must match the number's classification (${line.Classification.toLowerCase()}).`);
}

function checkNoLiveSubscription(core: SandboxCore, line: NumberRecord, except?: SubscriptionRecord): void {
  const taken = core.data.plans.subscriptions.some(
    (s) => s !== except && s.Active && numberByTnid(core, s.TNID) === line,
  );
  if (taken) throw conflict(LIVE_SUBSCRIPTION_MESSAGE);
}

/** POST /v1.0/subscriptions: SubscriberId*, PackageId*, Type*, TNID, ICCID. */
export function createSubscription({ core, body }: HandlerContext): unknown {
  const subscriberInput = reqString(body, 'SubscriberId');
  const packageId = reqString(body, 'PackageId');
  const type = reqString(body, 'Type');
  const tnid = optString(body, 'TNID') ?? null;
  const iccid = optString(body, 'ICCID') ?? null;
  const subscriberId = subscriberIdOf(core, subscriberInput);
  const plan = usablePackage(core, packageId, subscriberId);
  const line = tnid ? lineOf(core, tnid) : undefined;
  checkType(type, line);
  if (line) checkNoLiveSubscription(core, line);
  const record: SubscriptionRecord = {
    SubscriptionId: core.newId('SUB'),
    SubscriberId: subscriberId,
    TNID: tnid,
    ICCID: iccid,
    PackageId: plan.PackageId,
    Type: type,
    Active: true,
  };
  core.data.plans.subscriptions.push(record);
  return subscriptionView(record);
}

/** GET /v1.0/subscriptions?SubscriptionId= (required here: without it the behaviour is undocumented). */
export function subscriptionDetails({ core, query }: HandlerContext): unknown {
  return subscriptionView(findSubscription(core, requiredId(query, 'SubscriptionId')));
}

/** POST /v1.0/subscriptions/update: only the fields sent change (§1.3); validated before anything changes. */
export function updateSubscription({ core, body }: HandlerContext): unknown {
  const record = findSubscription(core, reqString(body, 'SubscriptionId'));
  const subscriberInput = optString(body, 'SubscriberId');
  const subscriberId = subscriberInput ? subscriberIdOf(core, subscriberInput) : record.SubscriberId;
  const packageId = optString(body, 'PackageId');
  const plan = packageId ? usablePackage(core, packageId, subscriberId) : undefined;
  const tnid = optString(body, 'TNID');
  const line = tnid ? lineOf(core, tnid) : numberByTnid(core, record.TNID);
  const type = optString(body, 'Type') ?? record.Type;
  checkType(type, line);
  if (tnid && line && record.Active) checkNoLiveSubscription(core, line, record);
  record.SubscriberId = subscriberId;
  if (plan) record.PackageId = plan.PackageId;
  if (tnid) record.TNID = tnid;
  record.ICCID = optString(body, 'ICCID') ?? record.ICCID;
  record.Type = type;
  return subscriptionView(record);
}

/** POST /v1.0/subscriptions/delete: permanent; the subscriber and the number stay (§1.4). */
export function deleteSubscription({ core, body }: HandlerContext): unknown {
  const record = findSubscription(core, reqString(body, 'SubscriptionId'));
  core.data.plans.subscriptions = core.data.plans.subscriptions.filter((s) => s !== record);
  return { SubscriptionId: record.SubscriptionId, SubscriptionStatus: 'Deleted' };
}

/** GET /v1.0/distributor/subscriptions?Filter=: every subscription of the distributor, no paging (§1.5). */
export function distributorSubscriptions({ core, query }: HandlerContext): unknown {
  checkAccountId(core, queryParam(query, 'AccountId'));
  const filter = listFilter(query);
  const results = core.data.plans.subscriptions.filter((s) => passes(filter, s.Active));
  return {
    DistributorId: core.accountKey,
    TotalSubscriptions: results.length,
    Filter: filter,
    Results: results.map(subscriptionView),
  };
}

/** GET /v1.0/account/subscriptions?Filter=: the account's subscribers' subscriptions; shape INFERRED (§1.7). */
export function accountSubscriptions({ core, query }: HandlerContext): unknown {
  checkAccountId(core, queryParam(query, 'AccountId'));
  const filter = listFilter(query);
  const results = core.data.plans.subscriptions.filter(
    (s) =>
      passes(filter, s.Active) && findSubscriber(core, s.SubscriberId)?.AccountId === core.data.accountId,
  );
  return {
    AccountId: core.data.accountId,
    TotalSubscriptions: results.length,
    Filter: filter,
    Results: results.map(subscriptionView),
  };
}
