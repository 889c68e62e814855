/**
 * Words for people instead of Telegent's API values (DESIGN.md, "What people read"): order statuses, carrier
 * codes, product types, classifications, message types and phone numbers. The one place these words live:
 * operations' summaries and facts use it, and so does every builder in messages/ (which imports operations,
 * so the glossary sits here, below both).
 */
import { explainCarrierCode } from '../telegent/carrier-codes.js';

/** "+18015550100" → "(801) 555-0100"; anything that is not a NANP number in E.164 is returned as it is. */
export function formatPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164.trim());
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}

/** "(801) 555-0100, (801) 555-0101 and 3 more": keeps channel lines short. */
export function formatPhones(numbers: readonly string[], max = 5): string {
  const shown = numbers.slice(0, max).map(formatPhone).join(', ');
  return numbers.length > max ? `${shown} and ${numbers.length - max} more` : shown;
}

const PRODUCT_WORDS: Record<string, string> = {
  'sms-only': 'SMS only',
  'data-only': 'data only',
  'sms+data': 'SMS + data',
  'sms+data+voice': 'SMS + data + voice',
};

/** "Sms+Data" → "SMS + data". */
export function productWords(productType: string): string {
  return PRODUCT_WORDS[productType.trim().toLowerCase()] ?? productType;
}

const CLASSIFICATION_WORDS: Record<string, string> = {
  mvno: 'phone line',
  iot: 'device (IoT)',
};

/** "mvno" → "phone line", "iot" → "device (IoT)". */
export function classificationWords(classification: string): string {
  return CLASSIFICATION_WORDS[classification.trim().toLowerCase()] ?? classification;
}

const MESSAGE_TYPE_WORDS: Record<string, string> = {
  p2p: 'person-to-person texts',
  a2p: 'application-to-person texts',
};

/** "p2p" → "person-to-person texts". */
export function messageTypeWords(messageType: string): string {
  return MESSAGE_TYPE_WORDS[messageType.trim().toLowerCase()] ?? messageType;
}

/** "SMS + data phone line, person-to-person texts": a number's product in one phrase. */
export function productPhrase(product: { productType: string; numberType: string; messageType: string }) {
  return `${productWords(product.productType)} ${classificationWords(product.numberType)}, ${messageTypeWords(product.messageType)}`;
}

const STATUS_WORDS: Record<string, string> = {
  pending: 'Pending',
  submitted: 'Submitted',
  inprogress: 'In progress',
  processing: 'In progress',
  scheduled: 'Scheduled',
  resolutionrequired: 'Needs a fix',
  error: 'Carrier error',
  updated: 'Updated',
  approved: 'Approved by the carrier',
  complete: 'Completed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  canceled: 'Cancelled',
  rejected: 'Rejected',
  failed: 'Failed',
};

/** An order status in words: "Complete" and "Completed" both read "Completed", "InProgress" "In progress". */
export function statusWords(status: string | null | undefined): string {
  if (!status) return 'Unknown';
  return STATUS_WORDS[status.trim().toLowerCase()] ?? status;
}

/**
 * A carrier's status message in words: "Carrier rejected: account number wrong (8A)" for a known code, else
 * "Carrier says: …" with the message as the carrier wrote it (it is the carrier's words, not an API value).
 */
export function carrierMessageWords(statusMessage: string | null | undefined): string | undefined {
  if (!statusMessage?.trim()) return undefined;
  const code = explainCarrierCode(statusMessage);
  if (code) return `Carrier rejected: ${code.short} (${code.code})`;
  return `Carrier says: ${statusMessage.trim()}`;
}

/** "JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24" → "JNUOID-6a283dcf…": enough to tell orders apart in a line. */
export function shortId(id: string): string {
  const match = /^([A-Za-z]+[-_][0-9a-fA-F]{8})[0-9a-fA-F-]{9,}$/.exec(id);
  if (match) return `${match[1]}…`;
  return id.length > 24 ? `${id.slice(0, 20)}…` : id;
}

/** "Fri, Dec 11" for a calendar date ('YYYY-MM-DD'): a day is a day in every time zone. Other text is kept. */
export function dayWords(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  return calendarDayWords(isoDate, { weekday: 'short', month: 'short', day: 'numeric' }) ?? isoDate;
}

/** A calendar day ('YYYY-MM-DD') in words, read at noon UTC so no time zone moves it to another day. */
function calendarDayWords(ymd: string, parts: Intl.DateTimeFormatOptions): string | undefined {
  const at = new Date(`${ymd}T12:00:00Z`);
  return Number.isNaN(at.getTime())
    ? undefined
    : at.toLocaleDateString('en-US', { ...parts, timeZone: 'UTC' });
}

/**
 * An operation's title inside a sentence: "Port-in" → "port-in", "Data limits" → "data limits"; a leading
 * acronym keeps its capitals ("SIM swap" stays).
 */
export function titleInSentence(title: string): string {
  const first = title.split(/[\s-]/, 1)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/**
 * An IANA time zone as people say it: "Europe/London" → "London time", "America/Argentina/Buenos_Aires" →
 * "Buenos Aires time"; undefined for UTC and Etc/* zones (no place to name, and "UTC" is not for people).
 */
export function timeZoneWords(timeZone: string): string | undefined {
  const zone = timeZone.trim();
  if (!zone.includes('/') || /^Etc\//i.test(zone)) return undefined;
  const place = zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ');
  return place ? `${place} time` : undefined;
}

/**
 * "Sep 2, 2026" for a date Telegent writes as 'MM/DD/YYYY' (e.g. OriginalDatePurchased) or 'YYYY-MM-DD'
 * (a timestamp's time is dropped): with the year, since such dates are often long past. Other text is kept.
 */
export function dateWords(date: string): string {
  const text = date.trim();
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  const [year, month, day] = us ? [us[3], us[1], us[2]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year) return date;
  return (
    calendarDayWords(`${year}-${month}-${day}`, { month: 'short', day: 'numeric', year: 'numeric' }) ?? date
  );
}

const DATA_BEHAVIOR_WORDS: Record<string, string> = {
  active: 'Full speed',
  throttled: 'Slowed down (throttle reached)',
  blocked: 'Stopped (limit reached)',
};

/** A number's data behavior now: "Throttled" → "Slowed down (throttle reached)". */
export function dataBehaviorWords(behavior: string): string {
  return DATA_BEHAVIOR_WORDS[behavior.trim().toLowerCase()] ?? behavior;
}
