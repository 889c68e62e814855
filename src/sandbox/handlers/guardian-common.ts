import type { SandboxCore } from '../core.js';
import { badRequest, notFound } from '../errors.js';
import { field, requiredMessage } from '../fields.js';
import type { Subscriber } from '../state.js';
import { findSubscriber } from './lookups.js';

/**
 * Guardian lists hold any E.164 number (a blocked caller may be abroad), unlike the NANP-only numbers the
 * account owns; the same pattern the client validates with.
 */
const E164 = /^\+[1-9]\d{6,14}$/;
export const isGuardianE164 = (value: string) => E164.test(value);

export const SUBSCRIBER_NOT_FOUND_MESSAGE = 'Subscriber not found';
/** INFERRED wording: the KB only documents the account-level "Phone number does not belong to account". */
export const NOT_SUBSCRIBERS_LINE_MESSAGE = 'Phone number does not belong to subscriber';

/** A known subscriber, else 404 (a wrong id is "not found", not a bad request). */
export function knownSubscriber(core: SandboxCore, subscriberId: string): Subscriber {
  const subscriber = findSubscriber(core, subscriberId);
  if (!subscriber) throw notFound(SUBSCRIBER_NOT_FOUND_MESSAGE);
  return subscriber;
}

export function e164Field(name: string, value: string): string {
  if (!isGuardianE164(value)) throw badRequest(`${name} must be in E.164 format, e.g. +18015551234.`);
  return value;
}

/**
 * `Phone` must be E.164 and one of the subscriber's lines: a number in the sandbox assigned to that
 * SubscriberId (INFERRED: the reference only says Phone is required even with SubscriberId, §6.13).
 */
export function subscribersLine(core: SandboxCore, subscriber: Subscriber, phone: string): string {
  e164Field('Phone', phone);
  const record = core.data.numbers.get(phone);
  if (record?.AssignedSubscriberId?.toLowerCase() !== subscriber.SubscriberId.toLowerCase())
    throw badRequest(NOT_SUBSCRIBERS_LINE_MESSAGE);
  return phone;
}

/**
 * An array of E.164 strings, de-duplicated in first-seen order; a bad entry is a 400 naming it
 * (`Numbers[2] must be…`). Undefined when absent and not required.
 */
export function e164List(body: unknown, name: string, required: true): string[];
export function e164List(body: unknown, name: string, required?: false): string[] | undefined;
export function e164List(body: unknown, name: string, required = false): string[] | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) {
    if (required) throw badRequest(requiredMessage(name));
    return undefined;
  }
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array of E.164 numbers.`);
  if (required && value.length === 0) throw badRequest(`${name} must list at least one number.`);
  const out: string[] = [];
  value.forEach((item, i) => {
    const text = typeof item === 'string' ? item.trim() : '';
    e164Field(`${name}[${i}]`, text);
    if (!out.includes(text)) out.push(text);
  });
  return out;
}

/** The list with `values` appended; one already there stays once (adding twice is a no-op). */
export const withAdded = (list: readonly string[], values: readonly string[]) => [
  ...list,
  ...values.filter((v, i) => !list.includes(v) && values.indexOf(v) === i),
];

/** Removing a value not on the list is a no-op (INFERRED: the reference documents no error for it). */
export const withRemoved = (list: readonly string[], values: readonly string[]) =>
  list.filter((v) => !values.includes(v));

/** `KeywordFilter` is a stringified JSON (§3.3), kept as sent; null when absent. */
export function keywordFilter(body: unknown): string | null {
  const value = field(body, 'KeywordFilter');
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest('KeywordFilter must be a string (stringified JSON).');
  return value;
}
