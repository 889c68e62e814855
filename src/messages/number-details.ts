import {
  classificationWords,
  dateWords,
  messageTypeWords,
  productWords,
  shortId,
} from '../operations/glossary.js';
import { simTail } from '../operations/personal-data.js';
import type { NumberRecord } from '../telegent/response-schemas.js';
import { escapeMrkdwn, oneLine } from './limits.js';

const onOff = (v: boolean | null | undefined) => (v === true ? 'on' : v === false ? 'off' : undefined);

/** "SMS + data + voice · phone line": a number's product and classification in words. */
export function productLine(n: NumberRecord): string {
  const kind = n.Classification ?? n.NumberType;
  return [
    n.ProductType ? productWords(n.ProductType) : undefined,
    kind ? classificationWords(kind) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Label/value pairs describing a number from Telegent's inventory, in words (values mrkdwn-safe, ≤ 10 pairs).
 * The number itself is not among them: the caller names it once. The subscriber is shown by a short id only
 * when the caller has no name for the customer; the SIM by its last four digits, as everywhere else.
 */
export function numberDetailFields(
  n: NumberRecord,
  options: { customer?: string | undefined } = {},
): Array<[string, string]> {
  const messaging = onOff(n.MessageEnabled);
  const pairs: Array<[string, string | null | undefined]> = [
    ['Status', n.Status],
    ['Product', productLine(n) || undefined],
    [
      'Messaging',
      messaging && n.MessageType && n.MessageEnabled
        ? `${messaging} (${messageTypeWords(n.MessageType)})`
        : messaging,
    ],
    ['Voice', onOff(n.VoiceEnabled)],
    ['Subscriber', options.customer ? undefined : n.AssignedSubscriberId && shortId(n.AssignedSubscriberId)],
    ['SIM', n.Iccid && simTail(n.Iccid)],
    ['Purchased', n.OriginalDatePurchased && dateWords(n.OriginalDatePurchased)],
  ];
  return pairs
    .filter((p): p is [string, string] => typeof p[1] === 'string' && p[1].trim() !== '')
    .map(([label, value]) => [label, escapeMrkdwn(oneLine(value, 200))]);
}
