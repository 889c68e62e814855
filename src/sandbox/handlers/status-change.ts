import type { HandlerContext } from '../context.js';
import { ApiError, badRequest, conflict, NOT_ON_ACCOUNT_MESSAGE, notFound } from '../errors.js';
import { field, optString, reqString } from '../fields.js';
import { parsePortInDate, requireE164, requireIccid } from '../formats.js';
import { settleOrders } from '../lifecycle.js';
import { orderKey, type StatusChangeFields } from '../state.js';
import { ALLOWED_FROM } from '../status-change.js';

const DOCUMENTED = ['activate', 'cancel', 'swap', 'swap-sim', 'replace', 'park'] as const;
const SIMULATED: readonly string[] = ['activate', 'cancel', 'swap-sim', 'park'];
const DAY = 86_400_000;
/** The most numbers one status-change order takes (the app's list cap; Telegent documents no limit). */
const MAX_NUMBERS = 100;

/**
 * POST /v1.0/numbers/status (Op 11c): one order per request, for one number or a list (not for swap-sim). Effective today or earlier → Complete at once;
 * a later EffectiveDate → Pending until that day, when the change applies. swap-sim answers with the new QR
 * link and takes one of the number's SwapsRemaining.
 */
export function statusChange({ core, now, body }: HandlerContext): unknown {
  const raw = reqString(body, 'StatusChange').toLowerCase();
  if (!(DOCUMENTED as readonly string[]).includes(raw))
    throw badRequest(`Invalid status change type. Must be one of: ${DOCUMENTED.join(', ')}`);
  if (!SIMULATED.includes(raw)) throw badRequest(`The sandbox does not simulate '${raw}'.`);
  const change = raw as StatusChangeFields['change'];
  const effective = parsePortInDate(reqString(body, 'EffectiveDate'));
  if (!effective || !/^\d{2}\/\d{2}\/\d{4}$/.test(String(field(body, 'EffectiveDate'))))
    throw badRequest('EffectiveDate must be a date in MM/DD/YYYY format.');
  const items = field(body, 'PhoneNumbers');
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_NUMBERS)
    throw badRequest(`PhoneNumbers must hold 1 to ${MAX_NUMBERS} {"Number": "+1…"}.`);
  // A SIM swap moves one number to one SIM: the sandbox takes one number per swap order.
  if (change === 'swap-sim' && items.length !== 1)
    throw badRequest('PhoneNumbers must hold exactly one {"Number": "+1…"} for a swap-sim.');
  const numbers = items.map((item) => requireE164(reqString(item, 'Number')));
  if (new Set(numbers).size !== numbers.length) throw badRequest('PhoneNumbers lists a number twice.');
  // Checked as a whole before anything changes: one bad number refuses the order, none is changed.
  const records = numbers.map((n) => {
    const found = core.data.numbers.get(n);
    if (!found) throw notFound(NOT_ON_ACCOUNT_MESSAGE);
    if (!ALLOWED_FROM[change].includes(found.Status))
      throw badRequest(`Cannot ${change} a number that is ${found.Status} (${n}).`);
    return found;
  });
  const number = numbers[0] as string;
  const record = records[0] as (typeof records)[number];

  const fields: StatusChangeFields = { change };
  let qrCode: string | null = null;
  if (change === 'swap-sim') {
    if (record.SwapsRemaining < 1) {
      const reset = record.NextSwapResetDate ? ` until ${record.NextSwapResetDate.slice(0, 10)}` : '';
      throw new ApiError(400, `No SIM swaps remaining for this number${reset}.`);
    }
    const given = optString(items[0], 'ICCID') ?? optString(items[0], 'Iccid');
    const iccid = given ? requireIccid(given) : `8901240397${core.random.digits(9)}`;
    const taken = [...core.data.numbers.values()].some((r) => r.Iccid === iccid && r.Number !== number);
    if (taken) throw conflict('ICCID is already assigned to another number.');
    fields.iccid = iccid;
    record.SwapsRemaining -= 1;
    qrCode = `https://sandbox.telegent.test/qr/${core.random.uuid()}`;
    record.QrActivationLink = qrCode;
  }

  const orderId = core.newId('JNUOID');
  const startOfToday = Math.floor(now / DAY) * DAY;
  const completesAt = Math.max(now, effective.getTime());
  core.data.orders.set(orderKey(orderId), {
    OrderId: orderId,
    type: 'status-change',
    createdAt: now,
    attemptStartedAt: now,
    number,
    ...(numbers.length > 1 ? { numbers } : {}),
    phoneNumberId: record.PhoneNumberId,
    timeline:
      effective.getTime() <= startOfToday
        ? [{ at: now, status: 'Complete', message: null }]
        : [
            { at: now, status: 'Pending', message: null },
            { at: completesAt, status: 'Complete', message: null },
          ],
    attempt: 1,
    statusChange: fields,
    effectsApplied: false,
  });
  settleOrders(core, now);
  const order = core.data.orders.get(orderKey(orderId))!;
  return {
    OrderId: orderId,
    OrderDate: new Date(now).toISOString(),
    OrderStatus: order.effectsApplied ? 'Complete' : 'Pending',
    ChangeType: change,
    EffectiveDate: `${effective.toISOString().slice(0, 10)}T00:00:00`,
    Numbers: numbers.map((n) => ({
      Number: n,
      ...(fields.iccid ? { Iccid: fields.iccid } : {}),
      ...(qrCode ? { QrCode: qrCode } : {}),
    })),
  };
}
