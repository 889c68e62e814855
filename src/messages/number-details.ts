import type { NumberRecord } from '../telegent/response-schemas.js';
import { escapeMrkdwn, oneLine } from './limits.js';

const yesNo = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : undefined);

/** Label/value pairs describing a number from Telegent's inventory (values mrkdwn-safe, ≤ 10 pairs). */
export function numberDetailFields(n: NumberRecord): Array<[string, string]> {
  const pairs: Array<[string, string | null | undefined]> = [
    ['Number', n.Number],
    ['Status', n.Status],
    ['Product', n.ProductType],
    ['Type', [n.NumberType, n.Classification].filter(Boolean).join(' / ') || undefined],
    ['Messaging', [yesNo(n.MessageEnabled), n.MessageType].filter(Boolean).join(', ') || undefined],
    ['Voice', yesNo(n.VoiceEnabled)],
    ['Subscriber', n.AssignedSubscriberId],
    ['SIM (ICCID)', n.Iccid],
    ['Purchased', n.OriginalDatePurchased],
    ['Order', n.OrderId],
  ];
  return pairs
    .filter((p): p is [string, string] => typeof p[1] === 'string' && p[1].trim() !== '')
    .map(([label, value]) => [label, escapeMrkdwn(oneLine(value, 200))]);
}
