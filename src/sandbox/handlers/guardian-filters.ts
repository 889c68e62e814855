import type { Handler, HandlerContext } from '../context.js';
import type { SandboxCore } from '../core.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { queryParam, reqString, requiredMessage } from '../fields.js';
import { guardianKey } from '../guardian-state.js';
import {
  e164Field,
  e164List,
  knownSubscriber,
  subscribersLine,
  withAdded,
  withRemoved,
} from './guardian-common.js';
import { checkAccountId } from './lookups.js';

/** The words the KB quotes for a second filter of one type on one (subscriber, phone) (§6.13). */
export const DUPLICATE_FILTER_MESSAGE = 'Duplicate filter found for the same subscriber and phone number';

export interface FilterBase {
  FilterId: string;
  SubscriberId: string;
  Phone: string;
}

export type ListSide = 'allowed' | 'blocked';

/**
 * What differs between call and message filters, so the list, delete and allowed/blocked handlers exist once.
 * The id keys differ by op (§6.8): create answers and update takes `FilterId`; delete and the sub-resources
 * take `idKey`; the sub-resources' payload is `payloadKey`.
 */
export interface FilterKind<R extends FilterBase> {
  /** "Call filter" / "Message filter", for error sentences. */
  noun: string;
  prefix: 'CFID' | 'MFID';
  idKey: 'CallFilterId' | 'MessageFilterId';
  payloadKey: 'Numbers' | 'Contacts';
  /** The record field behind each side, e.g. BlockedNumbers. */
  fields: Record<ListSide, 'AllowedNumbers' | 'BlockedNumbers' | 'AllowedContacts' | 'BlockedContacts'>;
  store(core: SandboxCore): Map<string, R>;
  /** The list GET's item (may leave fields out, as the documented examples do). */
  listView(record: R): unknown;
}

const sideOf = <R extends FilterBase>(kind: FilterKind<R>, record: R, side: ListSide) =>
  (record as unknown as Record<string, string[]>)[kind.fields[side]] ?? [];

export function findFilter<R extends FilterBase>(core: SandboxCore, kind: FilterKind<R>, id: string): R {
  const record = kind.store(core).get(guardianKey(id));
  if (!record) throw notFound(`${kind.noun} not found`);
  return record;
}

/** The filter named by `idKey`, which must be the named subscriber's (else 404, as for another account's). */
function subscribersFilter<R extends FilterBase>(
  core: SandboxCore,
  kind: FilterKind<R>,
  subscriberId: string,
  filterId: string,
): R {
  const subscriber = knownSubscriber(core, subscriberId);
  const record = findFilter(core, kind, filterId);
  if (guardianKey(record.SubscriberId) !== guardianKey(subscriber.SubscriberId))
    throw notFound(`${kind.noun} not found`);
  return record;
}

/**
 * Create's common checks: a known subscriber, Phone one of its lines, and no filter of this type on that
 * (subscriber, phone) already (409, the KB's words; INFERRED that the API refuses rather than replaces). Filters
 * may be created while the subscriber's Guardian switch is off: they exist and only take effect once it is on
 * (the reference documents no refusal); turning the switch on is the app's job.
 */
export function newFilterIdentity<R extends FilterBase>(
  core: SandboxCore,
  kind: FilterKind<R>,
  body: unknown,
) {
  const subscriber = knownSubscriber(core, reqString(body, 'SubscriberId'));
  const phone = subscribersLine(core, subscriber, reqString(body, 'Phone'));
  for (const existing of kind.store(core).values())
    if (
      guardianKey(existing.SubscriberId) === guardianKey(subscriber.SubscriberId) &&
      existing.Phone === phone
    )
      throw conflict(DUPLICATE_FILTER_MESSAGE);
  return { FilterId: core.newId(kind.prefix), SubscriberId: subscriber.SubscriberId, Phone: phone };
}

/**
 * GET list: SubscriberId, Phone and AccountId are all optional and narrow the answer, a **bare array**; with
 * none it "returns all" (§6.13). An unknown SubscriberId simply matches nothing (INFERRED).
 */
export const listFilters =
  <R extends FilterBase>(kind: FilterKind<R>): Handler =>
  ({ core, query }: HandlerContext) => {
    const subscriberId = queryParam(query, 'SubscriberId');
    const phone = queryParam(query, 'Phone');
    if (phone) e164Field('Phone', phone);
    checkAccountId(core, queryParam(query, 'AccountId'));
    return [...kind.store(core).values()]
      .filter((r) => !subscriberId || guardianKey(r.SubscriberId) === guardianKey(subscriberId))
      .filter((r) => !phone || r.Phone === phone)
      .map(kind.listView);
  };

/** POST …/delete with `idKey` (not FilterId): permanent, its lists go with it. */
export const deleteFilter =
  <R extends FilterBase>(kind: FilterKind<R>): Handler =>
  ({ core, now, body }: HandlerContext) => {
    const record = findFilter(core, kind, reqString(body, kind.idKey));
    kind.store(core).delete(guardianKey(record.FilterId));
    return { Status: 'Deleted', FilterId: record.FilterId, DateDeleted: new Date(now).toISOString() };
  };

/** GET allowed/blocked: SubscriberId and `idKey` required; a bare array of strings. */
export const listSide =
  <R extends FilterBase>(kind: FilterKind<R>, side: ListSide): Handler =>
  ({ core, query }: HandlerContext) => {
    const subscriberId = queryParam(query, 'SubscriberId');
    const filterId = queryParam(query, kind.idKey);
    if (!subscriberId) throw badRequest(requiredMessage('SubscriberId'));
    if (!filterId) throw badRequest(requiredMessage(kind.idKey));
    checkAccountId(core, queryParam(query, 'AccountId'));
    return [...sideOf(kind, subscribersFilter(core, kind, subscriberId, filterId), side)];
  };

/**
 * POST allowed/blocked add|remove: `{SubscriberId, idKey, payloadKey: [...]}` → `{FilterId, SubscriberId,
 * <field>: the whole list after the change}`. Adding a number already there leaves it listed once; removing
 * one not there changes nothing. The other side is not touched (INFERRED: a number may sit on both lists).
 */
export const changeSide =
  <R extends FilterBase>(kind: FilterKind<R>, side: ListSide, change: 'add' | 'remove'): Handler =>
  ({ core, body }: HandlerContext) => {
    const record = subscribersFilter(
      core,
      kind,
      reqString(body, 'SubscriberId'),
      reqString(body, kind.idKey),
    );
    const values = e164List(body, kind.payloadKey, true);
    const current = sideOf(kind, record, side);
    const next = change === 'add' ? withAdded(current, values) : withRemoved(current, values);
    (record as unknown as Record<string, string[]>)[kind.fields[side]] = next;
    return { FilterId: record.FilterId, SubscriberId: record.SubscriberId, [kind.fields[side]]: [...next] };
  };

/** The keywords answer when a filter has none (or its stored string does not parse): the documented shape, empty. */
const NO_KEYWORDS = () => ({ CustomKeywords: [], SystemKeywords: {}, SeverityMap: {} });

/**
 * GET …/keywords: SubscriberId and `idKey` required; the filter's stored `KeywordFilter` string answered as the
 * PARSED object `{CustomKeywords, SystemKeywords, SeverityMap}` (§3.5).
 */
export const listKeywords =
  <R extends FilterBase & { KeywordFilter?: string | null }>(kind: FilterKind<R>): Handler =>
  ({ core, query }: HandlerContext) => {
    const subscriberId = queryParam(query, 'SubscriberId');
    const filterId = queryParam(query, kind.idKey);
    if (!subscriberId) throw badRequest(requiredMessage('SubscriberId'));
    if (!filterId) throw badRequest(requiredMessage(kind.idKey));
    checkAccountId(core, queryParam(query, 'AccountId'));
    const stored = subscribersFilter(core, kind, subscriberId, filterId).KeywordFilter;
    if (!stored) return NO_KEYWORDS();
    try {
      const parsed = JSON.parse(stored) as Record<string, unknown>;
      return { ...NO_KEYWORDS(), ...(parsed && typeof parsed === 'object' ? parsed : {}) };
    } catch {
      return NO_KEYWORDS();
    }
  };
